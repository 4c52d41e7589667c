namespace EdgeSdk.Positioning;

/// <summary>
/// Everything the positioning layer does for one vehicle, fed from one loop: the odometer, trips and
/// stops, geofences and driver alarms (with the fences' speed limits feeding overspeed).
/// </summary>
/// <example>
/// <code>
/// var monitor = new VehicleMonitor(new DriverAlarmSettings { SpeedLimitMetersPerSecond = 60 / 3.6 });
/// var events = new List&lt;VehicleEvent&gt;();
/// foreach (PositionSample sample in samples)
/// {
///     monitor.Update(sample, events);
/// }
/// monitor.Finish(events);
/// Console.WriteLine($"{monitor.Odometer.DistanceMeters:F0} m, {events.Count} events");
/// </code>
/// </example>
public sealed class VehicleMonitor
{
    /// <summary>Creates a monitor; every part uses its defaults unless given settings.</summary>
    public VehicleMonitor(DriverAlarmSettings? alarms = null, OdometerOptions? odometer = null, TripDetectorOptions? trips = null, GeofenceEngineOptions? geofences = null)
    {
        Odometer = new Odometer(odometer);
        Trips = new TripDetector(trips);
        Alarms = new DriverAlarmMonitor(alarms);
        Geofences = new GeofenceEngine(geofences);
    }

    /// <summary>The odometer.</summary>
    public Odometer Odometer { get; }

    /// <summary>The trip and stop detector.</summary>
    public TripDetector Trips { get; }

    /// <summary>The driver alarms.</summary>
    public DriverAlarmMonitor Alarms { get; }

    /// <summary>The vehicle's fences (add or remove them at any time).</summary>
    public GeofenceEngine Geofences { get; }

    /// <summary>Samples taken.</summary>
    public long Samples { get; private set; }

    /// <summary>Takes one sample (in time order) and appends the events it causes.</summary>
    public void Update(in PositionSample sample, ICollection<VehicleEvent> events)
    {
        Samples++;
        Odometer.Add(sample);
        Geofences.Update(sample, events);
        Trips.Update(sample, Odometer.DistanceMeters, events);
        Alarms.Update(sample, Geofences.SpeedLimitMetersPerSecond, events);
    }

    /// <summary>Ends an open trip at the end of the input.</summary>
    public void Finish(ICollection<VehicleEvent> events) => Trips.Finish(Odometer.DistanceMeters, events);
}
