using System.Buffers.Binary;
using System.IO.Hashing;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// State copies and records whose CRC is valid but whose numbers are impossible (found by the queue-crc fuzz target,
/// tests/fuzz/found/queue-crc), and acknowledgements of numbers never issued: no appended record may be lost or
/// share a number with another.
/// </summary>
public sealed class DurableQueueCorruptStateTests : IDisposable
{
    private const int HeadOffset = 12, NextOffset = 28;
    private readonly string _dir = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DurableQueue Open(string directory) =>
        DurableQueue.Open(new DurableQueueOptions { Directory = directory, FsyncInterval = TimeSpan.Zero });

    // Rewrites fields of a state copy (48 bytes: EDS2, generation, head, dropped, next, instance, CRC) with a valid CRC.
    private void PatchState(string name, params (int Offset, long Value)[] fields)
    {
        string path = Path.Combine(_dir, name);
        byte[] state = File.ReadAllBytes(path);
        Assert.Equal(48, state.Length);
        foreach ((int offset, long value) in fields)
        {
            BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(offset), value);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(44), Crc32.HashToUInt32(state.AsSpan(0, 44)));
        File.WriteAllBytes(path, state);
    }

    private static long Generation(string path) => BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path).AsSpan(4));

    private void AppendThree()
    {
        using DurableQueue queue = Open(_dir);
        for (int i = 1; i <= 3; i++)
        {
            Assert.Equal(i, queue.Append([(byte)i]));
        }
    }

    private void AssertRecords(DurableQueue queue, params long[] sequences) =>
        Assert.Equal(sequences, queue.Peek(100).Select(r => r.Sequence).ToArray());

    // The fuzz input's shape: next sequence long.MinValue. Before the fix 'next - 1' wrapped to long.MaxValue, the
    // numbering wrapped back to the head, the next append got sequence 2 again (a record already waiting had it) and
    // the next open skipped it as an older copy: the appended record was gone.
    [Fact]
    public void A_state_copy_with_an_impossible_next_sequence_is_rejected_and_the_other_copy_used()
    {
        AppendThree();
        string newer = Generation(Path.Combine(_dir, "state.a")) > Generation(Path.Combine(_dir, "state.b")) ? "state.a" : "state.b";
        PatchState(newer, (HeadOffset, 2), (NextOffset, long.MinValue));

        long appended;
        using (DurableQueue queue = Open(_dir))
        {
            Assert.Equal(1, queue.Recovery.StateCopiesRejected);
            Assert.False(queue.Recovery.StateDamaged); // the older copy is valid
            AssertRecords(queue, 1, 2, 3);
            appended = queue.Append([0xAB]);
            Assert.Equal(4, appended);
        }

        using (DurableQueue queue = Open(_dir))
        {
            Assert.Equal(0, queue.Recovery.StateCopiesRejected); // both copies were rewritten valid
            AssertRecords(queue, 1, 2, 3, 4);
            Assert.Equal([0xAB], queue.Peek(100)[^1].Payload);
            Assert.Equal(5, queue.NextSequence);
        }
    }

    [Fact]
    public void Both_state_copies_impossible_fall_back_to_the_segments_without_losing_a_record()
    {
        AppendThree();
        PatchState("state.a", (HeadOffset, 2), (NextOffset, long.MinValue));
        PatchState("state.b", (HeadOffset, -5), (NextOffset, 3));

        using (DurableQueue queue = Open(_dir))
        {
            Assert.Equal(2, queue.Recovery.StateCopiesRejected);
            Assert.True(queue.Recovery.StateDamaged);
            Assert.False(queue.Recovery.NewInstance); // the newest segment ends cleanly: its numbering is proven
            AssertRecords(queue, 1, 2, 3); // the head is unknown: everything on disk is resent (consumers drop duplicates)
            Assert.Equal(4, queue.Append([0xAB]));
        }

        using (DurableQueue queue = Open(_dir))
        {
            AssertRecords(queue, 1, 2, 3, 4);
        }
    }

    // Acknowledging a number the queue never issued used to move the head above the numbering: the next append got a
    // number below the head and the next open took it as acknowledged and dropped it. long.MaxValue wrapped the head
    // to long.MinValue.
    [Theory]
    [InlineData(1_000L)]
    [InlineData(long.MaxValue)]
    public void Acknowledging_a_number_never_issued_removes_what_is_waiting_and_keeps_later_appends(long acknowledged)
    {
        using (DurableQueue queue = Open(_dir))
        {
            for (int i = 1; i <= 3; i++)
            {
                queue.Append([(byte)i]);
            }

            Assert.Equal(3, queue.Remove(acknowledged));
            Assert.Equal(0, queue.Count);
            Assert.Equal(4, queue.Append([0xAB]));
            AssertRecords(queue, 4);
        }

        using (DurableQueue queue = Open(_dir))
        {
            Assert.Equal(0, queue.Recovery.StateCopiesRejected);
            AssertRecords(queue, 4);
            Assert.Equal([0xAB], queue.Peek(1)[0].Payload);
        }
    }

    // A valid-CRC state whose head is above every number issued is repaired (the numbering continues from the head,
    // see DurableQueueFuzzRegressionTests) and the repair is reported.
    [Fact]
    public void A_head_above_the_numbering_is_repaired_and_reported()
    {
        AppendThree();
        PatchState("state.a", (HeadOffset, 1_000));
        PatchState("state.b", (HeadOffset, 1_000));
        using DurableQueue queue = Open(_dir);
        Assert.True(queue.Recovery.NumberingRaisedToHead);
        Assert.Equal(0, queue.Recovery.StateCopiesRejected);
        Assert.Equal(1_000, queue.NextSequence);
    }

    // The last usable number: a record numbered long.MaxValue - 1 leaves the numbering at long.MaxValue, which no
    // record may carry (the next number would wrap). The append is refused with the documented IOException; nothing
    // already waiting is touched.
    [Fact]
    public void An_exhausted_numbering_refuses_appends_instead_of_wrapping()
    {
        AppendThree();
        PatchState("state.a", (NextOffset, long.MaxValue));
        PatchState("state.b", (NextOffset, long.MaxValue));
        using (DurableQueue queue = Open(_dir))
        {
            Assert.Equal(long.MaxValue, queue.NextSequence);
            IOException error = Assert.Throws<IOException>(() => queue.Append([0xAB]));
            Assert.Contains("numbering is exhausted", error.Message, StringComparison.Ordinal);
            Assert.Contains(_dir, error.Message, StringComparison.Ordinal);
            AssertRecords(queue, 1, 2, 3);
        }

        using (DurableQueue queue = Open(_dir))
        {
            AssertRecords(queue, 1, 2, 3);
        }
    }

    // Reopening with a smaller capacity drops the oldest records once: recovery used to leave the head below them, so
    // every later open recovered them again, dropped them again and counted them again.
    [Fact]
    public void Records_dropped_at_open_for_a_smaller_capacity_are_counted_once()
    {
        using (DurableQueue queue = Open(_dir))
        {
            for (int i = 1; i <= 5; i++)
            {
                queue.Append([(byte)i]);
            }
        }

        var smaller = new DurableQueueOptions { Directory = _dir, Capacity = 3, FsyncInterval = TimeSpan.Zero };
        for (int open = 0; open < 2; open++)
        {
            using DurableQueue queue = DurableQueue.Open(smaller);
            Assert.Equal(2, queue.DroppedTotal);
            AssertRecords(queue, 3, 4, 5);
        }
    }
}
