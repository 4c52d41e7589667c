namespace EdgeSdk.Positioning.Tests;

public class TripDetectorTests
{
    private static readonly DateTime T0 = new(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc);

    private double _northMeters;

    /// <summary>Feeds 1 Hz samples: the vehicle moves north <paramref name="speed"/> meters each second, or stands still.</summary>
    private DateTime Feed(VehicleMonitor monitor, DateTime t, int seconds, double speed, IgnitionState ignition, List<VehicleEvent> events)
    {
        for (int i = 0; i < seconds; i++)
        {
            _northMeters += speed;
            (double lat, double lon) = TangentPlane.Offset(29.5, 106.5, 0, _northMeters);
            monitor.Update(new PositionSample(t, true, lat, lon, speed, 1, ignition), events);
            t = t.AddSeconds(1);
        }

        return t;
    }

    [Fact]
    public void Ignition_off_ends_the_trip_at_once_and_a_parked_vehicle_accrues_no_distance()
    {
        var monitor = new VehicleMonitor();
        var events = new List<VehicleEvent>();
        DateTime t = Feed(monitor, T0, 60, 0, IgnitionState.Off, events);
        t = Feed(monitor, t, 10, 0, IgnitionState.On, events);
        Assert.Empty(events);
        t = Feed(monitor, t, 100, 10, IgnitionState.On, events);
        t = Feed(monitor, t, 3, 0, IgnitionState.Off, events);
        t = Feed(monitor, t, 3600, 0, IgnitionState.Off, events);
        Assert.Equal([VehicleEventKind.TripStarted, VehicleEventKind.TripEnded], events.Select(e => e.Kind));
        Assert.Equal(T0.AddSeconds(70), events[0].StartTimeUtc);
        Assert.Equal(T0.AddSeconds(170), events[1].TimeUtc);
        Assert.Equal(100, events[1].DurationSeconds);
        Assert.InRange(events[1].DistanceMeters!.Value, 990, 1010);
        Assert.Equal(events[1].DistanceMeters!.Value, monitor.Odometer.DistanceMeters, 1e-9);
        Assert.Equal(1, monitor.Trips.CompletedTrips);
        _ = t;
    }

    [Fact]
    public void Without_ignition_a_standstill_of_the_trip_end_time_ends_the_trip_where_it_began_and_short_stops_are_stops()
    {
        var monitor = new VehicleMonitor(trips: new TripDetectorOptions { TripEndSeconds = 300, MinimumStopSeconds = 15 });
        var events = new List<VehicleEvent>();
        DateTime t = Feed(monitor, T0, 60, 10, IgnitionState.Unknown, events);
        t = Feed(monitor, t, 10, 0, IgnitionState.Unknown, events); // traffic light: not a stop
        t = Feed(monitor, t, 60, 10, IgnitionState.Unknown, events);
        t = Feed(monitor, t, 120, 0, IgnitionState.Unknown, events); // delivery: a stop
        t = Feed(monitor, t, 60, 10, IgnitionState.Unknown, events);
        DateTime parked = t;
        t = Feed(monitor, t, 301, 0, IgnitionState.Unknown, events);
        Assert.Equal([VehicleEventKind.TripStarted, VehicleEventKind.Stop, VehicleEventKind.TripEnded], events.Select(e => e.Kind));
        Assert.Equal(120, events[1].DurationSeconds);
        Assert.Equal(parked, events[2].TimeUtc);
        Assert.Equal(parked - T0, TimeSpan.FromSeconds(events[2].DurationSeconds!.Value));
        monitor.Finish(events);
        Assert.Equal(3, events.Count); // nothing open
        _ = t;
    }

    [Fact]
    public void Events_print_as_json_lines()
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            VehicleEventJson.Write(json, new VehicleEvent
            {
                Kind = VehicleEventKind.AlarmRaised, Alarm = DriverAlarm.Overspeed, TimeUtc = T0, LatitudeDegrees = 29.5, LongitudeDegrees = 106.5,
                DurationSeconds = 10, SpeedMetersPerSecond = 20.123, SpeedLimitMetersPerSecond = 16.666666,
            });
        }

        Assert.Equal("""{"type":"alarm","time":"2026-03-18T00:00:00.000Z","lat":29.5,"lon":106.5,"alarm":"overspeed","duration_s":10,"speed_mps":20.12,"limit_mps":16.67}""",
            System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
