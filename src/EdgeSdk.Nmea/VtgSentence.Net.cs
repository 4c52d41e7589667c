using System;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class VtgSentence
{
    /// <summary>The decoded values in one line, e.g. <c>GNVTG course 286.35° true 13.89 m/s mode A</c>.</summary>
    public override string ToString() => string.Join(' ',
        NmeaDisplay.Address(this), "course", NmeaDisplay.Number(CourseTrueDegrees, 2) + "°", "true",
        NmeaDisplay.Number(SpeedMetersPerSecond, 2), "m/s", "mode", NmeaDisplay.Letter(Mode));

    // The fast path's copy of Read (same fields, same order; FastPathDifferentialTests pins them together).
    internal override bool ReadFixedWidth(NmeaSentence s)
    {
        CourseTrueDegrees = s.FastDouble(1);
        CourseMagneticDegrees = s.FastDouble(3);
        SpeedKnots = s.FastDouble(5);
        SpeedKilometersPerHour = s.FastDouble(7);
        Mode = ReadChar(s, 9);
        return true;
    }
}
