namespace EdgeSdk.Positioning;

/// <summary>The gates an <see cref="Odometer"/> applies to fixes before it counts distance.</summary>
public sealed class OdometerOptions
{
    /// <summary>Fixes with a higher HDOP are not used (their noise would add distance). Default 5.</summary>
    public double MaxHdop { get; init; } = 5;

    /// <summary>Below this speed the vehicle is stationary and accrues nothing, meters per second. Default 1 (3.6 km/h).</summary>
    public double MovingSpeedMetersPerSecond { get; init; } = 1.0;

    /// <summary>When a fix carries no speed: moves shorter than this from the last counted point are jitter, meters. Default 10.</summary>
    public double StationaryRadiusMeters { get; init; } = 10;

    /// <summary>A move implying more than this speed is a position jump and is not counted, meters per second. Default 70 (252 km/h).</summary>
    public double MaxPlausibleSpeedMetersPerSecond { get; init; } = 70;

    /// <summary>After this many jumps in a row the odometer accepts the new position as the truth (without counting the jump). Default 3.</summary>
    public int ReanchorAfterJumps { get; init; } = 3;

    /// <summary>
    /// Steps between fixes at most this far apart that both carry speed are measured by speed × time
    /// (trapezoid), which position noise does not lengthen; longer gaps (tunnels, stops) use the straight
    /// line between the positions. Seconds; default 5; 0 measures every step by position.
    /// </summary>
    public double SpeedIntegrationMaxGapSeconds { get; init; } = 5;
}
