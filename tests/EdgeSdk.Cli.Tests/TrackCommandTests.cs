using System.Text;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;

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

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        List<ReceivedFix> received = await consumer.ReadFixesAsync(timeout.Token).Take(10).ToListAsync(timeout.Token);

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), received.Select(f => f.Sequence));
        Assert.All(received, f => Assert.Equal("truck-t", f.DeviceId));
        Assert.Equal(new DateTime(2026, 11, 26, 8, 0, 9, DateTimeKind.Utc), received[^1].TimeUtc);
        Assert.Equal(116 + (23.8500 + (9 * 0.0062)) / 60, received[^1].LongitudeDegrees!.Value, 6);
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

    // mosquitto answers a QoS 1 PUBLISH nobody is subscribed to with PUBACK 0x10 "no matching subscribers" and drops it.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fixes_sent_while_nobody_subscribes_wait_for_a_consumer_only_with_hold_without_subscriber(bool hold)
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        string queue = Path.Combine(_dir, "queue");
        string run = $"track {Recording()} --mqtt {broker.Uri} --device truck-h --fleet f --queue {queue}{(hold ? " --hold-without-subscriber" : string.Empty)}";

        // No subscriber on the broker.
        var alone = await EdgeSdkProcess.RunAsync(run + " --drain-seconds 2");
        if (hold)
        {
            Assert.True(alone.ExitCode == 3, $"exit {alone.ExitCode}\n{alone.StdOut}\n{alone.StdErr}");
            Assert.Contains("edgesdk track: 10 fixes, 0 acknowledged, 10 queued, 0 dropped", alone.StdOut);
            Assert.Contains($"10 fixes are still queued in {queue}", alone.StdErr);
        }
        else
        {
            Assert.True(alone.ExitCode == 0, $"exit {alone.ExitCode}\n{alone.StdOut}\n{alone.StdErr}");
            Assert.Contains("edgesdk track: 10 fixes, 10 acknowledged, 0 queued, 0 dropped", alone.StdOut);
        }

        // A consumer subscribes; the same recording again.
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = new MqttConnectionOptions { BrokerUri = broker.Uri }, Fleet = "f" });
        await consumer.StartAsync();
        var watched = await EdgeSdkProcess.RunAsync(run + " --drain-seconds 60");
        Assert.True(watched.ExitCode == 0, $"exit {watched.ExitCode}\n{watched.StdOut}\n{watched.StdErr}");
        Assert.Contains(", 0 queued, 0 dropped", watched.StdOut);

        // With the hold, the first run's fixes come first; without it the broker threw them away.
        int first = hold ? 1 : 11;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        List<ReceivedFix> received = await consumer.ReadFixesAsync(timeout.Token).Take(21 - first).ToListAsync(timeout.Token);
        Assert.Equal(Enumerable.Range(first, 21 - first).Select(i => (long)i), received.Select(f => f.Sequence));
    }

    [Theory]
    [InlineData("{dir}/nope.nmea --device truck-t --queue {dir}/q", "nope.nmea")]
    [InlineData("{recording} --jt808 tcp://127.0.0.1:9 --phone 013800000000 --queue {dir}/q --hold-without-subscriber", "--hold-without-subscriber is for the MQTT path")]
    public async Task A_bad_track_command_is_one_clear_error(string arguments, string expected)
    {
        string recording = arguments.Contains("{recording}", StringComparison.Ordinal) ? Recording() : string.Empty;
        var result = await EdgeSdkProcess.RunAsync("track " + arguments.Replace("{recording}", recording).Replace("{dir}", _dir));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }

    // A real receiver's capture (gpsd's Quectel L76K log) repeated 60 times: ≈ 9,000 fixes, many times the
    // publisher's 1,024-fix hand-off, read far faster than the queue writer stores them.
    private string LargeCapture()
    {
        string capture = File.ReadAllText(GpsdCaptures.PathOf("quectel-l76k-nmea.log"));
        string path = Path.Combine(_dir, "large.nmea");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat(capture, 60)));
        return path;
    }

    [Fact]
    public async Task A_large_capture_through_every_source_form_is_acknowledged_in_full()
    {
        string capture = LargeCapture();
        int produced = 0;
        await using (GnssReceiver receiver = GnssReceiver.Open(capture))
        {
            await foreach (GnssFix _ in receiver.ReadFixesAsync())
            {
                produced++;
            }
        }

        Assert.True(produced > 5_000, $"{produced} fixes");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = new MqttConnectionOptions { BrokerUri = broker.Uri }, Fleet = "f" });
        await consumer.StartAsync();
        var received = new Dictionary<string, List<long>>();
        var reader = Task.Run(async () =>
        {
            await foreach (ReceivedFix fix in consumer.ReadFixesAsync())
            {
                lock (received)
                {
                    (received.TryGetValue(fix.DeviceId, out List<long>? list) ? list : received[fix.DeviceId] = []).Add(fix.Sequence);
                }
            }
        });

        (string Form, string Source, string? Stdin)[] forms = [("path", capture, null), ("file-uri", "file:" + capture, null), ("stdin", "-", File.ReadAllText(capture))];
        foreach ((string form, string source, string? stdin) in forms)
        {
            var result = await EdgeSdkProcess.RunAsync(
                $"track {source} --mqtt {broker.Uri} --device truck-{form} --fleet f --queue {Path.Combine(_dir, form)} --drain-seconds 60", stdin, TimeSpan.FromMinutes(4));
            Assert.True(result.ExitCode == 0, $"{form}: exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
            Assert.Contains($"edgesdk track: {produced} fixes, {produced} acknowledged, 0 queued, 0 dropped, 0 refused, 0 lost, 0 refused by the broker", result.StdOut);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (forms.Any(f => Count(received, "truck-" + f.Form) < produced) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        foreach ((string form, _, _) in forms)
        {
            lock (received)
            {
                Assert.Equal(Enumerable.Range(1, produced).Select(i => (long)i), received["truck-" + form]); // acknowledged = produced = delivered
            }
        }
    }

    private static int Count(Dictionary<string, List<long>> received, string device)
    {
        lock (received)
        {
            return received.TryGetValue(device, out List<long>? list) ? list.Count : 0;
        }
    }

    [Fact]
    public async Task A_queue_directory_in_use_is_one_clear_error_at_once()
    {
        string queue = Path.Combine(_dir, "busy");
        using DurableQueue holder = DurableQueue.Open(new DurableQueueOptions { Directory = queue });
        var result = await EdgeSdkProcess.RunAsync($"track {Recording()} --mqtt mqtt://127.0.0.1:1 --device truck-t --queue {queue}", timeout: TimeSpan.FromSeconds(90));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: queue directory '{queue}' is in use by another queue (another process or publisher); give each one its own directory", result.StdErr.Trim());
    }

    [Fact]
    public async Task A_read_only_queue_directory_is_one_clear_error_at_once()
    {
        if (Environment.UserName != "root")
        {
            return; // root is needed to mount a read-only tmpfs; A_queue_directory_in_use_is_one_clear_error_at_once covers the path
        }

        string mount = Directory.CreateTempSubdirectory("edgesdk-ro-").FullName;
        Run("mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", mount);
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"track {Recording()} --mqtt mqtt://127.0.0.1:1 --device truck-t --queue {mount}", timeout: TimeSpan.FromSeconds(90));
            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"edgesdk: --queue {mount} cannot be used: the file system is read-only — choose a folder you can write to", result.StdErr.Trim());
        }
        finally
        {
            Run("umount", "-l", mount);
            Directory.Delete(mount);
        }
    }

    private static void Run(string command, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(command, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
