namespace EdgeSdk.Gnss.Tests;

public class FixAvailabilityTests
{
    private static readonly DateTime T0 = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    private static GnssFix Positioned(int second, int satellites = 8) => new()
    {
        TimeUtc = T0.AddSeconds(second),
        Mode = FixMode.ThreeD,
        LatitudeDegrees = 29.54,
        LongitudeDegrees = 106.61,
        Satellites = Enumerable.Range(1, satellites).Select(i => new SatelliteInfo { Number = i, SnrDbHz = 40, Used = true }).ToArray(),
    };

    private static GnssFix Lost(int second) => new() { TimeUtc = T0.AddSeconds(second), Mode = FixMode.NoFix };

    [Fact]
    public void Waiting_then_acquired_lost_in_a_tunnel_and_regained_with_the_gap_from_fix_times()
    {
        var availability = new FixAvailability();
        var changes = new List<FixAvailabilityChange>
        {
            availability.Observe(Lost(0)),        // cold start: nothing to lose yet
            availability.Observe(Positioned(1)),
            availability.Observe(Positioned(2)),
            availability.Observe(Lost(3)),
            availability.Observe(Lost(4)),
        };
        Assert.Equal(0, availability.SatellitesTracked);
        changes.Add(availability.Observe(Positioned(160, satellites: 5)));
        changes.Add(availability.Observe(Positioned(161)));

        Assert.Equal(
            new[]
            {
                FixAvailabilityChange.None, FixAvailabilityChange.Acquired, FixAvailabilityChange.None, FixAvailabilityChange.Lost,
                FixAvailabilityChange.None, FixAvailabilityChange.Regained, FixAvailabilityChange.None,
            },
            changes);
        Assert.Equal(1, availability.Losses);
        Assert.Equal(TimeSpan.FromSeconds(158), availability.LastOutage);
        Assert.Equal(5, availability.SatellitesTracked);
        Assert.True(availability.HasPosition);
    }

    [Fact]
    public void Fixes_without_time_still_change_state_and_report_no_outage_length()
    {
        var availability = new FixAvailability();
        Assert.Equal(FixAvailabilityChange.Acquired, availability.Observe(new GnssFix { Mode = FixMode.ThreeD, LatitudeDegrees = 1, LongitudeDegrees = 2 }));
        Assert.Equal(FixAvailabilityChange.Lost, availability.Observe(new GnssFix { Mode = FixMode.NoFix }));
        Assert.Equal(FixAvailabilityChange.Regained, availability.Observe(new GnssFix { Mode = FixMode.TwoD, LatitudeDegrees = 1, LongitudeDegrees = 2 }));
        Assert.Equal(TimeSpan.Zero, availability.LastOutage);
    }
}
