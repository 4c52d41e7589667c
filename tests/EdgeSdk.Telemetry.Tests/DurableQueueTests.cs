namespace EdgeSdk.Telemetry.Tests;

public sealed class DurableQueueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-queue-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DurableQueue Open(int capacity = 1000, int perSegment = 4) =>
        DurableQueue.Open(new DurableQueueOptions { Directory = _dir, Capacity = capacity, RecordsPerSegment = perSegment, FsyncInterval = TimeSpan.Zero });

    private static byte[] Payload(int i) => [(byte)i, (byte)(i >> 8), 0xAB];

    private static (int, int, int, long) Counts(QueueRecoveryReport r) => (r.SegmentsRead, r.RecordsRecovered, r.CorruptRecords, r.TruncatedBytes);

    [Fact]
    public void Unacknowledged_records_survive_a_reopen_and_acknowledged_ones_do_not()
    {
        using (DurableQueue queue = Open())
        {
            for (int i = 1; i <= 10; i++)
            {
                Assert.Equal(i, queue.Append(Payload(i)));
            }

            Assert.Equal(6, queue.Remove(6));
        }

        using DurableQueue reopened = Open();
        Assert.Equal(4, reopened.Count);
        Assert.Equal((2, 4, 0, 0L), Counts(reopened.Recovery)); // segments 1-4 deleted; 5-8 and 9-10 read
        Assert.Equal([7L, 8, 9, 10], reopened.Peek(10).Select(r => r.Sequence));
        Assert.Equal(Payload(7), reopened.Peek(1)[0].Payload);
        Assert.Equal(11, reopened.Append(Payload(11)));
    }

    [Fact]
    public void Numbering_continues_after_everything_was_acknowledged()
    {
        using (DurableQueue queue = Open())
        {
            for (int i = 1; i <= 9; i++)
            {
                queue.Append(Payload(i));
            }

            queue.Remove(9);
            Assert.Single(Directory.GetFiles(_dir, "*.seg")); // only the active segment is left
        }

        using DurableQueue reopened = Open();
        Assert.Equal(0, reopened.Count);
        Assert.Equal(10, reopened.Append(Payload(10)));
    }

    [Theory]
    [InlineData(1)]   // a header cut short
    [InlineData(18)]  // a payload cut short
    public void A_torn_tail_is_cut_off_and_the_records_before_it_kept(int keepBytesOfLastRecord)
    {
        using (DurableQueue queue = Open(perSegment: 100))
        {
            for (int i = 1; i <= 5; i++)
            {
                queue.Append(Payload(i));
            }
        }

        string segment = Directory.GetFiles(_dir, "*.seg").Single();
        long recordBytes = 16 + 3;
        long length = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(length - recordBytes + keepBytesOfLastRecord); // power cut while writing record 5
        }

        using DurableQueue reopened = Open(perSegment: 100);
        Assert.Equal([1L, 2, 3, 4], reopened.Peek(10).Select(r => r.Sequence));
        Assert.Equal((1, 4, 1, (long)keepBytesOfLastRecord), Counts(reopened.Recovery));
        Assert.Empty(reopened.Recovery.LostSequences);
        Assert.Equal(length - recordBytes, new FileInfo(segment).Length);
        Assert.Equal(5, reopened.Append(Payload(5)));
    }

    [Fact]
    public void A_record_with_a_bad_CRC_is_skipped_counted_and_its_sequence_reported_lost()
    {
        using (DurableQueue queue = Open(perSegment: 100))
        {
            for (int i = 1; i <= 5; i++)
            {
                queue.Append(Payload(i));
            }
        }

        string segment = Directory.GetFiles(_dir, "*.seg").Single();
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[12 + (2 * 19) + 16] ^= 0xFF; // first payload byte of record 3
        File.WriteAllBytes(segment, bytes);

        using (DurableQueue reopened = Open(perSegment: 100))
        {
            Assert.Equal([1L, 2, 4, 5], reopened.Peek(10).Select(r => r.Sequence));
            Assert.Equal(1, reopened.Recovery.CorruptRecords);
            Assert.Equal(19, reopened.Recovery.TruncatedBytes);
            Assert.Equal([new SequenceRange(3, 3)], reopened.Recovery.LostSequences);
            Assert.Equal(6, reopened.Append(Payload(6)));
        }

        using DurableQueue again = Open(perSegment: 100); // the damage was cut out and is reported once
        Assert.Equal([1L, 2, 4, 5, 6], again.Peek(10).Select(r => r.Sequence));
        Assert.Empty(again.Recovery.LostSequences);
    }

    [Fact]
    public void A_full_queue_drops_the_oldest_counts_them_and_remembers_the_count()
    {
        using (DurableQueue queue = Open(capacity: 5))
        {
            for (int i = 1; i <= 12; i++)
            {
                queue.Append(Payload(i));
            }

            Assert.Equal(7, queue.DroppedTotal);
            Assert.Equal([8L, 9, 10, 11, 12], queue.Peek(10).Select(r => r.Sequence));
        }

        using DurableQueue reopened = Open(capacity: 5);
        Assert.Equal(7, reopened.DroppedTotal);
        Assert.Equal([8L, 9, 10, 11, 12], reopened.Peek(10).Select(r => r.Sequence));
    }

    [Fact]
    public void Removing_after_a_drop_removes_only_what_is_still_there()
    {
        using DurableQueue queue = Open(capacity: 3);
        for (int i = 1; i <= 3; i++)
        {
            queue.Append(Payload(i));
        }

        IReadOnlyList<QueuedRecord> inFlight = queue.Peek(3);
        queue.Append(Payload(4)); // drops 1 while 1..3 are in flight
        Assert.Equal(2, queue.Remove(inFlight[^1].Sequence));
        Assert.Equal([4L], queue.Peek(10).Select(r => r.Sequence));
    }

    [Fact]
    public void A_directory_written_by_the_previous_format_keeps_its_records_numbering_and_instance_0()
    {
        // EDQ1 segment (no instance) with records 5..7, and the single 20-byte state file: head 5, 2 dropped.
        var segment = new List<byte>("EDQ1"u8.ToArray());
        for (long sequence = 5; sequence <= 7; sequence++)
        {
            byte[] payload = Payload((int)sequence);
            var body = new byte[8 + payload.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(body, sequence);
            payload.CopyTo(body, 8);
            var header = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), System.IO.Hashing.Crc32.HashToUInt32(body));
            segment.AddRange(header);
            segment.AddRange(body);
        }

        File.WriteAllBytes(Path.Combine(_dir, "00000000000000000005.seg"), [.. segment]);
        var state = new byte[20];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(state, 5);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(8), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(16), System.IO.Hashing.Crc32.HashToUInt32(state.AsSpan(0, 16)));
        File.WriteAllBytes(Path.Combine(_dir, "state"), state);

        using (DurableQueue queue = Open())
        {
            Assert.Equal(0, queue.InstanceId); // consumers keep tracking the same numbering
            Assert.Equal([5L, 6, 7], queue.Peek(10).Select(r => r.Sequence));
            Assert.Equal(Payload(6), queue.Peek(2)[1].Payload);
            Assert.Equal(2, queue.DroppedTotal);
            Assert.False(queue.Recovery.StateDamaged);
            Assert.Equal(8, queue.Append(Payload(8)));
        }

        Assert.False(File.Exists(Path.Combine(_dir, "state"))); // retired: the two new copies hold it now
        using DurableQueue reopened = Open();
        Assert.Equal((0L, 2L), (reopened.InstanceId, reopened.DroppedTotal));
        Assert.Equal([5L, 6, 7, 8], reopened.Peek(10).Select(r => r.Sequence));
    }

    [Fact]
    public void A_fresh_directory_gets_a_random_instance_that_survives_reopening()
    {
        long instance;
        using (DurableQueue queue = Open())
        {
            instance = queue.InstanceId;
            Assert.NotEqual(0, instance);
            Assert.False(queue.Recovery.StateDamaged);
            Assert.False(queue.Recovery.NewInstance);
        }

        using DurableQueue reopened = Open();
        Assert.Equal(instance, reopened.InstanceId);
    }
}
