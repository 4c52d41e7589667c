using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>One satellite signal in view, with gpsd's numbering alongside the constellation's own.</summary>
/// <remarks>An absent value (null) is kept as NaN, so that a sky of many of these stays small; a NaN
/// given to an init accessor therefore reads back as null.</remarks>
public sealed class SatelliteInfo
{
    private readonly double _elevationDegrees = double.NaN;
    private readonly double _azimuthDegrees = double.NaN;
    private readonly double _snrDbHz = double.NaN;

    /// <summary>Creates a signal with nothing reported: set the properties with an object initializer.</summary>
    public SatelliteInfo()
    {
    }

    // For the fusion: identity from an earlier object of the same signal, the values as decoded
    // (NaN when not reported), without going through nullables.
    internal SatelliteInfo(SatelliteInfo identity, double elevationDegrees, double azimuthDegrees, double snrDbHz, bool used)
    {
        System = identity.System;
        Number = identity.Number;
        GpsdPrn = identity.GpsdPrn;
        GpsdGnssId = identity.GpsdGnssId;
        GpsdSvid = identity.GpsdSvid;
        SignalId = identity.SignalId;
        GpsdSignalId = identity.GpsdSignalId;
        _elevationDegrees = elevationDegrees;
        _azimuthDegrees = azimuthDegrees;
        _snrDbHz = snrDbHz;
        Used = used;
    }

    /// <summary>The constellation.</summary>
    public GnssSystem System { get; init; }

    /// <summary>The satellite's number within its constellation (BDS C01 is 1, GLONASS slot 1 is 1), as <see cref="EdgeSdk.Nmea.SatelliteId.Number"/>.</summary>
    public int Number { get; init; }

    /// <summary>gpsd's PRN (see gpsd_json(5)): e.g. BDS 401–463, GLONASS 65–96, Galileo 301–336.</summary>
    public int GpsdPrn { get; init; }

    /// <summary>gpsd's <c>gnssid</c> (0 GPS, 1 SBAS, 2 Galileo, 3 BeiDou, 4 IMES, 5 QZSS, 6 GLONASS, 7 NavIC).</summary>
    public int GpsdGnssId { get; init; }

    /// <summary>gpsd's <c>svid</c> (the satellite number within <see cref="GpsdGnssId"/>).</summary>
    public int GpsdSvid { get; init; }

    /// <summary>NMEA 4.11 signal ID (0 when the receiver does not say).</summary>
    public int SignalId { get; init; }

    /// <summary>gpsd's <c>sigid</c> for the signal (u-blox numbering; 0 for L1 C/A, B1I, E1 and when not reported).</summary>
    public int GpsdSignalId { get; init; }

    /// <summary>Elevation above the horizon, degrees; null when not reported.</summary>
    public double? ElevationDegrees { get => Value(_elevationDegrees); init => _elevationDegrees = value ?? double.NaN; }

    /// <summary>Azimuth from true north, degrees; null when not reported.</summary>
    public double? AzimuthDegrees { get => Value(_azimuthDegrees); init => _azimuthDegrees = value ?? double.NaN; }

    /// <summary>Carrier-to-noise density C/N0 in dB-Hz; null when not tracked.</summary>
    public double? SnrDbHz { get => Value(_snrDbHz); init => _snrDbHz = value ?? double.NaN; }

    /// <summary>True when the receiver used this satellite in the fix (from GSA).</summary>
    public bool Used { get; init; }

    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
