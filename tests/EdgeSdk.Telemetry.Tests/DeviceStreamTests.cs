using System.Diagnostics;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry.Broker;
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

    [Fact(Skip = "Flaky on a loaded machine (3 of 5 local runs): the publisher reconnects 0.1 s after the embedded broker's ServerShuttingDown, apparently to the broker still shutting down, and then sends nothing for 2 minutes; the rig (or the embedded broker's shutdown) needs fixing before this test can run in CI")]
    public async Task The_publishers_own_events_of_two_starts_on_one_queue_are_told_apart()
    {
        // Each start numbers its own events (dropped fixes, reconnected with a backlog) from 1; a platform keys events
        // by (device, instance, sequence), so the second start's must come under another instance, not repeat the first's.
        string state = Telemetry.TempDirectory();
        var broker = new EmbeddedBroker(stateDirectory: state);
        int port = broker.Port;
        try
        {
            await broker.StartAsync();
            (TelemetryConsumer consumer, Collector _) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-own-events"));
            await using TelemetryConsumer platform = consumer;
            for (int start = 0; start < 2; start++)
            {
                await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-own", _queue, capacity: 5);
                await publisher.StartAsync();
                await Collector.WaitUntilAsync(() => publisher.Counters.Connected, Wait);
                await broker.DisposeAsync(); // the outage: the publisher queues, drops the oldest, and says both when back
                await Collector.WaitUntilAsync(() => !publisher.Counters.Connected, Wait);
                foreach (GnssFix fix in SyntheticDrive.Fixes(8))
                {
                    Assert.True(publisher.TryEnqueue(fix));
                }

                await Collector.WaitUntilAsync(() => publisher.Counters.Dropped == 3, Wait, () => $"{publisher.Counters}");
                broker = new EmbeddedBroker(port, stateDirectory: state); // the platform's session (and subscription) comes back from the state
                await broker.StartAsync();
                Assert.True(await publisher.WaitUntilDrainedAsync(Wait), $"{publisher.Counters}");
            }

            using var timeout = new CancellationTokenSource(Wait);
            List<ReceivedDeviceEvent> events = await consumer.ReadDeviceEventsAsync(timeout.Token).Take(4).ToListAsync(timeout.Token);
            Assert.Equal([DeviceEventKind.FixesDropped, DeviceEventKind.Reconnected, DeviceEventKind.FixesDropped, DeviceEventKind.Reconnected], events.Select(e => e.Kind));
            Assert.Equal([1L, 2, 1, 2], events.Select(e => e.Sequence));
            Assert.DoesNotContain(0UL, events.Select(e => e.QueueInstance));
            Assert.Equal(events[0].QueueInstance, events[1].QueueInstance);
            Assert.Equal(events[2].QueueInstance, events[3].QueueInstance);
            Assert.NotEqual(events[0].QueueInstance, events[2].QueueInstance);
        }
        finally
        {
            await broker.DisposeAsync();
            Directory.Delete(state, recursive: true);
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
