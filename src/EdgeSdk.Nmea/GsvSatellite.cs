namespace EdgeSdk.Nmea;

/// <summary>One satellite block of a GSV sentence: number, elevation, azimuth, signal-to-noise ratio.</summary>
public struct GsvSatellite
{
    /// <summary>Creates a satellite in view; pass NaN for absent values.</summary>
    public GsvSatellite(SatelliteId id, double elevationDegrees, double azimuthDegrees, double snrDbHz)
    {
        Id = id;
        Number = SatelliteNumbering.ToNmeaNumber(id);
        ElevationDegrees = elevationDegrees;
        AzimuthDegrees = azimuthDegrees;
        SnrDbHz = snrDbHz;
    }

    internal GsvSatellite(int number, SatelliteId id, double elevationDegrees, double azimuthDegrees, double snrDbHz)
    {
        Id = id;
        Number = number;
        ElevationDegrees = elevationDegrees;
        AzimuthDegrees = azimuthDegrees;
        SnrDbHz = snrDbHz;
    }

    /// <summary>The satellite number as printed.</summary>
    public int Number { get; }

    /// <summary>Resolved identity (system, ID, gpsd numbering).</summary>
    public SatelliteId Id { get; }

    /// <summary>Elevation, degrees above the horizon; NaN when absent.</summary>
    public double ElevationDegrees { get; }

    /// <summary>Azimuth, degrees from true north; NaN when absent.</summary>
    public double AzimuthDegrees { get; }

    /// <summary>Carrier-to-noise density, dB-Hz; NaN when absent (not tracked).</summary>
    public double SnrDbHz { get; }
}
