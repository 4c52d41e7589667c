using System;
using System.Globalization;

namespace EdgeSdk.Nmea;

/// <content>.NET only: a readable <see cref="ToString"/>.</content>
public sealed partial class GsvSentence
{
    /// <summary>
    /// The decoded values in one line: part, satellites in view and each satellite's ID and C/N0, e.g.
    /// <c>GBGSV Beidou 1/3 11 in view: 13 45 dB-Hz, 27 -, 37 41 dB-Hz, 6 38 dB-Hz</c>.
    /// </summary>
    public override string ToString()
    {
        string[] satellites = new string[SatelliteCount];
        for (int i = 0; i < satellites.Length; i++)
        {
            GsvSatellite s = GetSatellite(i);
            satellites[i] = s.Id.Number.ToString(CultureInfo.InvariantCulture) + " " +
                (double.IsNaN(s.SnrDbHz) ? NmeaDisplay.Absent : NmeaDisplay.Number(s.SnrDbHz, 0) + " dB-Hz");
        }

        return string.Join(' ', NmeaDisplay.Address(this), System.ToString(),
            NmeaDisplay.Count(MessageNumber) + "/" + NmeaDisplay.Count(TotalMessages),
            NmeaDisplay.Count(SatellitesInView), "in view:", string.Join(", ", satellites));
    }
}
