using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Rdss;
using EdgeSdk.Telemetry;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeSdk.Rdss.Tests;

/// <summary>
/// The tracker's satellite fallback end to end: a real mosquitto, the TelemetryPublisher with its durable queue, the
/// simulated truck and command-centre cards on real pseudo-terminals, the RdssReportForwarder feeding the
/// TelemetryConsumer. The RDSS side runs on a simulated clock, so a 10-minute outage takes seconds of wall time.
/// </summary>
public sealed class RdssFallbackTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Fleet = "trucks", Device = "truck-042";
    private const int TruckCard = 179773, CentreCard = 4207733;
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _queue = Directory.CreateTempSubdirectory("edgesdk-rdssfb-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable d in Enumerable.Reverse(_owned))
        {
            await d.DisposeAsync();
        }

        Directory.Delete(_queue, recursive: true);
    }

    [Fact]
    public async Task With_the_broker_down_for_10_simulated_minutes_reports_arrive_at_the_cards_interval_and_afterwards_every_fix_arrives_once()
    {
        var clock = new FakeTimeProvider(T0);
        Mosquitto broker = Own(await Mosquitto.StartAsync());
        TelemetryConsumer consumer = Own(new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Connection(broker.Uri, "platform-rdss"), Fleet = Fleet }));
        await consumer.StartAsync();
        var received = new ConcurrentQueue<ReceivedFix>();
        using var stopReading = new CancellationTokenSource();
        Task reading = Task.Run(async () =>
        {
            await foreach (ReceivedFix f in consumer.ReadFixesAsync(stopReading.Token))
            {
                received.Enqueue(f);
            }
        });

        TelemetryPublisher publisher = Own(Publisher(broker.Uri));
        await publisher.StartAsync();
        Assert.True(await publisher.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60)));

        // No satellite delay: a report reaches the centre's card when the truck's card sends it, so arrival times are exact.
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.Zero, TimeProvider = clock });
        SimulatedRdssTerminal truckSim = Own(network.OpenTerminal(new SimulatedRdssCard { UserId = TruckCard, ServiceInterval = TimeSpan.FromSeconds(60) }));
        SimulatedRdssTerminal centreSim = Own(network.OpenTerminal(new SimulatedRdssCard { UserId = CentreCard, SubordinateCount = 1 }));
        var terminalOptions = new RdssTerminalOptions { TimeProvider = clock, IntervalMargin = TimeSpan.Zero, FeedbackTimeout = TimeSpan.FromSeconds(30) };
        RdssTerminal truck = Own(RdssTerminal.OpenSerial(truckSim.DevicePath!, options: terminalOptions));
        RdssTerminal centre = Own(RdssTerminal.OpenSerial(centreSim.DevicePath!, options: terminalOptions));
        Assert.Equal(TimeSpan.FromSeconds(60), (await truck.GetCardInfoAsync()).ServiceInterval);
        RdssFallbackReporter fallback = Own(new RdssFallbackReporter(publisher, truck, CentreCard, new RdssFallbackOptions
        {
            OutageThreshold = TimeSpan.FromSeconds(90),
            PollInterval = TimeSpan.FromSeconds(1),
            TimeProvider = clock,
        }));

        var forwarder = new RdssReportForwarder(consumer, Fleet, new Dictionary<int, string> { [TruckCard] = Device });
        var arrivals = new ConcurrentQueue<DateTimeOffset>();
        long reportBytes = 0;
        Task forwarding = Task.Run(async () =>
        {
            await foreach (RdssMessage m in centre.Messages.ReadAllAsync(stopReading.Token))
            {
                Assert.Equal(TruckCard, m.SenderUserId);
                Assert.True(m.Payload.Length <= 70, $"{m.Payload.Length} bytes");
                arrivals.Enqueue(m.ReceivedUtc);
                Interlocked.Add(ref reportBytes, m.Payload.Length);
                await forwarder.ForwardAsync(m, stopReading.Token);
            }
        });

        // Before the outage: six fixes over MQTT.
        var sent = new List<GnssFix>();
        for (int i = 0; i < 6; i++)
        {
            sent.Add(Fix(T0.AddSeconds((i - 6) * 10)));
            Assert.True(publisher.TryEnqueue(sent[^1]));
        }

        await Eventually.True(() => publisher.Counters.Acknowledged == 6 && received.Count == 6, "the six fixes before the outage", 120);

        await broker.StopAsync();
        await Eventually.True(() => !publisher.Counters.Connected, "the publisher sees the broker gone", 120);
        await Eventually.True(() => fallback.DownSinceTimestamp == clock.GetTimestamp(), "the reporter heard the publisher's BrokerDown at T0", 120);

        // Ten simulated minutes in 1-s steps, a fix every 10 s. Each step waits until the RDSS side has done what
        // that second holds (no send waiting for its FKI, every accepted report read by the centre, the reporter
        // waiting for a later moment or for the card's interval).
        for (int s = 1; s <= 600; s++)
        {
            if (s % 10 == 0)
            {
                sent.Add(Fix(T0.AddSeconds(s)));
                Assert.True(publisher.TryEnqueue(sent[^1]));
                int queued = sent.Count - 6;
                await Eventually.True(() => publisher.Counters.Queued == queued, $"fix {sent.Count} queued on disk");
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            await Eventually.True(() => !truck.AwaitingFeedback && centre.Counters.Received == truckSim.Accepted &&
                (fallback.WakeTimestamp > clock.GetTimestamp() || (fallback.Sending && truck.NextSendTimestamp > clock.GetTimestamp())), $"second {s} settled");
        }

        // Reports from the moment the outage passed the threshold (the link went at T0: 90 s), then one per 60-s interval.
        DateTimeOffset[] at = arrivals.ToArray();
        int expected = 1 + (int)((600 - 90) / 60); // 9
        Assert.Equal(expected, at.Length);
        Assert.Equal(T0.AddSeconds(90), at[0]);
        for (int i = 1; i < at.Length; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(60), at[i] - at[i - 1]);
        }

        Assert.Equal(expected, fallback.ReportsSent);
        Assert.Equal(expected, truckSim.Accepted);
        Assert.Equal(0, truckSim.RefusedInterval);
        Assert.Equal(0, fallback.ReportsFailed);
        await Eventually.True(() => forwarder.Reports == expected, "the centre forwarded every report");
        Assert.Equal(fallback.FixesSent, forwarder.NewFixes);
        Assert.Equal(60, publisher.Counters.Queued); // satellite sending removed nothing from the durable queue

        ReceivedFix[] bySatellite = received.Where(f => f.Path == ReceivedFixPath.Satellite).ToArray();
        Assert.Equal(fallback.FixesSent, bySatellite.Length);
        Assert.True(bySatellite.Length >= 40, $"{bySatellite.Length} fixes by satellite");
        foreach (ReceivedFix f in bySatellite)
        {
            GnssFix original = sent[(int)f.Sequence - 1];
            Assert.Equal(original.TimeUtc, f.TimeUtc);
            Assert.Equal(original.LatitudeDegrees!.Value, f.LatitudeDegrees!.Value, 5);
            Assert.Equal(original.LongitudeDegrees!.Value, f.LongitudeDegrees!.Value, 5);
            Assert.True(fallback.WasSentBySatellite(f.Sequence));
        }

        // The broker returns: the full-resolution fixes go over MQTT; the consumer has each fix once, satellite ones upgraded.
        await broker.StartAsync();
        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(120)), $"{publisher.Counters}");
        await Eventually.True(() => consumer.Counters.Fixes == 66 && consumer.Counters.Upgrades == bySatellite.Length, $"every fix at the consumer: {consumer.Counters}", 120);
        await stopReading.CancelAsync();
        await Task.WhenAll(reading, forwarding).ContinueWith(_ => { }, TaskScheduler.Default);

        ReceivedFix[] all = received.ToArray();
        ReceivedFix[] fresh = all.Where(f => f.Path != ReceivedFixPath.Upgrade).ToArray();
        Assert.Equal(Enumerable.Range(1, 66).Select(i => (long)i), fresh.Select(f => f.Sequence).Order());
        Assert.Equal(bySatellite.Select(f => f.Sequence).Order(), all.Where(f => f.Path == ReceivedFixPath.Upgrade).Select(f => f.Sequence).Order());
        Assert.Equal(66 - bySatellite.Length, all.Count(f => f.Path == ReceivedFixPath.Mqtt));
        foreach (ReceivedFix upgrade in all.Where(f => f.Path == ReceivedFixPath.Upgrade))
        {
            Assert.Equal(sent[(int)upgrade.Sequence - 1].LatitudeDegrees!.Value, upgrade.LatitudeDegrees!.Value, 7); // full resolution again
        }

        Assert.Equal(66, publisher.Counters.Acknowledged);
        Assert.Equal(0, publisher.Counters.Dropped);
        Assert.Equal(bySatellite.Length, consumer.Counters.SatelliteFixes);
        Assert.Equal(0, consumer.Counters.Gaps);
        output.WriteLine($"{at.Length} reports, {bySatellite.Length} fixes by satellite, {(double)reportBytes / bySatellite.Length:0.00} bytes/fix, " +
            $"{bySatellite.Length} upgrades, {consumer.Counters.Duplicates} duplicates; consumer {consumer.Counters}");
    }

    [Fact]
    public async Task A_terminal_that_never_answers_and_a_report_too_long_for_the_card_are_counted_and_nothing_leaves_the_queue()
    {
        TelemetryPublisher publisher = Own(Publisher(new Uri($"mqtt://127.0.0.1:{ClosedPort()}"))); // no broker: the link is down from the start
        await publisher.StartAsync();
        for (int i = 0; i < 12; i++)
        {
            Assert.True(publisher.TryEnqueue(Fix(T0.AddSeconds(i * 10))));
        }

        await Eventually.True(() => publisher.Counters.Queued == 12, "12 fixes queued");
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.Zero });
        SimulatedRdssTerminal mute = Own(network.OpenTerminal(new SimulatedRdssCard { UserId = TruckCard, ServiceInterval = TimeSpan.Zero, AnswersFeedback = false }));
        SimulatedRdssTerminal small = Own(network.OpenTerminal(new SimulatedRdssCard { UserId = 179774, ServiceInterval = TimeSpan.Zero }));
        RdssTerminal muteTerminal = Own(RdssTerminal.OpenSerial(mute.DevicePath!, options: new RdssTerminalOptions { FeedbackTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 }));
        RdssTerminal smallTerminal = Own(RdssTerminal.OpenSerial(small.DevicePath!));
        var quick = new RdssFallbackOptions { OutageThreshold = TimeSpan.Zero, PollInterval = TimeSpan.FromMilliseconds(50) };
        RdssFallbackReporter silent = Own(new RdssFallbackReporter(publisher, muteTerminal, CentreCard, quick));
        RdssFallbackReporter tooLong = Own(new RdssFallbackReporter(publisher, smallTerminal, CentreCard, new RdssFallbackOptions
        {
            OutageThreshold = TimeSpan.Zero,
            PollInterval = TimeSpan.FromMilliseconds(50),
            MaxReportBytes = 20, // one identified fix takes 28 bytes
        }));

        await Eventually.True(() => silent.GetFailures(RdssSendStatus.NoFeedback) >= 2, "two reports without FKI");
        await Eventually.True(() => tooLong.GetFailures(RdssSendStatus.TooLong) >= 2, "two reports too long for the limit");
        Assert.Equal(RdssSendStatus.NoFeedback, silent.LastFailure!.Status);
        Assert.Contains("did not confirm", silent.LastFailure.Detail, StringComparison.Ordinal);
        Assert.Equal(0, silent.ReportsSent + tooLong.ReportsSent);
        Assert.Equal(0, small.Accepted);
        Assert.True(muteTerminal.Counters.FeedbackTimeouts >= 2);
        Assert.Equal(12, publisher.Counters.Queued);
        Assert.All(Enumerable.Range(1, 12), s => Assert.False(silent.WasSentBySatellite(s) || tooLong.WasSentBySatellite(s)));
        Assert.Equal(Enumerable.Range(1, 12).Reverse().Select(i => (long)i), publisher.PeekNewestQueuedFixes(100).Select(f => f.Sequence));
        Assert.Equal([7L, 6, 5], publisher.PeekNewestQueuedFixes(3, belowSequence: 8).Select(f => f.Sequence));
        Assert.Equal(T0.AddSeconds(60).UtcDateTime, publisher.PeekNewestQueuedFixes(3, belowSequence: 8)[0].Fix.TimeUtc);
    }

    [Fact]
    public async Task The_consumer_keeps_each_fix_once_across_both_paths_and_reports_late_mqtt_copies_as_upgrades()
    {
        Mosquitto broker = Own(await Mosquitto.StartAsync());
        TelemetryConsumer consumer = Own(new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Connection(broker.Uri), Fleet = Fleet }));
        await consumer.StartAsync();
        var received = new ConcurrentQueue<ReceivedFix>();
        using var stop = new CancellationTokenSource();
        Task reading = Task.Run(async () =>
        {
            await foreach (ReceivedFix f in consumer.ReadFixesAsync(stop.Token))
            {
                received.Enqueue(f);
            }
        });
        TelemetryPublisher publisher = Own(Publisher(broker.Uri));
        await publisher.StartAsync();
        GnssFix[] fixes = Enumerable.Range(0, 6).Select(i => Fix(T0.AddSeconds(i * 10))).ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(publisher.TryEnqueue(fixes[i]));
        }

        await Eventually.True(() => received.Count == 3, "fixes 1-3 over MQTT", 120);
        uint tag = unchecked((uint)publisher.Counters.QueueInstanceId);
        DateTime now = T0.UtcDateTime;

        // Fix 2 is already there (duplicate); 5 and 6 are new; sequence 0 is not a queue sequence (malformed, each time).
        SequencedFix[] report = [new(2, fixes[1]), new(5, fixes[4]), new(6, fixes[5]), new(0, fixes[0])];
        Assert.Equal(2, await consumer.DeliverSatelliteFixesAsync(Fleet, Device, tag, report, now));
        Assert.Equal(0, await consumer.DeliverSatelliteFixesAsync(Fleet, Device, tag, report, now)); // the same report again
        // Another queue instance (the device's queue was recreated): its numbers are its own.
        Assert.Equal(1, await consumer.DeliverSatelliteFixesAsync(Fleet, Device, tag ^ 1, [new(5, fixes[4])], now));

        for (int i = 3; i < 6; i++)
        {
            Assert.True(publisher.TryEnqueue(fixes[i]));
        }

        await Eventually.True(() => consumer.Counters.Upgrades == 2 && consumer.Counters.Fixes == 7, $"fix 4 new, 5 and 6 upgraded: {consumer.Counters}", 120);
        await stop.CancelAsync();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Equal(
            ["Mqtt 1", "Mqtt 2", "Mqtt 3", "Satellite 5", "Satellite 6", "Satellite 5", "Mqtt 4", "Upgrade 5", "Upgrade 6"],
            received.Select(f => $"{f.Path} {f.Sequence}"));
        TelemetryConsumerCounters c = consumer.Counters;
        Assert.Equal((7L, 3L, 2L, 4L, 2L), (c.Fixes, c.SatelliteFixes, c.Upgrades, c.Duplicates, c.Malformed));
        Assert.Equal(fixes[4].LatitudeDegrees!.Value, received.Last(f => f.Sequence == 5).LatitudeDegrees!.Value, 7);
    }

    private static GnssFix Fix(DateTimeOffset time)
    {
        double k = (time - T0).TotalSeconds / 10; // a truck on the G318 at 18 m/s, north-east
        return new GnssFix
        {
            TimeUtc = time.UtcDateTime,
            Mode = FixMode.ThreeD,
            Quality = FixQuality.Autonomous,
            LatitudeDegrees = 30.05 + (k * 0.00117),
            LongitudeDegrees = 101.96 + (k * 0.00135),
            AltitudeMslMeters = 2850,
            SpeedMetersPerSecond = 18.5,
            CourseDegrees = 45,
            Hdop = 0.9,
            SatellitesUsed = 14,
        };
    }

    private static MqttConnectionOptions Connection(Uri broker, string? clientId = null) => new()
    {
        BrokerUri = broker,
        ClientId = clientId,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    private TelemetryPublisher Publisher(Uri broker) => new(new TelemetryPublisherOptions
    {
        DeviceId = Device,
        Fleet = Fleet,
        Connection = Connection(broker),
        QueueDirectory = _queue,
        BatchSize = 10,
        BatchMaxDelay = TimeSpan.FromMilliseconds(200),
    });

    private static int ClosedPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private T Own<T>(T d)
        where T : IAsyncDisposable
    {
        _owned.Add(d);
        return d;
    }
}
