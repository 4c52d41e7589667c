using System.Text;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli.Tests;

public sealed class TrackCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-track-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Ten epochs of GGA + RMC, one second apart, moving east: what a receiver writes.
    private string Recording()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            string time = $"0800{i:00}.00";
            string lon = $"11623.{8500 + (i * 62):0000}";
            text.Append(Sentence($"GNGGA,{time},3954.5220,N,{lon},E,1,12,0.8,48.2,M,-8.5,M,,")).Append("\r\n");
            text.Append(Sentence($"GNRMC,{time},A,3954.5220,N,{lon},E,10.0,90.0,261126,,,A")).Append("\r\n");
        }

        string path = Path.Combine(_dir, "drive.nmea");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Sentence(string body) => $"${body}*{body.Aggregate(0, (sum, c) => sum ^ c):X2}";

    [Fact]
    public async Task A_recording_reaches_a_subscriber_with_consecutive_sequence_numbers()
    {
        await using var broker = new EmbeddedBroker();
        await broker.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = new MqttConnectionOptions { BrokerUri = broker.Uri } });
        await consumer.StartAsync();
        var result = await EdgeSdkProcess.RunAsync($"track {Recording()} --mqtt mqtt://127.0.0.1:{broker.Port} --device truck-t --fleet f --queue {Path.Combine(_dir, "queue")}");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("edgesdk track: 10 fixes, 10 acknowledged, 0 queued, 0 dropped", result.StdOut);

        var received = new List<ReceivedFix>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Count < 10)
        {
            received.Add(await consumer.Fixes.ReadAsync(timeout.Token));
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), received.Select(f => f.Sequence));
        Assert.All(received, f => Assert.Equal("truck-t", f.DeviceId));
        Assert.Equal(new DateTime(2026, 11, 26, 8, 0, 9, DateTimeKind.Utc), received[^1].Fix.TimeUtc);
        Assert.Equal(116 + (23.8500 + (9 * 0.0062)) / 60, received[^1].Fix.LongitudeDegrees!.Value, 6);
    }

    [Fact]
    public async Task Without_a_broker_the_fixes_stay_queued_and_the_exit_code_says_so()
    {
        int port = BrokerCommandTests.FreePort();
        string queue = Path.Combine(_dir, "queue");
        var result = await EdgeSdkProcess.RunAsync($"track {Recording()} --mqtt mqtt://127.0.0.1:{port} --device truck-t --queue {queue} --drain-seconds 1");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("10 fixes, 0 acknowledged, 10 queued", result.StdOut);
        Assert.Contains($"10 fixes are still queued in {queue}", result.StdErr);
        Assert.NotEmpty(Directory.GetFiles(queue, "*.seg"));
    }

    [Fact]
    public async Task A_missing_source_is_one_clear_error()
    {
        var result = await EdgeSdkProcess.RunAsync($"track {_dir}/nope.nmea --device truck-t --queue {_dir}/q");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.nmea", result.StdErr);
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }
}
