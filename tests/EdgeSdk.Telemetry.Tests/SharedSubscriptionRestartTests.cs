using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// Issue 16: mosquitto 2.0 saves a persistent session's plain subscriptions in mosquitto.db but not its shared ones
/// (<c>$share/GROUP/…</c>), so after a restart nobody is subscribed until the consumers subscribe again, and the broker
/// acknowledges what devices send meanwhile with "no matching subscribers" and drops it. A publisher with
/// <see cref="TelemetryPublisherOptions.HoldWhenNoSubscriber"/> keeps such batches queued until a consumer is back.
/// </summary>
public sealed class SharedSubscriptionRestartTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fixes_sent_before_the_shared_consumers_resubscribe_are_kept_only_when_the_publisher_holds_them(bool hold)
    {
        await using Mosquitto broker = await Mosquitto.StartAsync("allow_anonymous true");
        TimeSpan wait = TimeSpan.FromSeconds(30);
        MqttConnectionOptions platform = Telemetry.Connection(broker.Uri, clientId: $"platform-shared-{hold}");
        GnssFix[] fixes = SyntheticDrive.Fixes(61).ToArray();
        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-s",
            Fleet = "test",
            Connection = Telemetry.Connection(broker.Uri),
            QueueDirectory = _queue,
            BatchSize = 10,
            BatchMaxDelay = TimeSpan.FromMilliseconds(500),
            HoldWhenNoSubscriber = hold,
        });
        await publisher.StartAsync();

        (TelemetryConsumer before, Collector beforeCollector) = await SharedConsumerAsync(platform);
        await using (before)
        {
            Enqueue(publisher, fixes[..30]);
            await Collector.WaitUntilAsync(() => beforeCollector.Fixes.Length == 30, wait, () => $"{before.Counters}");
            Assert.True(await publisher.WaitUntilDrainedAsync(wait), $"{publisher.Counters}");
        }

        await broker.StopAsync();
        await broker.StartAsync();
        Enqueue(publisher, fixes[30..60]);
        if (hold)
        {
            await Collector.WaitUntilAsync(() => publisher.Counters.Connected && publisher.Counters.Queued == 30, wait, () => $"{publisher.Counters}");
            // Nobody is subscribed yet, so nothing may have left the queue.
            Assert.Equal(30, publisher.Counters.Acknowledged);
            (TelemetryConsumer after, Collector afterCollector) = await SharedConsumerAsync(platform);
            await using (after)
            {
                await Collector.WaitUntilAsync(() => afterCollector.Fixes.Length == 30, wait, () => $"{after.Counters}; {publisher.Counters}");
                Assert.Equal(Enumerable.Range(31, 30).Select(s => (long)s), afterCollector.Sequences("truck-s").Order());
                Assert.True(await publisher.WaitUntilDrainedAsync(wait), $"{publisher.Counters}");
                Assert.Equal(60, publisher.Counters.Acknowledged);
                Assert.Equal(0, after.Counters.Duplicates);
            }
        }
        else
        {
            // The broker takes them and drops them: the publisher counts them delivered, the consumer never sees them.
            Assert.True(await publisher.WaitUntilDrainedAsync(wait), $"{publisher.Counters}");
            (TelemetryConsumer after, Collector afterCollector) = await SharedConsumerAsync(platform);
            await using (after)
            {
                Enqueue(publisher, fixes[60..]);
                await Collector.WaitUntilAsync(() => afterCollector.Sequences("truck-s").Contains(61), wait, () => $"{after.Counters}");
                Assert.Equal([61L], afterCollector.Sequences("truck-s"));
                Assert.Equal(61, publisher.Counters.Acknowledged);
            }
        }
    }

    [Fact]
    public async Task The_publishers_own_events_sent_before_the_shared_consumers_resubscribe_arrive_once_when_it_holds()
    {
        // The publisher's own events (fixes dropped in the outage, reconnected with a backlog) are due the moment it is
        // back, which after a mosquitto restart is before any shared consumer has subscribed again: the broker answers
        // "no matching subscribers" and drops them. Held like fixes, they must still reach the platform, once each.
        await using Mosquitto broker = await Mosquitto.StartAsync("allow_anonymous true");
        TimeSpan wait = TimeSpan.FromSeconds(30);
        MqttConnectionOptions platform = Telemetry.Connection(broker.Uri, clientId: "platform-shared-own");
        int connects = 0;
        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-o",
            Fleet = "test",
            Connection = Telemetry.Connection(broker.Uri),
            QueueDirectory = _queue,
            QueueCapacity = 5,
            BatchSize = 10,
            BatchMaxDelay = TimeSpan.FromMilliseconds(200),
            HoldWhenNoSubscriber = true,
        });
        publisher.EventRaised += (_, e) =>
        {
            if (e.Kind == TelemetryEventKind.Connected)
            {
                Interlocked.Increment(ref connects);
            }
        };
        await publisher.StartAsync();
        await Collector.WaitUntilAsync(() => Volatile.Read(ref connects) == 1, wait, () => $"{publisher.Counters}");

        (TelemetryConsumer before, Collector _) = await SharedConsumerAsync(platform);
        await before.DisposeAsync();
        await broker.StopAsync();
        await Collector.WaitUntilAsync(() => !publisher.Counters.Connected, wait, () => $"{publisher.Counters}");
        Enqueue(publisher, SyntheticDrive.Fixes(8)); // capacity 5: the 3 oldest are dropped
        await Collector.WaitUntilAsync(() => publisher.Counters.Dropped == 3, wait, () => $"{publisher.Counters}");

        await broker.StartAsync(); // the shared subscription is gone: nobody subscribed
        // Back, with its own events due; all of it held (the fixes stay queued) until a consumer subscribes.
        await Collector.WaitUntilAsync(() => Volatile.Read(ref connects) == 2, wait, () => $"{publisher.Counters}");
        Assert.Equal((5, 0L), (publisher.Counters.Queued, publisher.Counters.Acknowledged));

        (TelemetryConsumer after, Collector collector) = await SharedConsumerAsync(platform);
        await using (after)
        {
            var events = new System.Collections.Concurrent.ConcurrentQueue<ReceivedDeviceEvent>();
            using var stop = new CancellationTokenSource();
            Task reader = Task.Run(async () =>
            {
                await foreach (ReceivedDeviceEvent e in after.ReadDeviceEventsAsync(stop.Token))
                {
                    events.Enqueue(e);
                }
            });
            await Collector.WaitUntilAsync(() => collector.Fixes.Length == 5, wait, () => $"{after.Counters}; {publisher.Counters}");
            Assert.True(await publisher.WaitUntilDrainedAsync(wait), $"{publisher.Counters}");
            await Collector.WaitUntilAsync(() => publisher.DrivingEventsQueued == 0 && events.Count >= 2, wait,
                () => $"{events.Count} events received, {publisher.DrivingEventsQueued} queued; {publisher.Counters}");
            await stop.CancelAsync();
            await reader.ContinueWith(_ => { }, TaskScheduler.Default);

            Assert.Equal([(DeviceEventKind.FixesDropped, 3L), (DeviceEventKind.Reconnected, 5L)], events.Select(e => (e.Kind, e.Count)));
            Assert.Equal(2, events.Select(e => (e.QueueInstance, e.Sequence)).Distinct().Count());
            Assert.Equal(0, after.Counters.Duplicates);
        }
    }

    private static async Task<(TelemetryConsumer Consumer, Collector Collector)> SharedConsumerAsync(MqttConnectionOptions connection)
    {
        var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = connection, Fleet = "test", SharedSubscriptionGroup = "platform" });
        await consumer.StartAsync();
        return (consumer, new Collector(consumer));
    }

    private static void Enqueue(TelemetryPublisher publisher, IEnumerable<GnssFix> fixes)
    {
        foreach (GnssFix fix in fixes)
        {
            Assert.True(publisher.TryEnqueue(fix));
        }
    }
}
