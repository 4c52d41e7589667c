using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Samples.Tests;

/// <summary>The built AotTracker (JIT) run as a user runs it: a capture replayed into mosquitto, the one-line errors, the drain on SIGTERM.</summary>
public sealed class AotTrackerTests : IDisposable
{
    private const string Capture = "quectel-l76k-nmea.log";
    private readonly string _queue = Await.TempDirectory();

    [Fact]
    public async Task A_replayed_capture_arrives_at_the_broker_fix_for_fix_in_order()
    {
        string capture = GpsdCaptures.PathOf(Capture);
        int expected = await CountFixesAsync(capture);
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri, ClientId = "platform" },
            Fleet = "tests",
        });
        await consumer.StartAsync();

        (int exit, List<string> output, List<string> errors) = await SampleProcessTests.RunAsync("AotTracker",
            capture, "--mqtt", broker.Uri.ToString(), "--device", "van-3", "--fleet", "tests", "--queue", _queue, "--status", "0");

        Assert.True(exit == 0, $"exit {exit}: {string.Join(" | ", errors)}");
        Assert.Empty(errors);
        Assert.Equal($"stopped: {expected} fixes read, {expected} acked, 0 still queued, 0 not delivered", output[^1]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        List<ReceivedFix> received = await consumer.ReadFixesAsync(timeout.Token).Take(expected).ToListAsync(timeout.Token);
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), received.Select(r => r.Sequence));
        Assert.All(received, r => Assert.Equal(("tests", "van-3"), (r.Fleet, r.DeviceId)));
        Assert.True(expected > 100, $"{Capture} gave {expected} fixes");
    }

    [Fact]
    public async Task A_missing_serial_port_is_one_line_naming_it_and_exit_code_1()
    {
        (int exit, List<string> output, List<string> errors) = await SampleProcessTests.RunAsync("AotTracker",
            "serial:/dev/ttyEdgeSdkMissing0", "--mqtt", "mqtt://127.0.0.1:9", "--device", "van-3", "--queue", _queue);

        Assert.Equal(1, exit);
        Assert.Equal(["AotTracker: the GNSS source cannot be read: serial port /dev/ttyEdgeSdkMissing0 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)"], errors);
        Assert.DoesNotContain(output, line => line.StartsWith("stopped:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--verbose", "AotTracker: unknown option '--verbose' (see --help)")]
    [InlineData("--status", "AotTracker: --status needs a value (see --help)")]
    [InlineData("--drain -1", "AotTracker: --drain takes seconds from 0 to 86400, not '-1'")]
    [InlineData("--device a/b", "AotTracker: device ID 'a/b' is not allowed: use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'")]
    [InlineData("--mqtt http://broker:1883", "AotTracker: 'http://broker:1883' is not a broker address: use mqtt://HOST:PORT (or mqtts://HOST:PORT for TLS)")]
    public async Task A_bad_argument_is_one_line_and_exit_code_2(string bad, string expected)
    {
        (int exit, List<string> output, List<string> errors) = await SampleProcessTests.RunAsync("AotTracker",
            ["serial:/dev/ttyEdgeSdkMissing0", "--mqtt", "mqtt://127.0.0.1:9", "--device", "van-3", "--queue", _queue, .. bad.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal([expected], errors);
    }

    [Fact]
    public async Task A_broker_that_never_answers_leaves_the_file_in_the_queue_and_exit_code_1()
    {
        string capture = GpsdCaptures.PathOf(Capture);
        int expected = await CountFixesAsync(capture);

        (int exit, List<string> output, List<string> errors) = await SampleProcessTests.RunAsync("AotTracker",
            capture, "--mqtt", $"mqtt://127.0.0.1:{ClosedPort()}", "--device", "van-3", "--queue", _queue, "--status", "0", "--drain", "1");

        Assert.Equal(1, exit);
        string error = Assert.Single(errors);
        Assert.Contains($"{expected} fixes stay in the queue for the next run", error, StringComparison.Ordinal);
        Assert.Equal($"stopped: {expected} fixes read, 0 acked, {expected} still queued, 0 not delivered", output[^1]);
    }

    [Fact]
    public async Task Sigterm_on_a_live_source_drains_briefly_and_leaves_the_rest_in_the_queue()
    {
        // A receiver on TCP that keeps the connection open after its sentences, as a live one does; no broker.
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        byte[] sentences = await File.ReadAllBytesAsync(GpsdCaptures.PathOf(Capture));
        Task<TcpClient> accepted = server.AcceptTcpClientAsync();
        var output = new LineWriter();
        using Process process = SampleProcessTests.Start("AotTracker", output,
            $"tcp://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}", "--mqtt", $"mqtt://127.0.0.1:{ClosedPort()}",
            "--device", "van-3", "--queue", _queue, "--status", "0", "--drain", "1");
        using TcpClient client = await accepted.WaitAsync(TimeSpan.FromSeconds(60));
        await client.GetStream().WriteAsync(sentences);
        await Await.UntilAsync(() => output.Lines.Any(l => l.StartsWith("first fix:", StringComparison.Ordinal)), () => string.Join(" | ", output.Lines));

        // A new queue drew its instance ID without mapping OpenSSL (3.7 MB of a board's RSS; nothing else here needs it).
        string maps = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");
        Assert.DoesNotContain("libssl", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libcrypto", maps, StringComparison.Ordinal);

        Process.Start("kill", $"-TERM {process.Id}")!.WaitForExit();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, process.ExitCode);
        string stopped = output.Lines[^1];
        Assert.Matches(@"^stopped: (\d+) fixes read, 0 acked, \1 still queued, 0 not delivered$", stopped);
    }

    // mosquitto answers a QoS 1 PUBLISH nobody is subscribed to with PUBACK 0x10 "no matching subscribers" and drops it.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fixes_sent_while_nobody_subscribes_wait_for_a_consumer_only_with_hold_without_subscriber(bool hold)
    {
        string capture = GpsdCaptures.PathOf(Capture);
        int expected = await CountFixesAsync(capture);
        await using Mosquitto broker = await Mosquitto.StartAsync();
        string[] run = ["--mqtt", broker.Uri.ToString(), "--device", "van-4", "--fleet", "tests", "--queue", _queue, "--status", "0", .. hold ? ["--hold-without-subscriber"] : Array.Empty<string>()];

        // No subscriber on the broker.
        (int exit, List<string> output, List<string> errors) = await SampleProcessTests.RunAsync("AotTracker", [capture, .. run, "--drain", "2"]);
        if (hold)
        {
            Assert.Equal(1, exit);
            Assert.Contains($"{expected} fixes stay in the queue for the next run", Assert.Single(errors), StringComparison.Ordinal);
            Assert.Equal($"stopped: {expected} fixes read, 0 acked, {expected} still queued, 0 not delivered", output[^1]);
        }
        else
        {
            Assert.True(exit == 0, $"exit {exit}: {string.Join(" | ", errors)}");
            Assert.Equal($"stopped: {expected} fixes read, {expected} acked, 0 still queued, 0 not delivered", output[^1]);
        }

        // A consumer subscribes; the same capture again.
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri, ClientId = "platform" },
            Fleet = "tests",
        });
        await consumer.StartAsync();
        (exit, output, errors) = await SampleProcessTests.RunAsync("AotTracker", [capture, .. run, "--drain", "60"]);
        Assert.True(exit == 0, $"exit {exit}: {string.Join(" | ", errors)}");
        Assert.EndsWith("0 still queued, 0 not delivered", output[^1], StringComparison.Ordinal);

        // With the hold, the first run's fixes come first; without it the broker threw them away.
        int first = hold ? 1 : expected + 1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        List<ReceivedFix> received = await consumer.ReadFixesAsync(timeout.Token).Take(2 * expected - first + 1).ToListAsync(timeout.Token);
        Assert.Equal(Enumerable.Range(first, 2 * expected - first + 1).Select(i => (long)i), received.Select(r => r.Sequence));
        Assert.Equal(0, consumer.Counters.Duplicates);
    }

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    // What the library makes of the file in-process: the count the tracker must deliver.
    private static async Task<int> CountFixesAsync(string capture)
    {
        await using GnssReceiver receiver = GnssReceiver.Open(capture);
        return await receiver.ReadFixesAsync().CountAsync();
    }

    // A port nothing listens on: bound, read, released.
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
