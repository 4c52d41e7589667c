using System.Runtime.InteropServices;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// One satellite signal of an epoch's GSV sets as plain values, with whether the epoch's GSAs used it: what
/// <see cref="SkyBuilder"/> collects and <see cref="SkySnapshot"/> keeps, so a sky costs no object per signal
/// until a consumer asks for <see cref="SatelliteInfo"/> objects.
/// </summary>
/// <remarks>3 doubles, 3 ints and 2 shorts: 40 bytes without padding, so arrays of it compare bitwise (NaN, not
/// reported, equals NaN).</remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct SkySignal
{
    public double Elevation;
    public double Azimuth;
    public double Snr;
    public GnssSystem System;
    public int Number;
    public int Set; // (talker, raw signal ID): the GSV set it came from
    public short SignalId;
    public short Used; // 1 when a GSA of the epoch lists the satellite and it has a C/N0 above 0

    /// <summary>The same signal (the set decides gpsd's signal ID, so it is part of the identity).</summary>
    public readonly bool SameSignal(in SkySignal other)
        => Number == other.Number && System == other.System && SignalId == other.SignalId && Set == other.Set;

    /// <summary>gpsd's <c>PRN</c> of the satellite.</summary>
    public readonly int GpsdPrn => new SatelliteId(System, Number).GpsdPrn;

    /// <summary>gpsd's <c>gnssid</c> of the satellite.</summary>
    public readonly int GpsdGnssId => new SatelliteId(System, Number).GpsdGnssId;

    /// <summary>gpsd's <c>sigid</c> (u-blox numbering of the talker's system; 0 when the receiver gives no signal ID).</summary>
    public readonly int GpsdSignalId
        => SignalId > 0 ? SatelliteNumbering.GpsdSignalId(NmeaTalkers.SystemOf((NmeaTalker)(Set >> 8)), SignalId) : 0;
}
