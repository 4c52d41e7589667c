using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Rdss;

namespace EdgeSdk.Rdss.Tests;

/// <summary>
/// The tracker fallback over the simulated terminal pair: a 10-minute outage (fix times one every 20 s; wall time
/// compressed: the card's interval is 1 s), compact reports reach the command centre's card at the card's interval,
/// and after the link returns every fix is kept exactly once at the consumer.
/// </summary>
public sealed class RdssFallbackTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable d in Enumerable.Reverse(_owned))
        {
            await d.DisposeAsync();
        }
    }

    [Fact]
    public async Task During_an_outage_reports_go_by_satellite_and_afterwards_every_fix_is_kept_exactly_once()
    {
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromMilliseconds(200) });
        SimulatedRdssTerminal truckSim = Own(network.OpenTerminal(new SimulatedRdssCard { UserId = 179773, ServiceInterval = TimeSpan.FromSeconds(1) }));
        SimulatedRdssTerminal centreSim = Own(network.OpenTerminal(new SimulatedRdssCard { UserId = 4207733, SubordinateCount = 1 }));
        RdssTerminal truck = Own(RdssTerminal.OpenSerial(truckSim.DevicePath!));
        RdssTerminal centre = Own(RdssTerminal.OpenSerial(centreSim.DevicePath!));
        var fallback = Own(new RdssFallbackReporter(truck, 4207733, new RdssFallbackOptions { OutageThreshold = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100) }));

        var start = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc);
        GnssFix[] fixes = Enumerable.Range(0, 30).Select(i => new GnssFix
        {
            TimeUtc = start.AddSeconds(i * 20),
            Mode = FixMode.ThreeD,
            Quality = FixQuality.Autonomous,
            LatitudeDegrees = 30.05 + (i * 0.0041),
            LongitudeDegrees = 101.96 + (i * 0.0037),
            SpeedMetersPerSecond = 18.5,
            CourseDegrees = 40,
        }).ToArray();

        fallback.SetLinkUp(true);
        fallback.Add(fixes[0]);
        Assert.False(fallback.IsActive);
        fallback.SetLinkUp(false); // the broker goes away
        for (int i = 1; i < fixes.Length; i++)
        {
            fallback.Add(fixes[i]);
            await Task.Delay(30);
        }

        await Eventually.True(() => fallback.FixesSent == 30, "all 30 fixes sent by satellite", 120);
        fallback.SetLinkUp(true);
        Assert.False(fallback.IsActive);

        // The platform: satellite reports from the centre's terminal first, then the full fixes over MQTT.
        var dedup = new FixDeduplicator();
        var codec = new RdssPositionCodec();
        var bySatellite = new List<GnssFix>();
        while (bySatellite.Count < 30)
        {
            RdssMessage m = await Eventually.Next(centre.Messages);
            Assert.Equal(179773, m.SenderUserId);
            Assert.Equal(RdssCodecResult.Ok, RdssPositionReports.TryDecode(codec, m.Payload, out IReadOnlyList<GnssFix> got));
            Assert.True(m.Payload.Length <= 70);
            bySatellite.AddRange(got);
        }

        Assert.Equal(30, bySatellite.Count);
        foreach (GnssFix f in bySatellite)
        {
            Assert.True(dedup.TryAccept("truck-042", f.TimeUtc!.Value));
            GnssFix original = fixes.Single(x => x.TimeUtc == f.TimeUtc);
            Assert.Equal(original.LatitudeDegrees!.Value, f.LatitudeDegrees!.Value, 5);
            Assert.True(fallback.WasSentBySatellite(f.TimeUtc!.Value));
        }

        foreach (GnssFix f in fixes)
        {
            Assert.False(dedup.TryAccept("truck-042", f.TimeUtc!.Value)); // the MQTT copy of a fix already received
        }

        Assert.Equal(30, dedup.Accepted);
        Assert.Equal(30, dedup.Duplicates);
        Assert.Equal(0, truckSim.RefusedInterval); // reports left at the card's interval, never before
        Assert.Equal(fallback.ReportsSent, truckSim.Accepted);
        Assert.True(fallback.ReportsSent >= 2, $"{fallback.ReportsSent} reports");
        Assert.Equal(0, fallback.ReportsFailed);
        Assert.Equal(0, fallback.BufferDropped);
    }

    [Fact]
    public void The_deduplicator_keeps_memory_bounded_and_counts_what_it_forgets()
    {
        var dedup = new FixDeduplicator(capacityPerDevice: 3);
        var t = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(dedup.TryAccept("a", t.AddSeconds(i)));
        }

        Assert.False(dedup.TryAccept("a", t.AddSeconds(4).AddMilliseconds(400))); // same second
        Assert.True(dedup.TryAccept("b", t.AddSeconds(4)));                        // another device
        Assert.Equal(2, dedup.Evicted);
        Assert.Equal(6, dedup.Accepted);
        Assert.Equal(1, dedup.Duplicates);
    }

    private T Own<T>(T d)
        where T : IAsyncDisposable
    {
        _owned.Add(d);
        return d;
    }
}
