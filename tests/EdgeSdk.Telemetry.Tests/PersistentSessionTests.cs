using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;
using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// Issue 19, item 7: a persistent subscriber (fixed client ID, clean start false, session expiry) gets every
/// fix across a broker process restart whichever side comes back first, from the embedded broker (with a
/// state directory) as from mosquitto (with persistence).
/// </summary>
public sealed class PersistentSessionTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Theory]
    [InlineData("embedded", "tracker-first", "during-outage")]
    [InlineData("embedded", "subscriber-first", "during-outage")]
    [InlineData("embedded", "tracker-first", "before-outage")]
    [InlineData("embedded", "subscriber-first", "before-outage")]
    [InlineData("mosquitto", "tracker-first", "during-outage")]
    [InlineData("mosquitto", "subscriber-first", "during-outage")]
    [InlineData("mosquitto", "tracker-first", "before-outage")]
    [InlineData("mosquitto", "subscriber-first", "before-outage")]
    public async Task A_persistent_subscriber_misses_nothing_across_a_broker_restart(string brokerKind, string order, string leaves)
    {
        await using IRestartableBroker broker = brokerKind == "embedded" ? new Embedded() : new Real(await Mosquitto.StartAsync());
        await broker.StartAsync();
        TimeSpan wait = TimeSpan.FromSeconds(30);
        MqttConnectionOptions platform = Telemetry.Connection(broker.Uri, clientId: $"platform-{order}");
        GnssFix[] fixes = SyntheticDrive.Fixes(60).ToArray();

        (TelemetryConsumer before, Collector beforeCollector) = await Telemetry.ConsumerAsync(platform);
        TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-p", _queue);
        try
        {
            await publisher.StartAsync();
            foreach (GnssFix fix in fixes[..30])
            {
                Assert.True(publisher.TryEnqueue(fix));
            }

            await Collector.WaitUntilAsync(() => beforeCollector.Fixes.Length == 30, wait, () => $"{before.Counters}");

            // The outage: both sides lose the broker; the subscriber goes away for a while (before the
            // broker stops, or during the outage), the tracker keeps queueing.
            if (leaves == "before-outage")
            {
                await before.DisposeAsync();
            }

            await broker.StopAsync();
            await Collector.WaitUntilAsync(() => !publisher.Counters.Connected, wait);
            await before.DisposeAsync(); // a second dispose is a no-op
            foreach (GnssFix fix in fixes[30..])
            {
                Assert.True(publisher.TryEnqueue(fix));
            }

            await Collector.WaitUntilAsync(() => publisher.Counters.Queued == 30, wait, () => $"{publisher.Counters}");
            if (order == "subscriber-first")
            {
                await publisher.DisposeAsync(); // the queue stays on disk; a new publisher sends it later
            }

            await broker.StartAsync();
            if (broker is Embedded embedded)
            {
                Assert.Equal(1, embedded.SessionsRestored); // the platform's session; the tracker's is clean
            }

            TelemetryConsumer after;
            Collector afterCollector;
            if (order == "tracker-first")
            {
                // The tracker delivers its backlog to the broker while the subscriber is still offline.
                Assert.True(await publisher.WaitUntilDrainedAsync(wait), $"{publisher.Counters}");
                (after, afterCollector) = await Telemetry.ConsumerAsync(platform);
            }
            else
            {
                (after, afterCollector) = await Telemetry.ConsumerAsync(platform);
                publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-p", _queue);
                await publisher.StartAsync();
                Assert.True(await publisher.WaitUntilDrainedAsync(wait), $"{publisher.Counters}");
            }

            await using var _ = after;
            await Collector.WaitUntilAsync(() => afterCollector.Fixes.Length >= 30, wait, () => $"{after.Counters}");
            long[] all = [.. beforeCollector.Sequences("truck-p"), .. afterCollector.Sequences("truck-p")];
            Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), all.Order());
            Assert.Equal(0, after.Counters.Gaps);
            Assert.Equal(fixes[59].TimeUtc, afterCollector.Fixes.MaxBy(f => f.Sequence)!.TimeUtc);
        }
        finally
        {
            await publisher.DisposeAsync();
        }
    }

    private interface IRestartableBroker : IAsyncDisposable
    {
        Uri Uri { get; }

        Task StartAsync();

        Task StopAsync();
    }

    // The embedded broker restarted as a process restarts it (edgesdk broker stopped and started again):
    // a new instance on the same port and state directory, nothing kept in memory.
    private sealed class Embedded : IRestartableBroker
    {
        private readonly string _state = Telemetry.TempDirectory();
        private readonly int _port;
        private EmbeddedBroker _broker;

        public Embedded()
        {
            _broker = new EmbeddedBroker(stateDirectory: _state);
            _port = _broker.Port;
        }

        public Uri Uri => _broker.Uri;

        public int SessionsRestored => _broker.SessionsRestored;

        public Task StartAsync() => _broker.StartAsync();

        public async Task StopAsync()
        {
            await _broker.DisposeAsync();
            _broker = new EmbeddedBroker(_port, stateDirectory: _state);
        }

        public async ValueTask DisposeAsync()
        {
            await _broker.DisposeAsync();
            Directory.Delete(_state, recursive: true);
        }
    }

    private sealed class Real(Mosquitto mosquitto) : IRestartableBroker
    {
        private bool _running = true;

        public Uri Uri => mosquitto.Uri;

        public async Task StartAsync()
        {
            if (!_running)
            {
                await mosquitto.StartAsync();
                _running = true;
            }
        }

        public async Task StopAsync()
        {
            await mosquitto.StopAsync();
            _running = false;
        }

        public ValueTask DisposeAsync() => mosquitto.DisposeAsync();
    }
}
