using System;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class GllSentence
{
    /// <summary>The decoded values in one line, e.g. <c>GNGLL 05:52:34.000 valid 47.6619817,-122.3263937 mode A</c>.</summary>
    public override string ToString() => string.Join(' ',
        NmeaDisplay.Address(this), NmeaDisplay.Time(TimeUtc), NmeaDisplay.Status(Status),
        NmeaDisplay.Position(LatitudeDegrees, LongitudeDegrees), "mode", NmeaDisplay.Letter(Mode));
}
