using EdgeSdk.Gnss.Tracks;
using EdgeSdk.Positioning;

namespace EdgeSdk.Gnss.Tests;

public class TrackBoundTests
{
    private static readonly DateTime T0 = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void A_track_that_runs_for_ever_stays_within_its_bound_at_an_even_spacing_and_keeps_the_full_distance()
    {
        var track = new GnssTrack("truck", maxPoints: 1000);
        for (int i = 0; i < 10_000; i++)
        {
            (double lat, double lon) = TangentPlane.Offset(29.5, 106.5, 0, 10.0 * i);
            track.Add(new TrackPoint(T0.AddSeconds(i), lat, lon, null, 10));
        }

        // Filled at 1000, 2000 (every 2nd), 4000 (every 4th), 8000 (every 8th): every 16th fix now.
        Assert.Equal(16, track.KeepEvery);
        Assert.Equal(10_000, track.PositionedFixes);
        Assert.InRange(track.Points.Count, 500, 1000);
        Assert.Equal(T0, track.Points[0].TimeUtc);
        TimeSpan[] gaps = track.Points.Zip(track.Points.Skip(1), (a, b) => b.TimeUtc - a.TimeUtc).Distinct().ToArray();
        Assert.Equal([TimeSpan.FromSeconds(16)], gaps);
        Assert.Equal(T0.AddSeconds(9_984), track.Points[^1].TimeUtc);
        Assert.Equal(99_990, track.DistanceMeters, 1e-6); // every fix counted: 9,999 steps of 10 m/s × 1 s
    }

    [Fact]
    public void A_parked_track_gains_points_but_no_distance()
    {
        var track = new GnssTrack("parked");
        var random = new Random(3);
        for (int i = 0; i < 3600; i++)
        {
            (double lat, double lon) = TangentPlane.Offset(29.5, 106.5, (random.NextDouble() - 0.5) * 10, (random.NextDouble() - 0.5) * 10);
            track.Add(new GnssFix { TimeUtc = T0.AddSeconds(i), Mode = FixMode.ThreeD, LatitudeDegrees = lat, LongitudeDegrees = lon, SpeedMetersPerSecond = 0.2, Hdop = 0.9 });
        }

        Assert.Equal(3600, track.Points.Count);
        Assert.Equal(0, track.DistanceMeters);
    }
}
