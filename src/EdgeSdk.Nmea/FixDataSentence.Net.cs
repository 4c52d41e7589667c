using System;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/> for GGA and GNS.</content>
public abstract partial class FixDataSentence
{
    /// <summary>
    /// The decoded values in one line, SI units, <c>-</c> for absent, e.g.
    /// <c>GNGGA 05:52:34.000 47.6619817,-122.3263937 12 satellites HDOP 0.9 altitude 27.5 m MSL</c>
    /// (GGA adds its fix quality).
    /// </summary>
    public override string ToString() => string.Join(' ',
        NmeaDisplay.Address(this), NmeaDisplay.Time(TimeUtc), NmeaDisplay.Position(LatitudeDegrees, LongitudeDegrees),
        QualityText(), NmeaDisplay.Count(SatellitesUsed), "satellites", "HDOP", NmeaDisplay.Number(Hdop, 1),
        "altitude", NmeaDisplay.Number(AltitudeMslMeters, 1), "m MSL");

    /// <summary>The fix quality or modes as words for <see cref="ToString"/> (GGA and GNS say theirs).</summary>
    private protected virtual string QualityText() => string.Empty;
}
