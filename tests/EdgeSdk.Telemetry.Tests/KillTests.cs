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

    private Process StartPublisher(Mosquitto broker, int first, int count, int rateHz)
    {
        string dll = typeof(SyntheticDrive).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string arg in new[] { dll, broker.Uri.ToString(), "truck-kill", _queue, first.ToString(), count.ToString(), rateHz.ToString(), "25" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
