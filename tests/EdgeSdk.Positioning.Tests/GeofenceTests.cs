namespace EdgeSdk.Positioning.Tests;

public class GeofenceTests
{
    private const double Lat = 29.5574, Lon = 106.5772; // Jiefangbei
    private static readonly DateTime T0 = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    private static (double Lat, double Lon) At(double east, double north) => TangentPlane.Offset(Lat, Lon, east, north);

    [Fact]
    public void Circle_distance_is_signed_in_meters()
    {
        var circle = new CircleGeofence(1, Lat, Lon, 100);
        (double la, double lo) = At(0, 150);
        Assert.Equal(50, circle.SignedDistanceMeters(la, lo), 0.01);
        (la, lo) = At(-60, 0);
        Assert.Equal(-40, circle.SignedDistanceMeters(la, lo), 0.01);
        Assert.True(circle.Contains(la, lo));
    }

    [Fact]
    public void Rectangle_measures_to_the_nearest_edge_inside_and_the_nearest_corner_outside()
    {
        (double s, double w) = At(-100, -50);
        (double n, double e) = At(100, 50);
        var rectangle = new RectangleGeofence(2, new GeoBounds(s, w, n, e));
        Assert.Equal(-30, rectangle.SignedDistanceMeters(At(0, 20).Lat, At(0, 20).Lon), 0.01);
        (double la, double lo) = At(130, 90); // 30 m east and 40 m north of the NE corner
        Assert.Equal(50, rectangle.SignedDistanceMeters(la, lo), 0.02);
        Assert.Throws<ArgumentException>(() => new RectangleGeofence(3, new GeoBounds(n, w, s, e)));
    }

    [Fact]
    public void Polygon_hole_is_outside()
    {
        GeoPoint P(double east, double north) { (double la, double lo) = At(east, north); return new GeoPoint(la, lo); }
        var depot = new PolygonGeofence(4, [P(-200, -200), P(200, -200), P(200, 200), P(-200, 200)],
            [[P(-50, -50), P(50, -50), P(50, 50), P(-50, 50)]]);
        Assert.Equal(-70, depot.SignedDistanceMeters(At(120, 0).Lat, At(120, 0).Lon), 0.02); // between hole and outer: 80 m to outer, 70 m to the hole
        Assert.Equal(-50, depot.SignedDistanceMeters(At(0, 150).Lat, At(0, 150).Lon), 0.02);
        Assert.Equal(30, depot.SignedDistanceMeters(At(0, 20).Lat, At(0, 20).Lon), 0.02); // in the hole: 30 m to its edge
        Assert.Equal(10, depot.SignedDistanceMeters(At(210, 0).Lat, At(210, 0).Lon), 0.02);
        Assert.False(depot.Contains(At(0, 0).Lat, At(0, 0).Lon));
    }

    [Fact]
    public void Corridor_has_a_width_and_a_speed_limit_per_segment()
    {
        GeoPoint P(double east, double north) { (double la, double lo) = At(east, north); return new GeoPoint(la, lo); }
        var route = new CorridorGeofence(5, [P(0, 0), P(1000, 0), P(1000, 1000)], 40, [50 / 3.6, 30 / 3.6]) { SpeedLimitMetersPerSecond = 60 / 3.6 };
        Assert.Equal(-20, route.SignedDistanceMeters(At(500, 0).Lat, At(500, 0).Lon), 0.02);
        Assert.Equal(10, route.SignedDistanceMeters(At(500, 30).Lat, At(500, 30).Lon), 0.02);
        Assert.Equal(0, route.NearestSegment(At(500, 5).Lat, At(500, 5).Lon));
        Assert.Equal(1, route.NearestSegment(At(1005, 500).Lat, At(1005, 500).Lon));
        Assert.Equal(50 / 3.6, route.SpeedLimitAt(At(500, 5).Lat, At(500, 5).Lon)!.Value, 1e-9);
        Assert.Equal(30 / 3.6, route.SpeedLimitAt(At(1005, 500).Lat, At(1005, 500).Lon)!.Value, 1e-9);
        Assert.Throws<ArgumentException>(() => new CorridorGeofence(6, [P(0, 0), P(1, 1)], 10, [1.0, 2.0]));
    }

    [Fact]
    public void Time_windows_use_local_time_and_may_span_midnight()
    {
        var night = new GeofenceTimeWindow { DailyFrom = TimeSpan.FromHours(22), DailyTo = TimeSpan.FromHours(6) }; // GMT+8
        Assert.True(night.IsActive(new DateTime(2026, 3, 18, 15, 0, 0, DateTimeKind.Utc))); // 23:00 local
        Assert.True(night.IsActive(new DateTime(2026, 3, 18, 21, 59, 0, DateTimeKind.Utc))); // 05:59 local
        Assert.False(night.IsActive(new DateTime(2026, 3, 18, 22, 0, 0, DateTimeKind.Utc))); // 06:00 local
        Assert.False(night.IsActive(new DateTime(2026, 3, 18, 4, 0, 0, DateTimeKind.Utc))); // 12:00 local
        var period = new GeofenceTimeWindow { FromUtc = T0, ToUtc = T0.AddHours(1) };
        Assert.False(period.IsActive(T0.AddSeconds(-1)));
        Assert.True(period.IsActive(T0));
        Assert.False(period.IsActive(T0.AddHours(1)));
    }

    [Fact]
    public void Jitter_at_the_edge_enters_once_and_does_not_flap()
    {
        var engine = new GeofenceEngine(new GeofenceEngineOptions { HysteresisMeters = 20 });
        engine.Add(new CircleGeofence(7, Lat, Lon, 100));
        var events = new List<VehicleEvent>();
        var random = new Random(1);
        for (int i = 0; i < 3600; i++)
        {
            // The vehicle waits on the boundary; the receiver scatters it ±9 m.
            (double la, double lo) = At((random.NextDouble() - 0.5) * 18, 100 + ((random.NextDouble() - 0.5) * 18));
            engine.Update(new PositionSample(T0.AddSeconds(i), true, la, lo, 0, 1), events);
        }

        Assert.Equal([VehicleEventKind.GeofenceEntered], events.Select(e => e.Kind));
        (double outLat, double outLon) = At(0, 121);
        engine.Update(new PositionSample(T0.AddSeconds(3600), true, outLat, outLon, 0, 1), events);
        Assert.Equal([VehicleEventKind.GeofenceEntered, VehicleEventKind.GeofenceExited], events.Select(e => e.Kind));
        Assert.Equal(7u, events[1].FenceId);
    }

    [Fact]
    public void Dwell_is_raised_once_and_an_inactive_window_exits()
    {
        var engine = new GeofenceEngine();
        engine.Add(new CircleGeofence(8, Lat, Lon, 100)
        {
            DwellSeconds = 60,
            TimeWindows = [new GeofenceTimeWindow { FromUtc = T0, ToUtc = T0.AddSeconds(300) }],
        });
        var events = new List<VehicleEvent>();
        for (int i = -10; i < 400; i++)
        {
            engine.Update(new PositionSample(T0.AddSeconds(i), true, Lat, Lon, 0, 1), events);
        }

        Assert.Equal([VehicleEventKind.GeofenceEntered, VehicleEventKind.GeofenceDwell, VehicleEventKind.GeofenceExited], events.Select(e => e.Kind));
        Assert.Equal([T0, T0.AddSeconds(60), T0.AddSeconds(300)], events.Select(e => e.TimeUtc));
        Assert.Equal(300, events[2].DurationSeconds);
    }

    [Fact]
    public void No_fix_changes_nothing_and_a_jump_far_away_exits_fences_outside_the_cell()
    {
        var engine = new GeofenceEngine();
        engine.Add(new CircleGeofence(9, Lat, Lon, 100) { SpeedLimitMetersPerSecond = 5 });
        var events = new List<VehicleEvent>();
        engine.Update(new PositionSample(T0, true, Lat, Lon, 0, 1), events);
        Assert.Equal(5, engine.SpeedLimitMetersPerSecond);
        Assert.Equal(0, engine.Update(new PositionSample(T0.AddSeconds(1), false, double.NaN, double.NaN), events));
        Assert.Equal([9u], engine.InsideIds);
        Assert.Equal(1, engine.Update(new PositionSample(T0.AddSeconds(2), true, Lat + 1, Lon + 1, 0, 1), events));
        Assert.Equal(VehicleEventKind.GeofenceExited, events[^1].Kind);
        Assert.Null(engine.SpeedLimitMetersPerSecond);
        Assert.Empty(engine.InsideIds);
    }

    [Fact]
    public void Ten_thousand_fences_the_index_gives_the_same_answers_as_checking_every_fence()
    {
        var random = new Random(10_000);
        var fences = new List<Geofence>();
        for (uint id = 0; id < 10_000; id++)
        {
            fences.Add(RandomFence(random, id));
        }

        var engine = new GeofenceEngine(new GeofenceEngineOptions { HysteresisMeters = 0 });
        foreach (Geofence fence in fences)
        {
            engine.Add(fence);
        }

        Assert.Equal(10_000, engine.Count);
        var events = new List<VehicleEvent>();
        double east = 0, north = 0;
        int maxCandidates = 0, insideChecks = 0;
        for (int i = 0; i < 2000; i++)
        {
            // A random walk through the 20 km × 20 km the fences cover, 15 m a step.
            east = Math.Clamp(east + ((random.NextDouble() - 0.5) * 30) + 5, -10_000, 10_000);
            north = Math.Clamp(north + ((random.NextDouble() - 0.5) * 30) + 3, -10_000, 10_000);
            (double la, double lo) = At(east, north);
            DateTime t = T0.AddSeconds(i);
            engine.Update(new PositionSample(t, true, la, lo, 10, 1), events);
            maxCandidates = Math.Max(maxCandidates, engine.LastCandidates);
            uint[] expected = fences.Where(f => f.IsActive(t) && f.SignedDistanceMeters(la, lo) <= 0).Select(f => f.Id).Order().ToArray();
            Assert.Equal(expected, engine.InsideIds.Order().ToArray());
            insideChecks += expected.Length;
        }

        Assert.True(insideChecks > 100, $"the walk was inside fences {insideChecks} times");
        Assert.True(maxCandidates < 200, $"{maxCandidates} candidates of 10,000");
        Assert.Equal(events.Count(e => e.Kind == VehicleEventKind.GeofenceEntered),
            events.Count(e => e.Kind == VehicleEventKind.GeofenceExited) + engine.InsideIds.Count());

        Assert.True(engine.Remove(fences[0].Id));
        Assert.False(engine.Remove(fences[0].Id));
        Assert.Equal(9_999, engine.Count);
    }

    [Fact]
    public void Checking_a_fix_allocates_nothing_when_no_event_happens()
    {
        var random = new Random(5);
        var engine = new GeofenceEngine();
        for (uint id = 0; id < 2000; id++)
        {
            engine.Add(RandomFence(random, id));
        }

        engine.Add(new CircleGeofence(99_999, Lat, Lon, 300)
        {
            TimeWindows = [new GeofenceTimeWindow { DailyFrom = TimeSpan.Zero, DailyTo = TimeSpan.FromHours(23.99) }],
            SpeedLimitMetersPerSecond = 10,
        });
        var events = new List<VehicleEvent>(16);
        var samples = Enumerable.Range(0, 200).Select(i => At((i % 20) - 10, (i % 7) - 3)).Select((p, i) => new PositionSample(T0.AddSeconds(i), true, p.Lat, p.Lon, 5, 1)).ToArray();
        engine.Update(samples[0], events);
        Assert.Contains(99_999u, engine.InsideIds);
        events.Clear();

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (PositionSample sample in samples)
        {
            engine.Update(sample, events);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Empty(events);
    }

    [Fact]
    public void A_fence_larger_than_the_grid_limit_is_checked_on_every_fix()
    {
        // Chongqing municipality's box, about 2.5° × 3.5°: 87,500 cells of 0.01°, far beyond the 4,096 limit.
        var engine = new GeofenceEngine();
        engine.Add(new RectangleGeofence(50, new GeoBounds(28.16, 105.28, 32.20, 110.19)) { SpeedLimitMetersPerSecond = 25 });
        engine.Add(new CircleGeofence(51, Lat, Lon, 100));
        var events = new List<VehicleEvent>();
        engine.Update(new PositionSample(T0, true, Lat, Lon, 10, 1), events);
        Assert.Equal([50u, 51u], events.Select(e => e.FenceId!.Value).Order());
        Assert.Equal(2, engine.LastCandidates);
        engine.Update(new PositionSample(T0.AddSeconds(1), true, 30.0, 110.3, 10, 1), events); // into Hubei
        Assert.Equal([VehicleEventKind.GeofenceExited, VehicleEventKind.GeofenceExited], events.Skip(2).Select(e => e.Kind));
        Assert.True(engine.Remove(50));
        engine.Update(new PositionSample(T0.AddSeconds(2), true, Lat, Lon, 10, 1), events);
        Assert.Equal(51u, events[^1].FenceId);
        Assert.Equal(5, events.Count);
    }

    /// <summary>A random circle, rectangle, polygon or corridor of 50–500 m within 10 km of Jiefangbei.</summary>
    internal static Geofence RandomFence(Random random, uint id)
    {
        double east = (random.NextDouble() - 0.5) * 20_000, north = (random.NextDouble() - 0.5) * 20_000;
        double size = 50 + (random.NextDouble() * 450);
        GeoPoint P(double e, double n) { (double la, double lo) = At(east + e, north + n); return new GeoPoint(la, lo); }
        return (id % 4) switch
        {
            0 => new CircleGeofence(id, P(0, 0).LatitudeDegrees, P(0, 0).LongitudeDegrees, size),
            1 => new RectangleGeofence(id, new GeoBounds(P(-size, -size).LatitudeDegrees, P(-size, -size).LongitudeDegrees, P(size, size).LatitudeDegrees, P(size, size).LongitudeDegrees)),
            2 => new PolygonGeofence(id, [P(-size, 0), P(0, -size), P(size, 0), P(size / 2, size / 3), P(0, size)],
                [[P(-size / 4, -size / 4), P(size / 4, -size / 4), P(0, size / 4)]]),
            _ => new CorridorGeofence(id, [P(-size, -size), P(0, size / 2), P(size, size)], 30),
        };
    }
}
