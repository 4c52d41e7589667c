using System;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class RmcSentence
{
    /// <summary>
    /// The decoded values in one line, SI units, <c>-</c> for absent, e.g.
    /// <c>GNRMC 2026-08-05 05:52:34.000 valid 47.6619817,-122.3263937 0.00 m/s course 286.35° mode A</c>.
    /// </summary>
    public override string ToString() => string.Join(' ',
        NmeaDisplay.Address(this), NmeaDisplay.Date(Date), NmeaDisplay.Time(TimeUtc), NmeaDisplay.Status(Status),
        NmeaDisplay.Position(LatitudeDegrees, LongitudeDegrees), NmeaDisplay.Number(SpeedMetersPerSecond, 2), "m/s",
        "course", NmeaDisplay.Number(CourseDegrees, 2) + "°", "mode", NmeaDisplay.Letter(Mode));

    // The fast path's copy of Read (same fields, same order; FastPathDifferentialTests pins them together).
    internal override bool ReadFixedWidth(NmeaSentence s)
    {
        TimeUtc = s.FastTime(1);
        Status = ReadChar(s, 2);
        LatitudeDegrees = s.FastCoordinate(3);
        LongitudeDegrees = s.FastCoordinate(5);
        SpeedKnots = s.FastDouble(7);
        CourseDegrees = s.FastDouble(8);
        Date = s.FastDate(9);
        MagneticVariationDegrees = ReadSignedByLetter(s, 10, 'W');
        Mode = ReadChar(s, 12);
        NavigationalStatus = ReadChar(s, 13);
        return true;
    }
}
