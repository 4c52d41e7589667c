using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// One epoch of a receiver's output fused into a single fix: time, position, velocity,
/// precision and the sky. Every quantity a receiver did not report is null, never zero.
/// </summary>
public sealed class GnssFix
{
    /// <summary>Epoch time, UTC (<see cref="DateTimeKind.Utc"/>); null until a time is known.</summary>
    public DateTime? TimeUtc { get; init; }

    /// <summary>Fix dimension.</summary>
    public FixMode Mode { get; init; }

    /// <summary>How the fix was obtained.</summary>
    public FixQuality Quality { get; init; }

    /// <summary>Latitude, degrees north (WGS-84 / CGCS2000).</summary>
    public double? LatitudeDegrees { get; init; }

    /// <summary>Longitude, degrees east.</summary>
    public double? LongitudeDegrees { get; init; }

    /// <summary>Altitude above mean sea level, meters.</summary>
    public double? AltitudeMslMeters { get; init; }

    /// <summary>Altitude above the ellipsoid (HAE), meters: MSL plus geoid separation.</summary>
    public double? AltitudeHaeMeters { get; init; }

    /// <summary>Geoid separation (ellipsoid minus MSL), meters.</summary>
    public double? GeoidSeparationMeters { get; init; }

    /// <summary>Speed over ground, meters per second.</summary>
    public double? SpeedMetersPerSecond { get; init; }

    /// <summary>Course over ground, degrees from true north.</summary>
    public double? CourseDegrees { get; init; }

    /// <summary>Vertical speed, meters per second (positive up).</summary>
    public double? ClimbMetersPerSecond { get; init; }

    /// <summary>Position dilution of precision.</summary>
    public double? Pdop { get; init; }

    /// <summary>Horizontal dilution of precision.</summary>
    public double? Hdop { get; init; }

    /// <summary>Vertical dilution of precision.</summary>
    public double? Vdop { get; init; }

    /// <summary>Latitude error estimate (1σ), meters, from GST.</summary>
    public double? LatitudeErrorMeters { get; init; }

    /// <summary>Longitude error estimate (1σ), meters, from GST.</summary>
    public double? LongitudeErrorMeters { get; init; }

    /// <summary>Altitude error estimate (1σ), meters, from GST.</summary>
    public double? AltitudeErrorMeters { get; init; }

    /// <summary>Satellite signals in view (empty when no GSV was seen this epoch).</summary>
    public IReadOnlyList<SatelliteInfo> Satellites { get; init; } = Array.Empty<SatelliteInfo>();

    /// <summary>Number of satellites used in the fix (GGA/GNS count, or the GSA sets when larger).</summary>
    public int SatellitesUsed { get; init; }

    /// <summary>True when the fix has a position (mode 2D or 3D and latitude/longitude present).</summary>
    public bool HasPosition => Mode >= FixMode.TwoD && LatitudeDegrees.HasValue && LongitudeDegrees.HasValue;

    /// <summary>Number of used satellites of one constellation, counted from <see cref="Satellites"/>.</summary>
    public int SatellitesUsedBy(GnssSystem system)
    {
        int count = 0;
        foreach (SatelliteInfo satellite in Satellites)
        {
            if (satellite.Used && satellite.System == system)
            {
                count++;
            }
        }

        return count;
    }
}
