using System.Collections.Concurrent;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;
using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Telemetry.Tests;

public sealed class StoreAndForwardTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task A_30_second_broker_outage_mid_drive_loses_nothing_and_delivers_each_sequence_once()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-outage"));
        await using var _ = consumer;
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-outage", _queue);
        var events = new ConcurrentQueue<TelemetryEvent>();
        publisher.EventRaised += (_, e) => events.Enqueue(e);
        await publisher.StartAsync();

        const int total = 360; // 36 s at 10 Hz: 3 s before the outage, 30 s during, 3 s after
        Task drive = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            foreach (GnssFix fix in SyntheticDrive.Fixes(total))
            {
                await timer.WaitForNextTickAsync();
                Assert.True(publisher.TryEnqueue(fix));
            }
        });

        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 20, TimeSpan.FromSeconds(10));
        await broker.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(30)); // the outage itself, not a wait for a condition
        int queuedDuringOutage = publisher.Counters.Queued;
        Assert.False(publisher.Counters.Connected);
        await broker.StartAsync();
        await drive;

        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(30)), $"{publisher.Counters}");
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= total, TimeSpan.FromSeconds(20), () => $"{consumer.Counters}");
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), collector.Sequences("truck-outage").Order());
        Assert.InRange(queuedDuringOutage, 250, total);
        Assert.Equal(0, consumer.Counters.Gaps);
        Assert.InRange(consumer.Counters.Duplicates, 0, 20); // at most the batches in flight when the broker went away
        Assert.Equal(1, consumer.Counters.Events);           // the "reconnected with a backlog" event
        Assert.Equal(total, publisher.Counters.Acknowledged);
        Assert.Equal(0, publisher.Counters.Dropped);
        Assert.Contains(events, e => e.Kind == TelemetryEventKind.BrokerDown);
        Assert.Contains(events, e => e.Kind == TelemetryEventKind.QueueFlushed);
        Assert.Equal(SyntheticDrive.Start.AddSeconds(total - 1), collector.Fixes.MaxBy(f => f.Sequence)!.TimeUtc);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_says_how_many_and_sends_the_rest()
    {
        var events = new ConcurrentQueue<TelemetryEvent>();
        await using Mosquitto broker = Mosquitto.Create();
        await using (TelemetryPublisher offline = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-full", _queue, capacity: 50))
        {
            offline.EventRaised += (_, e) => events.Enqueue(e);
            await offline.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(80))
            {
                Assert.True(offline.TryEnqueue(fix));
            }

            await Collector.WaitUntilAsync(() => offline.Counters.Dropped == 30, TimeSpan.FromSeconds(10), () => $"{offline.Counters}");
            Assert.Equal(50, offline.Counters.Queued);
            Assert.False(offline.Counters.Connected);
        }

        TelemetryEvent dropped = Assert.Single(events, e => e.Kind == TelemetryEventKind.FixesDropped);
        Assert.Equal(1, dropped.Count);
        Assert.Contains("50", dropped.Message);

        await broker.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri));
        await using var _ = consumer;
        await using TelemetryPublisher online = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-full", _queue, capacity: 50);
        await online.StartAsync();
        Assert.Equal(50, online.Recovery!.RecordsRecovered);
        Assert.Equal(0, online.Counters.Dropped); // counters are this run's; the queue's lifetime count goes to the platform:
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10 * Collector.BusyMachineFactor));
        ReceivedDeviceStatus status = await consumer.ReadDeviceStatusAsync(timeout.Token).FirstAsync(timeout.Token);
        Assert.Equal(("truck-full", true, 30L), (status.DeviceId, status.Online, status.DroppedFixes));
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 50, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        Assert.Equal(Enumerable.Range(31, 50).Select(i => (long)i), collector.Sequences("truck-full").Order());
        Assert.Equal(SyntheticDrive.Start.AddSeconds(30), collector.Fixes.MinBy(f => f.Sequence)!.TimeUtc);
    }

    [Fact]
    public async Task The_embedded_broker_can_be_stopped_and_restarted_under_a_running_publisher()
    {
        await using var broker = new EmbeddedBroker();
        await broker.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-embedded"));
        await using var _ = consumer;
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-embedded", _queue);
        await publisher.StartAsync();
        GnssFix[] fixes = SyntheticDrive.Fixes(60).ToArray();
        foreach (GnssFix fix in fixes[..30])
        {
            publisher.TryEnqueue(fix);
        }

        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 30, TimeSpan.FromSeconds(10));
        await broker.StopAsync();
        await Collector.WaitUntilAsync(() => !publisher.Counters.Connected, TimeSpan.FromSeconds(10));
        foreach (GnssFix fix in fixes[30..])
        {
            publisher.TryEnqueue(fix);
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Queued == 30, TimeSpan.FromSeconds(10));
        await broker.StartAsync();
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 60, TimeSpan.FromSeconds(20), () => $"{consumer.Counters} {publisher.Counters}");
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), collector.Sequences("truck-embedded").Order());
        Assert.True(broker.MessagesReceived >= 6);
    }

    [Fact]
    public async Task Draining_sends_a_part_filled_batch_at_once_and_dispose_is_not_an_outage()
    {
        await using var broker = new EmbeddedBroker();
        await broker.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-drain"));
        await using var _ = consumer;
        var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-drain",
            Fleet = "test",
            Connection = Telemetry.Connection(broker.Uri),
            QueueDirectory = _queue,
            BatchSize = 10,
            BatchMaxDelay = TimeSpan.FromHours(1), // without draining, 3 fixes would wait an hour
        });
        var events = new ConcurrentQueue<TelemetryEvent>();
        publisher.EventRaised += (_, e) => events.Enqueue(e);
        await publisher.StartAsync();
        foreach (GnssFix fix in SyntheticDrive.Fixes(3))
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(20)), $"{publisher.Counters}");
        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(new long[] { 1, 2, 3 }, collector.Sequences("truck-drain").Order());

        await publisher.DisposeAsync();
        await publisher.DisposeAsync(); // a second dispose is a no-op
        Assert.DoesNotContain(events, e => e.Kind == TelemetryEventKind.BrokerDown);
    }

    [Fact]
    public async Task The_embedded_broker_keeps_the_newest_messages_for_an_offline_subscriber_up_to_its_bound()
    {
        await using var broker = new EmbeddedBroker(maxPendingMessagesPerClient: 4);
        await broker.StartAsync();
        MqttConnectionOptions platform = Telemetry.Connection(broker.Uri, clientId: "platform-bounded");
        TelemetryConsumer first = (await Telemetry.ConsumerAsync(platform)).Consumer;
        await first.DisposeAsync(); // persistent session: the broker now queues for it

        await using (TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-bounded", _queue))
        {
            await publisher.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(100))
            {
                Assert.True(publisher.TryEnqueue(fix));
            }

            Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(20)), $"{publisher.Counters}");
            Assert.Equal(10, publisher.Counters.Batches);
        }

        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(platform);
        await using var _ = consumer;
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 30, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        // Four messages were kept: the retained offline status and the last three batches (fixes 71..100).
        await Collector.WaitUntilAsync(() => consumer.Counters.StatusMessages >= 1, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        Assert.Equal(Enumerable.Range(71, 30).Select(i => (long)i), collector.Sequences("truck-bounded").Order());
    }
}
