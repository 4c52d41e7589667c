namespace EdgeSdk.Nmea;

/// <summary>
/// What GGA and GNS have in common: time, position, satellites used, HDOP, altitude, geoid separation and
/// differential data. Lets a consumer treat either as "the fix data" without caring which the receiver sends.
/// </summary>
public abstract partial class FixDataSentence : NmeaTypedSentence
{
    /// <summary>UTC time of the fix.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>Latitude in decimal degrees, north positive; NaN when absent.</summary>
    public double LatitudeDegrees { get; set; } = double.NaN;

    /// <summary>Longitude in decimal degrees, east positive; NaN when absent.</summary>
    public double LongitudeDegrees { get; set; } = double.NaN;

    /// <summary>Satellites used in the fix; -1 absent.</summary>
    public int SatellitesUsed { get; set; } = -1;

    /// <summary>Horizontal dilution of precision; NaN when absent.</summary>
    public double Hdop { get; set; } = double.NaN;

    /// <summary>Antenna altitude above mean sea level (geoid), metres; NaN when absent.</summary>
    public double AltitudeMslMeters { get; set; } = double.NaN;

    /// <summary>Geoid separation (ellipsoid height minus MSL height), metres; NaN when absent.</summary>
    public double GeoidSeparationMeters { get; set; } = double.NaN;

    /// <summary>Age of differential corrections, seconds; NaN when absent.</summary>
    public double DgpsAgeSeconds { get; set; } = double.NaN;

    /// <summary>Differential reference station ID; -1 absent.</summary>
    public int DgpsStationId { get; set; } = -1;
}
