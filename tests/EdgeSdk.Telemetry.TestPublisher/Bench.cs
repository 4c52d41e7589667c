using System.Diagnostics;
using EdgeSdk.Gnss;

namespace EdgeSdk.Telemetry.TestPublisher;

/// <summary>
/// `TestPublisher bench MQTT_URI QUEUE_DIR`: publish throughput at QoS 1 (through the durable queue),
/// end-to-end latency (handed to the publisher -> decoded by a consumer), bytes per fix, and RSS.
/// Numbers for the README; never asserted in a test.
/// </summary>
public static class Bench
{
    public static async Task<int> RunAsync(Uri broker, string queueDirectory)
    {
        var connection = new MqttConnectionOptions { BrokerUri = broker };
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = connection, Capacity = 100_000 });
        await consumer.StartAsync();
        var latencies = new System.Collections.Concurrent.ConcurrentQueue<double>();
        long received = 0;
        Task reader = Task.Run(async () =>
        {
            await foreach (ReceivedFix fix in consumer.ReadFixesAsync())
            {
                Interlocked.Increment(ref received);
                if (fix.DeviceId.StartsWith("latency", StringComparison.Ordinal))
                {
                    latencies.Enqueue((DateTime.UtcNow - fix.TimeUtc!.Value).TotalMilliseconds);
                }
            }
        });

        // Throughput: a backlog of an hour-long drive times 14, sent as fast as the broker acknowledges.
        const int count = 50_000;
        GnssFix[] fixes = SyntheticDrive.Fixes(count).ToArray();
        await using (var publisher = Publisher(connection, "throughput", Path.Combine(queueDirectory, "t"), TimeSpan.FromSeconds(10)))
        {
            await publisher.StartAsync();
            var clock = Stopwatch.StartNew();
            foreach (GnssFix fix in fixes)
            {
                await publisher.EnqueueAsync(fix);
            }

            double enqueueSeconds = clock.Elapsed.TotalSeconds;
            await publisher.WaitUntilDrainedAsync(TimeSpan.FromMinutes(5));
            TelemetryPublisherCounters status = publisher.Counters;
            Console.WriteLine($"throughput: {count} fixes acknowledged in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} fixes/s " +
                $"({status.Batches} messages, {status.BytesPerFix:F2} payload bytes/fix; hand-off+queue write {count / enqueueSeconds:F0} fixes/s)");
        }

        // Latency at 10 Hz, each fix sent at once (BatchMaxDelay 0), and at 1 Hz in batches of 10.
        foreach ((int hz, TimeSpan delay, int n) in new[] { (10, TimeSpan.Zero, 600), (1, TimeSpan.FromSeconds(10), 60) })
        {
            latencies.Clear();
            await using var publisher = Publisher(connection, $"latency{hz}", Path.Combine(queueDirectory, $"l{hz}"), delay);
            await publisher.StartAsync();
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / hz));
            for (int i = 0; i < n; i++)
            {
                await timer.WaitForNextTickAsync();
                publisher.TryEnqueue(new GnssFix { TimeUtc = DateTime.UtcNow, Mode = FixMode.ThreeD, LatitudeDegrees = 39.9, LongitudeDegrees = 116.4 });
            }

            await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(500);
            double[] sorted = [.. latencies.Order()];
            Console.WriteLine($"latency {hz} Hz, batch wait {delay.TotalSeconds:F0} s: n={sorted.Length} p50 {Percentile(sorted, 0.5):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms");
        }

        return 0;
    }

    /// <summary>
    /// `TestPublisher rss MQTT_URI QUEUE_DIR`: the publisher alone after an hour of driving (3,600 fixes,
    /// fed as fast as accepted), then after a day's backlog (86,400 fixes, queue full) with no broker.
    /// </summary>
    public static async Task<int> RssAsync(Uri broker, string queueDirectory)
    {
        Console.WriteLine($"RSS at start: {Rss()} MB");
        await using (var publisher = Publisher(new MqttConnectionOptions { BrokerUri = broker }, "rss", Path.Combine(queueDirectory, "hour"), TimeSpan.FromSeconds(10)))
        {
            await publisher.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(3_600))
            {
                await publisher.EnqueueAsync(fix);
            }

            await publisher.WaitUntilDrainedAsync(TimeSpan.FromMinutes(1));
            Console.WriteLine($"RSS after an hour of driving published: {Rss()} MB ({publisher.Counters.Acknowledged} acknowledged)");
        }

        var nowhere = new MqttConnectionOptions { BrokerUri = new Uri("mqtt://127.0.0.1:1") };
        await using (var publisher = Publisher(nowhere, "rss", Path.Combine(queueDirectory, "day"), TimeSpan.FromSeconds(10)))
        {
            await publisher.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(86_400))
            {
                await publisher.EnqueueAsync(fix);
            }

            await Task.Delay(1000);
            Console.WriteLine($"RSS with a full day queued (broker unreachable): {Rss()} MB ({publisher.Counters.Queued} queued, {Directory.GetFiles(Path.Combine(queueDirectory, "day")).Sum(f => new FileInfo(f).Length) / 1024} KiB on disk)");
        }

        return 0;
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / 1024 / 1024;
    }

    private static TelemetryPublisher Publisher(MqttConnectionOptions connection, string device, string queue, TimeSpan batchDelay) =>
        new(new TelemetryPublisherOptions { DeviceId = device, Connection = connection, QueueDirectory = queue, BatchMaxDelay = batchDelay });

    internal static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
