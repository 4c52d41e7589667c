using System.Buffers.Binary;
using System.IO.Hashing;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>Inputs found by the fuzzer (tests/fuzz, target queue-crc), kept as regression tests.</summary>
public sealed class DurableQueueFuzzRegressionTests : IDisposable
{
    private readonly string _dir = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DurableQueue Open(string directory) =>
        DurableQueue.Open(new DurableQueueOptions { Directory = directory, FsyncInterval = TimeSpan.Zero });

    // Both state copies say head 1,000 (CRC valid) while the records and the numbering end at 3: before the fix the
    // next append got sequence 4, below the head, and the next open dropped it as acknowledged.
    [Fact]
    public void A_state_head_above_every_issued_number_keeps_new_records_across_a_reopen()
    {
        using (DurableQueue queue = Open(_dir))
        {
            for (int i = 1; i <= 3; i++)
            {
                queue.Append([(byte)i]);
            }
        }

        foreach (string name in new[] { "state.a", "state.b" })
        {
            string path = Path.Combine(_dir, name);
            byte[] state = File.ReadAllBytes(path);
            Assert.Equal(48, state.Length);
            BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(12), 1_000); // head
            BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(44), Crc32.HashToUInt32(state.AsSpan(0, 44)));
            File.WriteAllBytes(path, state);
        }

        long appended;
        using (DurableQueue queue = Open(_dir))
        {
            Assert.Empty(queue.Peek(10)); // 1..3 are below the head: acknowledged
            appended = queue.Append([0xAB]);
            Assert.Equal(1_000, appended);
        }

        using (DurableQueue queue = Open(_dir))
        {
            QueuedRecord record = Assert.Single(queue.Peek(10));
            Assert.Equal(1_000, record.Sequence);
            Assert.Equal([0xAB], record.Payload);
            Assert.Equal(1_001, queue.NextSequence);
        }
    }
}
