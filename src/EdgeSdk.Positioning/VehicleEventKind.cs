namespace EdgeSdk.Positioning;

/// <summary>What a <see cref="VehicleEvent"/> reports.</summary>
public enum VehicleEventKind
{
    /// <summary>A trip started (the vehicle moved with ignition on or unknown).</summary>
    TripStarted,

    /// <summary>A trip ended: ignition off, or stationary for the trip-end time. Carries duration and distance.</summary>
    TripEnded,

    /// <summary>A stop within a trip ended (the vehicle moves again). Carries its start and duration.</summary>
    Stop,

    /// <summary>The vehicle entered a geofence.</summary>
    GeofenceEntered,

    /// <summary>The vehicle left a geofence (by more than the hysteresis), or the fence went out of force.</summary>
    GeofenceExited,

    /// <summary>The vehicle has been inside a geofence for its dwell time.</summary>
    GeofenceDwell,

    /// <summary>A driver alarm was raised.</summary>
    AlarmRaised,

    /// <summary>A driver alarm was cleared.</summary>
    AlarmCleared,
}
