using System;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class GllSentence
{
    /// <summary>The decoded values in one line, e.g. <c>GNGLL 05:52:34.000 valid 47.6619817,-122.3263937 mode A</c>.</summary>
    public override string ToString() => string.Join(' ',
        NmeaDisplay.Address(this), NmeaDisplay.Time(TimeUtc), NmeaDisplay.Status(Status),
        NmeaDisplay.Position(LatitudeDegrees, LongitudeDegrees), "mode", NmeaDisplay.Letter(Mode));

    // The fast path's copy of Read (same fields, same order; FastPathDifferentialTests pins them together).
    internal override bool ReadFixedWidth(NmeaSentence s)
    {
        LatitudeDegrees = s.FastCoordinate(1);
        LongitudeDegrees = s.FastCoordinate(3);
        TimeUtc = s.FastTime(5);
        Status = ReadChar(s, 6);
        Mode = ReadChar(s, 7);
        return true;
    }
}
