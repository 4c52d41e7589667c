using System;
using System.Globalization;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class ZdaSentence
{
    /// <summary>The decoded values in one line, e.g. <c>GNZDA 2026-08-05 05:52:34.000 UTC local zone +08:00</c>.</summary>
    public override string ToString()
    {
        string zone = HasLocalZone
            ? string.Create(CultureInfo.InvariantCulture, $"local zone {(LocalZoneHours < 0 || LocalZoneMinutes < 0 ? '-' : '+')}{Math.Abs(LocalZoneHours):00}:{Math.Abs(LocalZoneMinutes):00}")
            : "local zone " + NmeaDisplay.Absent;
        return string.Join(' ', NmeaDisplay.Address(this), NmeaDisplay.Date(Date), NmeaDisplay.Time(TimeUtc), "UTC", zone);
    }
}
