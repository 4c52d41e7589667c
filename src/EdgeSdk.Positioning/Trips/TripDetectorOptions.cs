namespace EdgeSdk.Positioning;

/// <summary>When a <see cref="TripDetector"/> starts and ends trips and reports stops.</summary>
public sealed class TripDetectorOptions
{
    /// <summary>At or above this speed the vehicle is moving, meters per second. Default 1 (3.6 km/h).</summary>
    public double MovingSpeedMetersPerSecond { get; init; } = 1.0;

    /// <summary>Moving this long (with ignition on or unknown) starts a trip, seconds. Default 5.</summary>
    public double TripStartSeconds { get; init; } = 5;

    /// <summary>Stationary this long ends a trip (ignition off ends it at once), seconds. Default 300.</summary>
    public double TripEndSeconds { get; init; } = 300;

    /// <summary>Shorter standstills within a trip (traffic lights) are not reported as stops, seconds. Default 15.</summary>
    public double MinimumStopSeconds { get; init; } = 15;
}
