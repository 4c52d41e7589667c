namespace EdgeSdk.Nmea;

/// <summary>
/// One fix as a compact position report carries it: UTC time to the second, position to 1e-5° (about
/// 1.1 m of latitude; error at most 0.56 m per axis), speed to 0.1 m/s, heading to 1°, four status bits.
/// </summary>
public struct RdssPositionFix
{
    /// <summary>UTC time in seconds since 1970-01-01 (Unix time); reports carry 2020–2088.</summary>
    public long TimeUnixSeconds { get; set; }

    /// <summary>Latitude in degrees, north positive.</summary>
    public double LatitudeDegrees { get; set; }

    /// <summary>Longitude in degrees, east positive.</summary>
    public double LongitudeDegrees { get; set; }

    /// <summary>Speed over ground in m/s (0–102.2); NaN when unknown.</summary>
    public double SpeedMetersPerSecond { get; set; }

    /// <summary>Heading (course over ground) in degrees, 0–359; NaN when unknown.</summary>
    public double HeadingDegrees { get; set; }

    /// <summary>Status bits.</summary>
    public RdssFixStatus Status { get; set; }

    /// <summary>
    /// The sender's sequence number of the fix (its durable queue's numbering, 1 and up), carried only by identified
    /// reports (<see cref="RdssPositionCodec.EncodeIdentified"/>); 0 in a plain report.
    /// </summary>
    public long Sequence { get; set; }
}
