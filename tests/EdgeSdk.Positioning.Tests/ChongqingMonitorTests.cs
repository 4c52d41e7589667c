namespace EdgeSdk.Positioning.Tests;

/// <summary>The whole positioning layer on the simulated Chongqing delivery run, read back by the real engine.</summary>
public class ChongqingMonitorTests
{
    private static readonly GeoPoint Jiangbeicheng = new(29.5752, 106.5610), Jiefangbei = new(29.5574, 106.5772);
    private static readonly GeoPoint QiansimenNorth = new(29.5718, 106.5792), QiansimenSouth = new(29.5640, 106.5800);

    private static async Task<(ChongqingDrive Drive, VehicleMonitor Monitor, List<VehicleEvent> Events)> RunAsync(VehicleMonitor monitor)
    {
        ChongqingDrive drive = await ChongqingDrive.LoadAsync();
        var events = new List<VehicleEvent>();
        foreach (PositionSample sample in drive.Samples)
        {
            monitor.Update(sample, events);
        }

        monitor.Finish(events);
        return (drive, monitor, events);
    }

    [Fact]
    public async Task One_trip_two_stops_a_dwell_at_the_drop_off_and_fix_lost_in_the_tunnel()
    {
        var monitor = new VehicleMonitor(new DriverAlarmSettings { MaximumStopSeconds = 60 });
        monitor.Geofences.Add(new CircleGeofence(1, Jiefangbei.LatitudeDegrees, Jiefangbei.LongitudeDegrees, 80) { DwellSeconds = 60 });
        (ChongqingDrive drive, _, List<VehicleEvent> events) = await RunAsync(monitor);

        VehicleEvent trip = Assert.Single(events, e => e.Kind == VehicleEventKind.TripEnded);
        Assert.Single(events, e => e.Kind == VehicleEventKind.TripStarted);
        Assert.InRange(trip.StartTimeUtc!.Value, drive.Truth[0].TimeUtc, drive.Truth[0].TimeUtc.AddSeconds(5));
        Assert.InRange(Math.Abs(trip.DistanceMeters!.Value - drive.TruthDistanceMeters) / drive.TruthDistanceMeters, 0, 0.005);
        Assert.InRange(trip.SpeedMetersPerSecond!.Value, 13.0, 14.5); // the 50 km/h legs

        // Stops at Jiangbeicheng (20 s) and Jiefangbei (90 s); the final 30 s at Chayuan ends the trip instead.
        VehicleEvent[] stops = events.Where(e => e.Kind == VehicleEventKind.Stop).ToArray();
        Assert.Equal(2, stops.Length);
        Assert.InRange(stops[0].DurationSeconds!.Value, 20, 25);
        Assert.InRange(stops[1].DurationSeconds!.Value, 90, 95);
        Assert.True(Meters(stops[0], Jiangbeicheng) < 20, $"{Meters(stops[0], Jiangbeicheng)} m");
        Assert.True(Meters(stops[1], Jiefangbei) < 20, $"{Meters(stops[1], Jiefangbei)} m");

        // The drop-off fence: entered, dwelt in, left — once each, despite the receiver noise at its edge.
        Assert.Equal([VehicleEventKind.GeofenceEntered, VehicleEventKind.GeofenceDwell, VehicleEventKind.GeofenceExited],
            events.Where(e => e.FenceId == 1).Select(e => e.Kind));

        // Long stop (60 s) only at Jiefangbei, cleared when the van drives off.
        Assert.Equal([VehicleEventKind.AlarmRaised, VehicleEventKind.AlarmCleared], events.Where(e => e.Alarm == DriverAlarm.LongStop).Select(e => e.Kind));
        Assert.True(Meters(events.First(e => e.Alarm == DriverAlarm.LongStop), Jiefangbei) < 20);

        // GNSS fix lost 30 s into the tunnel, cleared as the van comes out.
        DateTime tunnelIn = drive.Truth.First(t => t.Environment == "tunnel").TimeUtc, tunnelOut = drive.Truth.Last(t => t.Environment == "tunnel").TimeUtc;
        VehicleEvent[] fixLost = events.Where(e => e.Alarm == DriverAlarm.GnssFixLost).ToArray();
        Assert.Equal([VehicleEventKind.AlarmRaised, VehicleEventKind.AlarmCleared], fixLost.Select(e => e.Kind));
        Assert.InRange(fixLost[0].TimeUtc, tunnelIn.AddSeconds(28), tunnelIn.AddSeconds(32));
        Assert.InRange(fixLost[1].TimeUtc, tunnelOut, tunnelOut.AddSeconds(10));

        Assert.DoesNotContain(events, e => e.Alarm is DriverAlarm.Overspeed or DriverAlarm.FatigueDriving or DriverAlarm.DailyDrivingTimeout);
        Assert.Equal(DriverAlarm.None, monitor.Alarms.Active & ~DriverAlarm.LongStop);
    }

    [Fact]
    public async Task A_corridor_limit_raises_overspeed_on_the_bridge_only()
    {
        // 30 km/h on Qiansimen Bridge (the scenario drives its 50 km/h approach onto it), no limit elsewhere.
        var monitor = new VehicleMonitor(new DriverAlarmSettings { OverspeedMinimumSeconds = 3, OverspeedToleranceMetersPerSecond = 1 });
        monitor.Geofences.Add(new CorridorGeofence(2, [QiansimenNorth, QiansimenSouth], 60, [30 / 3.6]));
        (_, _, List<VehicleEvent> events) = await RunAsync(monitor);

        VehicleEvent[] overspeed = events.Where(e => e.Alarm == DriverAlarm.Overspeed).ToArray();
        Assert.Equal([VehicleEventKind.AlarmRaised, VehicleEventKind.AlarmCleared], overspeed.Select(e => e.Kind));
        Assert.Equal(30 / 3.6, overspeed[0].SpeedLimitMetersPerSecond!.Value, 1e-9);
        Assert.True(overspeed[0].SpeedMetersPerSecond > (30 / 3.6) + 1);
        var corridor = new CorridorGeofence(3, [QiansimenNorth, QiansimenSouth], 60);
        Assert.True(corridor.Contains(overspeed[0].LatitudeDegrees, overspeed[0].LongitudeDegrees));
        Assert.Equal([VehicleEventKind.GeofenceEntered, VehicleEventKind.GeofenceExited], events.Where(e => e.FenceId == 2).Select(e => e.Kind));
    }

    private static double Meters(VehicleEvent e, GeoPoint p) => GreatCircle.DistanceMeters(e.LatitudeDegrees, e.LongitudeDegrees, p.LatitudeDegrees, p.LongitudeDegrees);
}
