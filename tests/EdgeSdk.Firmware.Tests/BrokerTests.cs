using System.Collections.Concurrent;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Telemetry;
using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>
/// The firmware loop on its own thread, reading the simulator's pseudo-terminal through System.IO.Ports and
/// publishing to a real mosquitto; EdgeSdk.Telemetry's TelemetryConsumer receives the batches unchanged.
/// </summary>
public sealed class BrokerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3); // a busy 2-core machine: generous, only a ceiling
    private readonly ConcurrentQueue<ReceivedFix> _received = new();
    private Mosquitto _broker = null!;
    private TelemetryConsumer _consumer = null!;
    private Task _collector = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _broker = await Mosquitto.StartAsync();
        _consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = new MqttConnectionOptions { BrokerUri = _broker.Uri, ReconnectInitialDelay = TimeSpan.FromMilliseconds(200), ReconnectMaxDelay = TimeSpan.FromSeconds(1) },
            Fleet = "cq",
        });
        await _consumer.StartAsync();
        _collector = Task.Run(async () =>
        {
            await foreach (ReceivedFix fix in _consumer.ReadFixesAsync())
            {
                _received.Enqueue(fix);
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _consumer.DisposeAsync();
        await _collector;
        await _broker.DisposeAsync();
    }

    private static TrackerOptions Options(int ring) => new()
    {
        DeviceId = "truck-07",
        Fleet = "cq",
        RingCapacity = ring,
        BatchSize = 10,
        BatchMaxDelayMilliseconds = 300,
        ReconnectMinDelayMilliseconds = 100,
        ReconnectMaxDelayMilliseconds = 500,
        QueueInstance = (ulong)Random.Shared.NextInt64(1, long.MaxValue),
    };

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    // The firmware's main loop, on a thread of its own as on the board.
    private sealed class FirmwareThread : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public FirmwareThread(TrackerApp tracker)
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    tracker.Poll();
                }
            }) { IsBackground = true, Name = "firmware loop" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }

    [Fact]
    public async Task Every_fix_of_a_simulated_drive_reaches_the_dotnet_consumer_exactly_once()
    {
        using PseudoTerminal pty = PseudoTerminal.Open();
        pty.WriteTimeout = Patience; // the reader may be starved on a busy machine: wait, never drop
        using var serial = new PtySerialLink(pty.DevicePath);
        using var mqtt = new MqttNetLink(_broker.Port);
        var tracker = new TrackerApp(Options(ring: 600), serial, mqtt, new SystemClock());
        using (new FirmwareThread(tracker))
        {
            SimulationSummary summary = await GnssSimulator.RunAsync(new SimulationOptions { DurationSeconds = 120, Seed = 14 }, pty.Stream);
            Assert.Equal((120, 0L), (summary.Epochs, pty.DroppedBytes));
            await WaitForAsync(() => _received.Count >= 120 && tracker.Ring.Count == 0, "120 fixes at the consumer");
        }

        List<GnssFix> reference = SimulatedDrive.Reference(await SimulatedDrive.BytesAsync(120));
        ReceivedFix[] got = [.. _received];
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), got.Select(f => f.Sequence));
        Assert.All(got, f => Assert.Equal(("cq", "truck-07"), (f.Fleet, f.DeviceId)));
        for (int i = 0; i < 120; i++)
        {
            Assert.Equal(reference[i].TimeUtc, got[i].TimeUtc);
            Assert.Equal(E7(reference[i].LatitudeDegrees), E7(got[i].LatitudeDegrees));
            Assert.Equal(E7(reference[i].LongitudeDegrees), E7(got[i].LongitudeDegrees));
        }

        TelemetryConsumerCounters status = _consumer.Counters;
        Assert.Equal((120L, 0L, 0L, 0L, 0L), (status.Fixes, status.Duplicates, status.Gaps, status.Malformed, status.Oversized));
        Assert.Equal((120L, 120L, 0L, 0L), (tracker.Fixes, tracker.Published, tracker.Ring.DroppedTotal, tracker.PublishFailures));
    }

    [Fact]
    public async Task A_Wi_Fi_outage_longer_than_the_ring_shows_at_the_consumer_as_counted_gaps_and_a_drop_event()
    {
        byte[] drive = await SimulatedDrive.BytesAsync(120);
        (byte[] before, byte[] during) = SimulatedDrive.SplitAtEpoch(drive, 40);
        using PseudoTerminal pty = PseudoTerminal.Open();
        pty.WriteTimeout = Patience;
        using var serial = new PtySerialLink(pty.DevicePath);
        using var mqtt = new MqttNetLink(_broker.Port);
        var tracker = new TrackerApp(Options(ring: 25), serial, mqtt, new SystemClock());
        using (new FirmwareThread(tracker))
        {
            await pty.Stream.WriteAsync(before);
            await WaitForAsync(() => _received.Count >= 40 && tracker.Ring.Count == 0, "the first 40 fixes");

            mqtt.Online = false;
            await pty.Stream.WriteAsync(during);
            await WaitForAsync(() => tracker.Fixes == 120, "80 fixes fused while offline");
            Assert.Equal((25, 55L), (tracker.Ring.Count, tracker.Ring.DroppedTotal));

            mqtt.Online = true;
            await WaitForAsync(() => _received.Count >= 65 && _consumer.Counters.Events >= 2, "the ring's 25 fixes and the two events");
        }

        Assert.Equal(Enumerable.Range(1, 40).Concat(Enumerable.Range(96, 25)).Select(i => (long)i), _received.Select(f => f.Sequence));
        TelemetryConsumerCounters status = _consumer.Counters;
        Assert.Equal((65L, 55L, 0L, 0L, 2L), (status.Fixes, status.Gaps, status.Duplicates, status.Malformed, status.Events));
        Assert.Equal((120L, 65L, 55L), (tracker.Fixes, tracker.Published, tracker.Ring.DroppedTotal));
    }

    private static long? E7(double? value) => value is { } v ? WireUnits.Round(v, 1e7) : null;
}
