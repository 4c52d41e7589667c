using System.Buffers.Binary;
using System.Diagnostics;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// Fault injection for the durable queue (issue 19): each test reproduces a fault that lost or duplicated fixes
/// and checks accepted against delivered — equal, or the loss reported with its exact sequence numbers.
/// </summary>
public sealed class DurableQueueFaultTests : IDisposable
{
    private const int SegmentHeaderBytes = 12, RecordHeaderBytes = 16;
    private readonly string _dir = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DurableQueue Open(string directory, int perSegment = 4_096) =>
        DurableQueue.Open(new DurableQueueOptions { Directory = directory, RecordsPerSegment = perSegment, FsyncInterval = TimeSpan.Zero });

    private static byte[] Payload(int i) => BitConverter.GetBytes(i);

    [Fact]
    public void A_second_queue_on_the_same_directory_is_refused_with_one_line_naming_it()
    {
        using (DurableQueue first = Open(_dir))
        {
            first.Append(Payload(1));
            IOException refused = Assert.Throws<IOException>(() => Open(_dir));
            Assert.Equal($"queue directory '{_dir}' is in use by another queue (another process or publisher); give each one its own directory", refused.Message);
            Assert.Equal(2, first.Append(Payload(2))); // the refused one took nothing
        }

        using DurableQueue reopened = Open(_dir); // the lock goes with the queue
        Assert.Equal([1L, 2], reopened.Peek(10).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Two_publisher_processes_on_one_queue_directory_the_second_is_refused_and_the_first_delivers_all()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-two"));
        await using var _ = consumer;

        using Process first = StartPublisher(broker, "truck-two", count: 1_000, rateHz: 50);
        Assert.StartsWith("recovered 0 next 1", await first.StandardOutput.ReadLineAsync());
        using Process second = StartPublisher(broker, "truck-two", count: 1_000, rateHz: 50);
        string secondErr = await second.StandardError.ReadToEndAsync();
        await second.WaitForExitAsync();
        Assert.Equal(2, second.ExitCode);
        Assert.Equal($"error: queue directory '{_dir}' is in use by another queue (another process or publisher); give each one its own directory", secondErr.Trim());

        string[] output = (await first.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await first.WaitForExitAsync();
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("drained next 1001", output[^1]);
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 1_000, TimeSpan.FromSeconds(30), () => consumer.Counters.ToString());
        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), collector.Sequences("truck-two")); // accepted 1,000 = delivered 1,000
        Assert.Equal(0, consumer.Counters.Duplicates);
    }

    [Theory]
    [InlineData(false)] // both state copies damaged: the newest segment still proves the numbering
    [InlineData(true)]  // state damaged and the segments gone: a new queue instance, never reused numbers
    public async Task A_damaged_state_never_makes_consumers_drop_new_fixes_as_duplicates(bool deleteSegments)
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-state"));
        await using var _ = consumer;
        long firstInstance;
        await using (TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-state", _dir))
        {
            await publisher.StartAsync();
            await EnqueueAsync(publisher, SyntheticDrive.Fixes(100, 0));
            Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(30)), publisher.Counters.ToString());
            firstInstance = InstanceOf(_dir);
        }

        foreach (string state in new[] { "state.a", "state.b" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(_dir, state));
            bytes[14] ^= 0x5A; // inside the head: the CRC no longer matches
            File.WriteAllBytes(Path.Combine(_dir, state), bytes);
        }

        if (deleteSegments)
        {
            Array.ForEach(Directory.GetFiles(_dir, "*.seg"), File.Delete);
        }

        await using (TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-state", _dir))
        {
            await publisher.StartAsync();
            Assert.True(publisher.Recovery!.StateDamaged);
            Assert.Equal(deleteSegments, publisher.Recovery.NewInstance);
            Assert.Equal(deleteSegments ? 1 : 101, publisher.Counters.NextSequence);
            await EnqueueAsync(publisher, SyntheticDrive.Fixes(100, 100));
            Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(30)), publisher.Counters.ToString());
        }

        Assert.Equal(deleteSegments, InstanceOf(_dir) != firstInstance);
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 200, TimeSpan.FromSeconds(30), () => consumer.Counters.ToString());
        ReceivedFix[] fixes = collector.Fixes;
        Assert.Equal(200, fixes.Length); // accepted 200 = delivered 200
        Assert.Equal(SyntheticDrive.Fixes(200).Select(f => f.TimeUtc), fixes.Select(f => f.TimeUtc));
        long[] expected = deleteSegments
            ? [.. Enumerable.Range(1, 100).Select(i => (long)i), .. Enumerable.Range(1, 100).Select(i => (long)i)]
            : [.. Enumerable.Range(1, 200).Select(i => (long)i)];
        Assert.Equal(expected, fixes.Select(f => f.Sequence));
        // Without a valid state the head is unknown: the first 100 are sent again and dropped as duplicates.
        Assert.Equal(deleteSegments ? 0 : 100, consumer.Counters.Duplicates);
    }

    [Fact]
    public void Bit_flips_in_segments_lose_only_the_damaged_records_and_report_their_sequence_numbers()
    {
        using (DurableQueue queue = Open(_dir))
        {
            for (int i = 1; i <= 20_000; i++)
            {
                queue.Append(Payload(i));
            }
        }

        FlipByte(_dir, sequence: 5_000, offsetInRecord: RecordHeaderBytes + 1);  // a payload byte
        FlipByte(_dir, sequence: 12_000, offsetInRecord: 1);                      // the length field: resynchronise after it
        FlipByte(_dir, sequence: 8_192, offsetInRecord: 9);                       // the sequence of a segment's last record (its tail)

        using DurableQueue reopened = Open(_dir);
        Assert.Equal([new SequenceRange(5_000, 5_000), new SequenceRange(8_192, 8_192), new SequenceRange(12_000, 12_000)], reopened.Recovery.LostSequences);
        Assert.Equal(3, reopened.Recovery.LostRecords);
        Assert.Equal(3, reopened.Recovery.CorruptRecords);
        Assert.Equal(3 * (RecordHeaderBytes + 4), reopened.Recovery.TruncatedBytes);
        Assert.Equal(19_997, reopened.Count);
        long[] expected = Enumerable.Range(1, 20_000).Where(i => i is not (5_000 or 8_192 or 12_000)).Select(i => (long)i).ToArray();
        Assert.Equal(expected, reopened.Peek(20_000).Select(r => r.Sequence));
        Assert.All(reopened.Peek(20_000), r => Assert.Equal(Payload((int)r.Sequence), r.Payload));
        Assert.Equal(20_001, reopened.Append(Payload(20_001)));
    }

    [Fact]
    public async Task Bit_flips_in_a_backlog_deliver_the_rest_and_report_the_lost_sequence_numbers_to_the_platform()
    {
        // Queue 20,000 fixes while the broker is unreachable, damage two records, then deliver.
        Uri nowhere = new($"mqtt://127.0.0.1:{FreePort()}");
        await using (TelemetryPublisher offline = Telemetry.Publisher(Telemetry.Connection(nowhere), "truck-flip", _dir))
        {
            await offline.StartAsync();
            await EnqueueAsync(offline, SyntheticDrive.Fixes(20_000));
            await Collector.WaitUntilAsync(() => offline.Counters.Queued == 20_000, TimeSpan.FromSeconds(60), () => offline.Counters.ToString());
        }

        FlipByte(_dir, sequence: 4_539, offsetInRecord: RecordHeaderBytes + 3);
        FlipByte(_dir, sequence: 15_461, offsetInRecord: 2);

        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-flip"));
        await using var _ = consumer;
        var events = new List<TelemetryEvent>();
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-flip", _dir);
        publisher.EventRaised += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
        await publisher.StartAsync();
        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(120)), publisher.Counters.ToString());
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 19_998, TimeSpan.FromSeconds(60), () => consumer.Counters.ToString());

        long[] delivered = collector.Sequences("truck-flip");
        Assert.Equal(Enumerable.Range(1, 20_000).Where(i => i is not (4_539 or 15_461)).Select(i => (long)i), delivered);
        Assert.Equal(2, publisher.Counters.Lost);
        Assert.Equal(2, consumer.Counters.Gaps); // the platform sees the two holes ...
        TelemetryEvent lost;
        lock (events)
        {
            lost = events.Single(e => e.Kind == TelemetryEventKind.FixesLost);
        }

        Assert.Equal(2, lost.Count); // ... and the device says which they are
        Assert.EndsWith("2 fixes lost, sequence numbers 4539, 15461", lost.Message);
    }

    [RootFact]
    public void A_full_disk_refuses_appends_without_leaving_bytes_behind_and_resumes_when_space_returns()
    {
        using Tmpfs disk = Tmpfs.Mount(sizeKiB: 256);
        string directory = Path.Combine(disk.Path, "queue");
        using DurableQueue queue = Open(directory, perSegment: 100_000);
        string filler = disk.Fill(leaveBytes: 8 * 1024);
        int accepted = 0;
        IOException? full = null;
        for (int i = 1; i <= 2_000 && full == null; i++)
        {
            try
            {
                Assert.Equal(accepted + 1, queue.Append(Payload(i)));
                accepted++;
            }
            catch (IOException ex)
            {
                full = ex;
            }
        }

        Assert.NotNull(full);
        Assert.Equal($"cannot write the queue in '{directory}': no space left on device", full.Message);
        string segment = Directory.GetFiles(directory, "*.seg").Single();
        long length = new FileInfo(segment).Length;
        Assert.Equal(SegmentHeaderBytes + (accepted * (RecordHeaderBytes + 4)), length); // no stray partial record
        for (int i = 0; i < 50; i++)
        {
            Assert.Throws<IOException>(() => queue.Append(Payload(-1))); // refused, numbered nothing
        }

        Assert.Equal(length, new FileInfo(segment).Length);
        Assert.Equal(accepted + 1, queue.NextSequence);
        Assert.NotNull(queue.LastError);
        Assert.Equal(accepted, queue.Remove(accepted)); // the head commit works on a full disk (in place)

        File.Delete(filler);
        Assert.Equal(accepted + 1, queue.Append(Payload(accepted + 1)));
        Assert.Null(queue.LastError);
        queue.Dispose();

        using DurableQueue reopened = Open(directory, perSegment: 100_000);
        Assert.Equal((0, 0L), (reopened.Recovery.CorruptRecords, reopened.Recovery.TruncatedBytes));
        Assert.Equal([(long)accepted + 1], reopened.Peek(10).Select(r => r.Sequence));
        Assert.Equal(Payload(accepted + 1), reopened.Peek(1)[0].Payload); // not a refused record written late
    }

    [RootFact]
    public async Task A_full_disk_is_a_state_reported_once_the_sender_lives_and_every_stored_fix_is_delivered()
    {
        using Tmpfs disk = Tmpfs.Mount(sizeKiB: 512);
        string directory = Path.Combine(disk.Path, "queue");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-full"));
        await using var _ = consumer;
        var events = new List<TelemetryEvent>();
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-full", directory);
        publisher.EventRaised += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
        await publisher.StartAsync();
        string filler = disk.Fill(leaveBytes: 8 * 1024);
        GnssFix[] drive = SyntheticDrive.Fixes(4_000).ToArray();
        await EnqueueAsync(publisher, drive.Take(2_000));
        await Collector.WaitUntilAsync(() => publisher.Counters.StoreFailures > 0 && publisher.Counters.Queued == 0, TimeSpan.FromSeconds(60), () => publisher.Counters.ToString());
        File.Delete(filler);
        await EnqueueAsync(publisher, drive.Skip(2_000));
        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(60)), publisher.Counters.ToString());

        TelemetryPublisherCounters status = publisher.Counters;
        long stored = status.Accepted - status.StoreFailures;
        Assert.Equal(4_000, status.Accepted);
        Assert.InRange(status.StoreFailures, 1, 1_999);
        Assert.Equal(stored, status.Acknowledged); // the sender never died
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= stored, TimeSpan.FromSeconds(30), () => consumer.Counters.ToString());
        ReceivedFix[] fixes = collector.Fixes;
        Assert.Equal(Enumerable.Range(1, (int)stored).Select(i => (long)i), fixes.Select(f => f.Sequence)); // no gap: refused fixes got no number
        Assert.Equal(0, consumer.Counters.Duplicates);
        DateTime[] times = fixes.Select(f => f.TimeUtc!.Value).ToArray();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), "a refused fix was written later under another number");
        Assert.Equal(drive[^1].TimeUtc, times[^1]);
        lock (events)
        {
            TelemetryEvent failed = events.Single(e => e.Kind == TelemetryEventKind.StoreFailed); // one line per event
            Assert.Contains("no space left on device", failed.Message);
            Assert.Equal(status.StoreFailures, events.Single(e => e.Kind == TelemetryEventKind.StoreRecovered).Count);
        }
    }

    [RootFact]
    public void A_read_only_queue_directory_is_one_clear_error_at_open()
    {
        using Tmpfs disk = Tmpfs.Mount(sizeKiB: 64, readOnly: true);
        IOException error = Assert.Throws<IOException>(() => Open(disk.Path));
        Assert.Equal($"queue directory '{disk.Path}' cannot be used: read-only file system", error.Message);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task EnqueueAsync(TelemetryPublisher publisher, IEnumerable<GnssFix> fixes)
    {
        foreach (GnssFix fix in fixes)
        {
            await publisher.EnqueueAsync(fix);
        }
    }

    // The instance in the newest segment's header.
    private static long InstanceOf(string directory) =>
        BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(Directory.GetFiles(directory, "*.seg").Max()!).AsSpan(4, 8));

    // Flips one byte of the record with this sequence number, found by walking the segment files.
    private static void FlipByte(string directory, long sequence, int offsetInRecord)
    {
        foreach (string path in Directory.GetFiles(directory, "*.seg").Order())
        {
            byte[] bytes = File.ReadAllBytes(path);
            for (int position = SegmentHeaderBytes; position + RecordHeaderBytes <= bytes.Length;)
            {
                int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
                if (BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position + 8)) == sequence)
                {
                    bytes[position + offsetInRecord] ^= 0x10;
                    File.WriteAllBytes(path, bytes);
                    return;
                }

                position += RecordHeaderBytes + length;
            }
        }

        throw new InvalidOperationException($"record {sequence} not found in {directory}");
    }

    private Process StartPublisher(Mosquitto broker, string device, int count, int rateHz)
    {
        string dll = typeof(SyntheticDrive).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { dll, broker.Uri.ToString(), device, _dir, "0", count.ToString(), rateHz.ToString(), "10" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
