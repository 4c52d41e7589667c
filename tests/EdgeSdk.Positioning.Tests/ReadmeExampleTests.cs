namespace EdgeSdk.Positioning.Tests;

/// <summary>The quick start of src/EdgeSdk.Positioning/README.md, verbatim, with what it prints asserted.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Quick_start_runs_and_prints_what_the_readme_says()
    {
        // Chongqing's Jiefangbei, WGS-84 from the receiver → GCJ-02 for AMap/Tencent, BD-09 for Baidu.
        var wgs = new GeoPoint(29.5574, 106.5772);
        GeoPoint gcj = ChinaDatum.WgsToGcj(wgs);                   // 29.554511795, 106.580887772
        GeoPoint bd = ChinaDatum.Convert(wgs, CoordinateSystem.Wgs84, CoordinateSystem.Bd09);
        GeoPoint back = ChinaDatum.GcjToWgs(gcj);                  // exact inverse: equal to wgs to < 0.01 mm

        // Trips, stops, odometer, alarms and a drop-off fence for one van.
        var monitor = new VehicleMonitor(new DriverAlarmSettings { SpeedLimitMetersPerSecond = 60 / 3.6, MaximumStopSeconds = 600 });
        monitor.Geofences.Add(new CircleGeofence(1, 29.5574, 106.5772, radiusMeters: 80) { Name = "Jiefangbei drop-off", DwellSeconds = 60 });
        var events = new List<VehicleEvent>();
        var t0 = new DateTime(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);
        for (int i = 0; i < 120; i++)   // two minutes driving north at 10 m/s towards the fence, 1 Hz
        {
            (double lat, double lon) = TangentPlane.Offset(29.5574, 106.5772, 0, -1100 + (10 * i));
            monitor.Update(new PositionSample(t0.AddSeconds(i), true, lat, lon, SpeedMetersPerSecond: 10, Hdop: 0.9), events);
        }

        monitor.Finish(events);
        foreach (VehicleEvent e in events)
        {
            Console.WriteLine(e);   // 01:30:05Z TripStarted, 01:31:42Z GeofenceEntered fence 1, 01:31:59Z TripEnded
        }

        Console.WriteLine($"{monitor.Odometer.DistanceMeters:F0} m");   // 1190 m

        // What the comments above say.
        Assert.Equal("29.554511795,106.580887772", gcj.ToLatLonString());
        Assert.Equal("29.560663822,106.587365793", bd.ToLatLonString());
        Assert.True(GreatCircle.DistanceMeters(wgs.LatitudeDegrees, wgs.LongitudeDegrees, back.LatitudeDegrees, back.LongitudeDegrees) < 1e-5);
        Assert.Equal(
            ["2026-03-18T01:30:05Z TripStarted", "2026-03-18T01:31:42Z GeofenceEntered fence 1", "2026-03-18T01:31:59Z TripEnded"],
            events.Select(e => e.ToString()));
        Assert.Equal("1190 m", $"{monitor.Odometer.DistanceMeters:F0} m");
    }
}
