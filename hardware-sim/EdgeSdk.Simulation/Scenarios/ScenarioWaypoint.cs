namespace EdgeSdk.Simulation.Scenarios;

/// <summary>
/// One route point. <see cref="SpeedLimitKmh"/> and <see cref="Environment"/> apply to the leg that
/// starts here; <see cref="StopSeconds"/> is a halt (delivery, traffic light) on arrival here.
/// </summary>
public sealed class ScenarioWaypoint
{
    /// <summary>A label for people reading the scenario (e.g. "Qiansimen Bridge north").</summary>
    public string? Name { get; init; }

    /// <summary>Latitude, degrees north (WGS-84).</summary>
    public double LatitudeDegrees { get; init; }

    /// <summary>Longitude, degrees east.</summary>
    public double LongitudeDegrees { get; init; }

    /// <summary>Altitude above mean sea level, meters; interpolated linearly along the leg (hills).</summary>
    public double AltitudeMeters { get; init; }

    /// <summary>Speed limit of the leg starting here, km/h.</summary>
    public double SpeedLimitKmh { get; init; } = 40;

    /// <summary>Environment of the leg starting here.</summary>
    public ScenarioEnvironment Environment { get; init; } = ScenarioEnvironment.Open;

    /// <summary>Seconds the vehicle stands still on arrival here (0 = drive through).</summary>
    public double StopSeconds { get; init; }
}
