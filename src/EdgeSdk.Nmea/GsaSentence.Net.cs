using System;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class GsaSentence
{
    /// <summary>The decoded values in one line, e.g. <c>GNGSA Beidou fix 3D 8 satellites PDOP 1.2 HDOP 0.6 VDOP 1.1</c>.</summary>
    public override string ToString() => string.Join(' ',
        NmeaDisplay.Address(this), System.ToString(), "fix", FixType < 2 ? "none" : NmeaDisplay.Count(FixType) + "D",
        NmeaDisplay.Count(SatelliteCount), "satellites", "PDOP", NmeaDisplay.Number(Pdop, 1),
        "HDOP", NmeaDisplay.Number(Hdop, 1), "VDOP", NmeaDisplay.Number(Vdop, 1));
}
