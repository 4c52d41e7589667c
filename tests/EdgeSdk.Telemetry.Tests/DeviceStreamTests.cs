using System.Diagnostics;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry.TestPublisher;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>The consumer sees devices, not only fixes: status (retained, Last Will) and events as typed streams.</summary>
public sealed class DeviceStreamTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20 * Collector.BusyMachineFactor);
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task A_killed_publisher_goes_offline_through_its_last_will_and_a_late_consumer_gets_the_retained_status()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Telemetry.Connection(broker.Uri), Fleet = "test" });
        await consumer.StartAsync();
        using var timeout = new CancellationTokenSource(Wait);
        await using IAsyncEnumerator<ReceivedDeviceStatus> statuses = consumer.ReadDeviceStatusAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        // A publisher process that keeps publishing (10,000 fixes at 5 Hz) until it is killed.
        using Process publisher = StartPublisher(broker);
        try
        {
            Assert.True(await statuses.MoveNextAsync());
            ReceivedDeviceStatus online = statuses.Current;
            Assert.Equal(("test", "truck-will", true, false), (online.Fleet, online.DeviceId, online.Online, online.Retained));
            Assert.Equal(typeof(TelemetryPublisher).Assembly.GetName().Version!.ToString(), online.SoftwareVersion);
            Assert.Equal(1, consumer.Counters.DevicesOnline);
        }
        finally
        {
            publisher.Kill(); // SIGKILL: no goodbye, the broker publishes the Last Will
            await publisher.WaitForExitAsync();
        }

        Assert.True(await statuses.MoveNextAsync());
        ReceivedDeviceStatus offline = statuses.Current;
        Assert.Equal(("truck-will", false, false), (offline.DeviceId, offline.Online, offline.Retained));
        Assert.Equal(0, consumer.Counters.DevicesOnline);
        Assert.Equal(2, consumer.Counters.StatusMessages);
        Assert.False(Assert.Single(consumer.DeviceStatuses).Online);

        // A consumer that starts now gets the broker's stored (retained) offline status first.
        await using var late = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Telemetry.Connection(broker.Uri), Fleet = "test" });
        await late.StartAsync();
        ReceivedDeviceStatus stored = await late.ReadDeviceStatusAsync(timeout.Token).FirstAsync(timeout.Token);
        Assert.Equal(("truck-will", false, true), (stored.DeviceId, stored.Online, stored.Retained));
    }

    [Fact]
    public async Task The_publishers_own_events_of_two_starts_on_one_queue_are_told_apart()
    {
        // A platform keys events by (device, instance, sequence), so the second start's own events (dropped fixes,
        // reconnected with a backlog) must not repeat the first start's numbers. mosquitto (persistence on) keeps the
        // platform's session and what arrives for it across its restarts; the embedded broker's re-made sessions lost a
        // message now and then when the platform took its session back (1 of 7 runs beside stress-ng).
        await using Mosquitto broker = await Mosquitto.StartAsync();
        {
            (TelemetryConsumer consumer, Collector _) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-own-events"));
            await using TelemetryConsumer platform = consumer;
            for (int start = 0; start < 2; start++)
            {
                // Holding on "no matching subscribers": what it sends before the platform is subscribed again waits on it.
                await using TelemetryPublisher publisher = new(new TelemetryPublisherOptions
                {
                    DeviceId = "truck-own",
                    Fleet = "test",
                    Connection = Telemetry.Connection(broker.Uri),
                    QueueDirectory = _queue,
                    QueueCapacity = 5,
                    BatchMaxDelay = TimeSpan.FromMilliseconds(500),
                    HoldWhenNoSubscriber = true,
                });
                await publisher.StartAsync();
                await Collector.WaitUntilAsync(() => publisher.Counters.Connected, Wait);
                await broker.StopAsync(); // the outage (SIGTERM): the publisher queues, drops the oldest, and says both when back
                await Collector.WaitUntilAsync(() => !publisher.Counters.Connected, Wait);
                foreach (GnssFix fix in SyntheticDrive.Fixes(8))
                {
                    Assert.True(publisher.TryEnqueue(fix));
                }

                await Collector.WaitUntilAsync(() => publisher.Counters.Dropped == 3, Wait, () => $"{publisher.Counters}");
                await broker.StartAsync(); // on the same port; the platform's session (and subscription) comes back from mosquitto.db
                Assert.True(await publisher.WaitUntilDrainedAsync(Wait), $"{publisher.Counters}");
                await Collector.WaitUntilAsync(() => publisher.DrivingEventsQueued == 0, Wait, () => $"{publisher.DrivingEventsQueued} events queued; {publisher.Counters}");
            }

            // Each start reported its 3 dropped fixes (in one event, or in two when a short-lived connection to the
            // stopping broker came between the drops) and its reconnection with a backlog. Both starts number them in
            // the one durable event queue of the queue directory: its instance, and sequence numbers that go on across
            // the restart instead of starting again at 1, so no two events share (instance, sequence); a copy (QoS 1
            // sends at least once) repeats its event's pair.
            var events = new System.Collections.Concurrent.ConcurrentQueue<ReceivedDeviceEvent>();
            using var stop = new CancellationTokenSource();
            Task reader = Task.Run(async () =>
            {
                await foreach (ReceivedDeviceEvent e in consumer.ReadDeviceEventsAsync(stop.Token))
                {
                    events.Enqueue(e);
                }
            });
            ReceivedDeviceEvent[] Distinct() => events.DistinctBy(e => (e.QueueInstance, e.Sequence)).OrderBy(e => e.Sequence).ToArray();
            await Collector.WaitUntilAsync(
                () => Distinct() is var d && d.Where(e => e.Kind == DeviceEventKind.FixesDropped).Sum(e => e.Count) == 6
                      && d.Count(e => e.Kind == DeviceEventKind.Reconnected) >= 2 && d[^1].Sequence == d.Length,
                TimeSpan.FromSeconds(20), () => string.Join(", ", events.Select(e => $"{e.Kind} {e.Count} #{e.Sequence}/{e.QueueInstance}")));
            await stop.CancelAsync();
            await reader.ContinueWith(_ => { }, TaskScheduler.Default);

            ReceivedDeviceEvent[] distinct = Distinct();
            Assert.Equal(Enumerable.Range(1, distinct.Length).Select(n => (long)n), distinct.Select(e => e.Sequence));
            Assert.NotEqual(0UL, Assert.Single(events.Select(e => e.QueueInstance).Distinct()));
            Assert.All(events.GroupBy(e => e.Sequence), copies => Assert.Single(copies.Select(e => (e.Kind, e.Count)).Distinct()));
        }
    }

    [Fact]
    public async Task Device_events_arrive_typed_and_unread_updates_are_bounded_and_counted()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = Telemetry.Connection(broker.Uri),
            Fleet = "test",
            DeviceUpdateCapacity = 2,
        });
        await consumer.StartAsync();
        using IMqttClient raw = new MqttClientFactory().CreateMqttClient();
        await raw.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build());
        async Task Send(string deviceId, ulong sequence, DeviceEvent e) => Assert.True((await raw.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(TelemetryTopics.Event("test", deviceId))
            .WithPayload(new Envelope { DeviceId = deviceId, Sequence = sequence, SentTimeUnixMs = 1_795_680_000_000, Event = e }.ToByteArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).IsSuccess);

        await Send("truck-a", 1, new DeviceEvent { Kind = EventKind.FixesDropped, Count = 12, Detail = "durable queue full" });
        await Send("truck-a", 2, new DeviceEvent { Kind = EventKind.FixesLost, Count = 2, Detail = "sequence numbers 5000, 8192" });
        await Send("truck-b", 1, new DeviceEvent { Kind = EventKind.Reconnected, Count = 40, Detail = "back" });
        await Send("truck-b", 2, new DeviceEvent { Kind = (EventKind)99, Count = 1, Detail = "from a newer publisher" });
        await Collector.WaitUntilAsync(() => consumer.Counters.Events == 4, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");

        // Capacity 2: the two oldest were dropped (counted); the newest two are read, in order, typed.
        using var timeout = new CancellationTokenSource(Wait);
        List<ReceivedDeviceEvent> events = await consumer.ReadDeviceEventsAsync(timeout.Token).Take(2).ToListAsync(timeout.Token);
        Assert.Equal(
            [new ReceivedDeviceEvent("test", "truck-b", DeviceEventKind.Reconnected, 40, "back", 1, new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc)),
             new ReceivedDeviceEvent("test", "truck-b", DeviceEventKind.Unknown, 1, "from a newer publisher", 2, new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc))],
            events);
        Assert.Equal(2, consumer.Counters.DeviceUpdatesDropped);
        Assert.Equal(2, consumer.Counters.Devices);
        Assert.Empty(consumer.DeviceStatuses); // events say nothing about online/offline
    }

    [Fact]
    public async Task A_received_fix_keeps_the_dops_and_the_satellites_used_per_constellation()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri));
        await using var _ = consumer;
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-dop", _queue, batch: 2);
        await publisher.StartAsync();
        GnssFix[] drive = SyntheticDrive.Fixes(2).ToArray();
        GnssFix withDops = new()
        {
            TimeUtc = drive[0].TimeUtc, Mode = Gnss.FixMode.ThreeD, Quality = FixQuality.Differential,
            LatitudeDegrees = 29.5630862, LongitudeDegrees = 106.5515701, AltitudeMslMeters = 244.3,
            SpeedMetersPerSecond = 12.34, CourseDegrees = 87.6, Hdop = 0.87, Pdop = 1.52, Vdop = 1.25,
            Satellites = [.. Used(GnssSystem.Beidou, 9), .. Used(GnssSystem.Gps, 5), .. Used(GnssSystem.Galileo, 2)],
            SatellitesUsed = 19, // 3 more than attributed: a receiver that counted them without saying where from
        };
        Assert.True(publisher.TryEnqueue(withDops));
        Assert.True(publisher.TryEnqueue(drive[1])); // no DOPs reported
        Assert.True(await publisher.WaitUntilDrainedAsync(Wait));
        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 2, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");

        ReceivedFix fix = collector.Fixes[0];
        Assert.Equal(("test", "truck-dop", 1L), (fix.Fleet, fix.DeviceId, fix.Sequence));
        Assert.Equal((withDops.TimeUtc, Gnss.FixMode.ThreeD, FixQuality.Differential), (fix.TimeUtc, fix.Mode, fix.Quality));
        Assert.Equal((29.5630862, 106.5515701, 244.3, 12.34, 87.6), (fix.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value, fix.AltitudeMslMeters!.Value, fix.SpeedMetersPerSecond!.Value, fix.CourseDegrees!.Value));
        Assert.Equal((0.87, 1.52, 1.25), (fix.Hdop!.Value, fix.Pdop!.Value, fix.Vdop!.Value));
        Assert.Equal((19, 9, 5, 2, 0, 3), (fix.SatellitesUsed, fix.SatellitesUsedBy(GnssSystem.Beidou), fix.SatellitesUsedBy(GnssSystem.Gps),
            fix.SatellitesUsedBy(GnssSystem.Galileo), fix.SatellitesUsedBy(GnssSystem.Glonass), fix.SatellitesUsedBy(GnssSystem.Unknown)));
        Assert.True(fix.HasPosition);
        Assert.Equal((null, null, null), (collector.Fixes[1].Hdop, collector.Fixes[1].Pdop, collector.Fixes[1].Vdop));

        // Acknowledged vs received: the publisher's counters name the range, the consumer says what it lacks.
        TelemetryPublisherCounters counters = publisher.Counters;
        Assert.Equal(0, counters.Undelivered);
        Assert.Empty(consumer.Unreceived("test", "truck-dop", counters.QueueInstanceId, 1, counters.NextSequence - 1));
        Assert.Equal([3L, 4], consumer.Unreceived("test", "truck-dop", counters.QueueInstanceId, 1, 4));
        Assert.Equal([1L, 2], consumer.Unreceived("test", "truck-dop", counters.QueueInstanceId + 1, 1, 2)); // another numbering: nothing of it seen
    }

    private static SatelliteInfo[] Used(GnssSystem system, int count) =>
        Enumerable.Range(1, count).Select(n => new SatelliteInfo { System = system, Number = n, Used = true }).ToArray();

    private Process StartPublisher(Mosquitto broker)
    {
        string dll = typeof(SyntheticDrive).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string arg in new[] { dll, broker.Uri.ToString(), "truck-will", _queue, "0", "10000", "5", "10" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
