using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;
using LogisticsTracker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Samples.Tests;

/// <summary>The LogisticsTracker host reads a simulated receiver's pty and publishes through its durable queue.</summary>
public sealed class LogisticsTrackerTests : IDisposable
{
    private readonly string _queue = Await.TempDirectory();

    [Fact]
    public async Task Fixes_queued_while_the_broker_is_down_survive_a_restart_and_arrive_once_each_in_order_with_the_live_ones()
    {
        await using var broker = new EmbeddedBroker(); // port reserved, not started yet: the broker is down

        // First run: no broker. Every fix goes to the queue on disk; then the service stops (power off).
        IReadOnlyList<TruthEpoch> offline;
        await using (SimulatedDrive drive = SimulatedDrive.Start("chongqing-logistics", seconds: 20, speedup: 20))
        {
            using IHost host = TrackerApp.Build(Args(drive.Source, broker.Uri));
            await host.StartAsync();
            TelemetryPublisherCounters status = default!;
            offline = await drive.TruthAsync();

            // Wait for a state, not for a count on the way: the engine has handed over at least one fix per
            // simulated epoch and the queue writer has written everything handed over. Then the counts must be exact.
            await Await.UntilAsync(
                () => (status = Publisher(host).Counters).Accepted >= offline.Count && status.Queued == status.Accepted,
                () => $"{status.Accepted} fixes handed over, {status.Queued} queued, {status.HandoffDropped} refused by the hand-off, for {offline.Count} simulated epochs");
            Assert.True(offline.Count == status.Accepted,
                $"the engine made {status.Accepted} fixes from {offline.Count} simulated epochs: {host.Services.GetRequiredService<EdgeSdk.Gnss.GnssReceiver>().Counters}");
            Assert.Equal(0, status.Acknowledged);
            await host.StopAsync();
        }

        // Second run: the broker is back; the backlog goes out first, then the live fixes.
        await broker.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri, ClientId = "platform" },
            Fleet = "tests",
        });
        await consumer.StartAsync();
        IReadOnlyList<TruthEpoch> online;
        var received = new List<ReceivedFix>();
        await using (SimulatedDrive drive = SimulatedDrive.Start("campus-loop", seconds: 10, speedup: 20))
        {
            using IHost host = TrackerApp.Build(Args(drive.Source, broker.Uri));
            await host.StartAsync();
            await Await.UntilAsync(() => Publisher(host).Recovery != null, () => "the publisher has not opened its queue");
            Assert.Equal(offline.Count, Publisher(host).Recovery!.RecordsRecovered);
            online = await drive.TruthAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            received.AddRange(await consumer.ReadFixesAsync(timeout.Token).Take(offline.Count + online.Count - received.Count).ToListAsync(timeout.Token));

            await host.StopAsync();
            Assert.Equal(0, Publisher(host).Counters.Queued);
        }

        Assert.Equal((20, 10), (offline.Count, online.Count)); // one epoch per simulated second
        Assert.All(received, r => Assert.Equal(("tests", "truck-7"), (r.Fleet, r.DeviceId)));
        Assert.Equal(Enumerable.Range(1, offline.Count + online.Count).Select(i => (long)i), received.Select(r => r.Sequence));
        Assert.Equal(0, consumer.Counters.Duplicates);
        TruthEpoch[] truth = [.. offline, .. online];
        for (int i = 0; i < truth.Length; i++)
        {
            Assert.Equal(truth[i].TimeUtc, received[i].TimeUtc);
            Assert.Equal(truth[i].HasFix, received[i].HasPosition);
            if (truth[i].HasFix)
            {
                truth[i].AssertPosition(received[i].LatitudeDegrees!.Value, received[i].LongitudeDegrees!.Value);
            }
        }

        Assert.Contains(truth, t => !t.HasFix); // the drives start before the first fix...
        Assert.True(truth.Count(t => t.HasFix) >= 20); // ...and then have one
    }

    [Theory]
    [InlineData("--Tracker:Source=serial:/dev/ttyEdgeSdkMissing0", "serial port /dev/ttyEdgeSdkMissing0 does not exist — check the cable and the name")]
    [InlineData("--Tracker:Broker=http://broker:1883", "'http://broker:1883' is not a broker address: use mqtt://HOST:PORT")]
    [InlineData("--Tracker:DeviceId=", "Tracker:DeviceId is not set: set it in appsettings.json to this vehicle's ID")]
    [InlineData("--Tracker:Fleet=a/b", "fleet 'a/b' is not allowed: use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'")]
    [InlineData("--Tracker:Source=bluetooth://gps", "unknown source 'bluetooth://gps'")]
    public async Task A_configuration_error_is_one_line_naming_it_and_exit_code_2(string setting, string expected)
    {
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string[] args = [.. Args("serial:/dev/ttyEdgeSdkMissing0", new Uri("mqtt://127.0.0.1:9")), setting];

        int exit = await TrackerApp.RunAsync(args, error, timeout.Token);

        Assert.Equal(TrackerApp.ExitConfigurationError, exit);
        string[] lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("LogisticsTracker: " + expected, lines[0]);
        Assert.False(timeout.IsCancellationRequested);
    }

    [Theory]
    [InlineData(null, false)] // the shipped appsettings.json: off
    [InlineData("--Tracker:HoldWhenNoSubscriber=true", true)]
    [InlineData("--Tracker:HoldWhenNoSubscriber=false", false)]
    public void HoldWhenNoSubscriber_reaches_the_publisher_options(string? setting, bool expected)
    {
        string[] args = [.. Args("serial:/dev/ttyEdgeSdkMissing0", new Uri("mqtt://127.0.0.1:9")), .. setting is null ? Array.Empty<string>() : [setting]];

        using IHost host = TrackerApp.Build(args); // built, not started: nothing is opened

        Assert.Equal(expected, host.Services.GetRequiredService<TrackerSettings>().ToPublisherOptions().HoldWhenNoSubscriber);
    }

    [Fact]
    public void The_shipped_appsettings_names_HoldWhenNoSubscriber_and_leaves_it_off()
    {
        using IHost host = TrackerApp.Build(Args("serial:/dev/ttyEdgeSdkMissing0", new Uri("mqtt://127.0.0.1:9")));

        Assert.Equal("false", host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Tracker:HoldWhenNoSubscriber"], ignoreCase: true);
    }

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    private string[] Args(string source, Uri broker) =>
    [
        $"--Tracker:Source={source}", $"--Tracker:Broker={broker}", "--Tracker:DeviceId=truck-7", "--Tracker:Fleet=tests",
        $"--Tracker:QueuePath={_queue}", "--Tracker:DrainSeconds=0",
    ];

    private static TelemetryPublisher Publisher(IHost host) => host.Services.GetRequiredService<TrackerService>().Publisher;
}
