namespace EdgeSdk.Telemetry.Tests;

/// <summary>Driving events through the publisher's durable event queue: refused when not running, bounded, kept across a restart.</summary>
public sealed class DrivingEventQueueTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, 250, DateTimeKind.Utc);
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task Events_before_start_are_refused_and_counted_and_a_non_driving_kind_is_an_argument_error()
    {
        await using Mosquitto broker = Mosquitto.Create(); // never started
        await using TelemetryPublisher publisher = Publisher(broker.Uri, capacity: 10);

        Assert.False(publisher.TryEnqueueDrivingEvent(DeviceEventKind.HarshBraking, T0, 4.0, 300));
        Assert.Equal(1, publisher.DrivingEventsRefused);
        Assert.Equal(0, publisher.DrivingEventsAccepted);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => publisher.TryEnqueueDrivingEvent(DeviceEventKind.FixesDropped, T0, 0, 0));
        Assert.Equal("kind", error.ParamName);
    }

    [Fact]
    public async Task A_full_event_queue_drops_the_oldest_counted_and_what_it_holds_survives_a_restart_to_the_consumer()
    {
        await using Mosquitto broker = Mosquitto.Create();
        await using (TelemetryPublisher offline = Publisher(broker.Uri, capacity: 2))
        {
            await offline.StartAsync();
            Assert.True(offline.TryEnqueueDrivingEvent(DeviceEventKind.HarshBraking, T0, 4.0, 300));
            Assert.True(offline.TryEnqueueDrivingEvent(DeviceEventKind.HarshAcceleration, T0.AddSeconds(5), 3.1234, 412.4));
            Assert.True(offline.TryEnqueueDrivingEvent(DeviceEventKind.Crash, T0.AddSeconds(9), 45.6789, 0, "crash: test"));
            Assert.Equal(3, offline.DrivingEventsAccepted);
            Assert.Equal(2, offline.DrivingEventsQueued);
            Assert.Equal(1, offline.DrivingEventsDropped); // the braking, oldest
        }

        await broker.StartAsync();
        (TelemetryConsumer consumer, Collector _) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri));
        await using var __ = consumer;
        await using TelemetryPublisher online = Publisher(broker.Uri, capacity: 2);
        await online.StartAsync();
        Assert.Equal(2, online.DrivingEventsQueued); // read back from disk
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        List<ReceivedDeviceEvent> events = await consumer.ReadDeviceEventsAsync(timeout.Token)
            .Where(e => e.Kind is DeviceEventKind.HarshAcceleration or DeviceEventKind.Crash).Take(2).ToListAsync(timeout.Token);

        Assert.Equal((DeviceEventKind.HarshAcceleration, 2L, T0.AddSeconds(5), 3.123, 412.0, string.Empty),
            (events[0].Kind, events[0].Sequence, events[0].EventTimeUtc, events[0].PeakMetersPerSecondSquared, events[0].DurationMilliseconds, events[0].Detail));
        Assert.Equal((DeviceEventKind.Crash, 3L, T0.AddSeconds(9), 45.679, 0.0, "crash: test"),
            (events[1].Kind, events[1].Sequence, events[1].EventTimeUtc, events[1].PeakMetersPerSecondSquared, events[1].DurationMilliseconds, events[1].Detail));
        Assert.Equal(events[0].QueueInstance, events[1].QueueInstance);
        Assert.NotEqual(0UL, events[0].QueueInstance);
        await Collector.WaitUntilAsync(() => online.DrivingEventsAcknowledged == 2 && online.DrivingEventsQueued == 0, TimeSpan.FromSeconds(30),
            () => $"{online.DrivingEventsAcknowledged} acknowledged, {online.DrivingEventsQueued} queued");
        Assert.Equal(0, online.Counters.Queued); // fixes untouched: a separate queue
    }

    private TelemetryPublisher Publisher(Uri broker, int capacity) => new(new TelemetryPublisherOptions
    {
        DeviceId = "truck-ev",
        Fleet = "test",
        Connection = Telemetry.Connection(broker),
        QueueDirectory = _queue,
        EventQueueCapacity = capacity,
    });
}
