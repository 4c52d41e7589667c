using System.Diagnostics;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

public sealed class KillTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task Kill_9_mid_drive_and_a_restart_on_the_same_queue_lose_nothing()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-kill"));
        await using var _ = consumer;

        // Run 1: 20 Hz, batches of 25; SIGKILL while at least 10 fixes wait in the queue.
        using Process first = StartPublisher(broker, first: 0, count: 400, rateHz: 20);
        int killedAt = -1;
        while (await first.StandardOutput.ReadLineAsync() is { } line)
        {
            string[] words = line.Split(' ');
            if (words[0] == "fix" && int.Parse(words[1]) >= 60 && int.Parse(words[3]) >= 10)
            {
                first.Kill(); // SIGKILL: no flush, no goodbye
                killedAt = int.Parse(words[1]);
                break;
            }
        }

        await first.WaitForExitAsync();
        Assert.InRange(killedAt, 60, 398);
        Assert.Equal(137, first.ExitCode);

        // Run 2 on the same queue directory: it recovers what was not acknowledged and goes on.
        using Process second = StartPublisher(broker, first: killedAt + 1, count: 40, rateHz: 40);
        string[] output = (await second.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await second.WaitForExitAsync();
        Assert.Equal(0, second.ExitCode);
        string[] recovered = output[0].Split(' ');
        Assert.True(int.Parse(recovered[1]) >= 1, output[0]);
        long next = long.Parse(output[^1].Split(' ')[2]);
        Assert.StartsWith("drained", output[^1]);

        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= next - 1, TimeSpan.FromSeconds(15), () => $"{consumer.Counters} next {next}");
        Assert.Equal(Enumerable.Range(1, (int)next - 1).Select(i => (long)i), collector.Sequences("truck-kill").Order());
        Assert.Equal(0, consumer.Counters.Gaps);
        Assert.InRange(consumer.Counters.Duplicates, 0, 25); // at most the one batch in flight at the kill
        Assert.True(next - 1 >= 40 + 50, $"only {next - 1} fixes were queued in all");
    }

    [Fact]
    public async Task Fixes_dropped_in_a_dead_zone_are_reported_after_a_power_cut_and_only_once()
    {
        // Run 1: no broker (a closed loopback port); the queue of 5 drops the oldest 7 of 12 fixes; SIGKILL before any
        // connection could report them. Before the drops were noted on disk, the next start took them as reported.
        using Process first = StartTestPublisher("drop-offline", $"mqtt://127.0.0.1:{ClosedLoopbackPort()}", _queue, "5", "12");
        string? dropped = await first.StandardOutput.ReadLineAsync();
        first.Kill();
        await first.WaitForExitAsync();
        Assert.Equal("dropped 7", dropped);

        // Runs 2 and 3 on the same queue, the broker there: run 2 reports the 7 (with the queue's total), run 3 does not
        // repeat them. Each queues a driving event after its start: events go in queue order, so when run 3's has
        // arrived, a report run 3 queued at its start would have arrived before it.
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer platform, Collector _) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-dead-zone"));
        await using TelemetryConsumer __ = platform;
        var events = new System.Collections.Concurrent.ConcurrentQueue<ReceivedDeviceEvent>();
        using var stop = new CancellationTokenSource();
        Task reader = Task.Run(async () =>
        {
            await foreach (ReceivedDeviceEvent e in platform.ReadDeviceEventsAsync(stop.Token))
            {
                events.Enqueue(e);
            }
        });
        for (int run = 2; run <= 3; run++)
        {
            await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-dead-zone", _queue, capacity: 5);
            await publisher.StartAsync();
            DateTime marker = new(2026, 12, 1, 8, run, 0, DateTimeKind.Utc);
            Assert.True(publisher.TryEnqueueDrivingEvent(DeviceEventKind.HarshBraking, marker, 5, 300));
            await Collector.WaitUntilAsync(() => events.Any(e => e.EventTimeUtc == marker), TimeSpan.FromSeconds(20),
                () => string.Join(", ", events.Select(e => $"{e.Kind} {e.Count} #{e.Sequence}")));
        }

        await stop.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        ReceivedDeviceEvent report = Assert.Single(events.Where(e => e.Kind == DeviceEventKind.FixesDropped).DistinctBy(e => (e.QueueInstance, e.Sequence)));
        Assert.Equal((7L, 7L), (report.Count, report.DroppedTotal));
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Process StartPublisher(Mosquitto broker, int first, int count, int rateHz) =>
        StartTestPublisher(broker.Uri.ToString(), "truck-kill", _queue, first.ToString(), count.ToString(), rateHz.ToString(), "25");

    private static Process StartTestPublisher(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(SyntheticDrive).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
