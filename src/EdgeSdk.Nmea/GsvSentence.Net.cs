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

    // The fast path's copy of Read (same fields, same order; FastPathDifferentialTests pins them together):
    // GSV is 44 % of real traffic, about 19 short numbers each, read four digits at a time.
    internal override bool ReadFixedWidth(NmeaSentence s)
    {
        TotalMessages = s.FastInt(1, -1);
        MessageNumber = s.FastInt(2, -1);
        SatellitesInView = s.FastInt(3, -1);
        int rest = s.FieldCount - 3;
        int blocks = rest / 4;
        if (rest % 4 == 1)
        {
            SignalId = ReadHex(s, s.FieldCount, -1);
        }
        else
        {
            SignalId = -1;
            if (rest % 4 != 0)
            {
                blocks++;
            }
        }

        int count = 0;
        for (int b = 0; b < blocks && count < MaxSatellites; b++)
        {
            int f = 4 + (b * 4);
            int number = s.FastInt(f, -1);
            if (number <= 0)
            {
                continue;
            }

            _satellites[count++] = new GsvSatellite(
                number,
                SatelliteNumbering.Resolve(Talker, 0, number),
                s.FastSmallDouble(f + 1),
                s.FastSmallDouble(f + 2),
                s.FastSmallDouble(f + 3));
        }

        SatelliteCount = count;
        return true;
    }
}
