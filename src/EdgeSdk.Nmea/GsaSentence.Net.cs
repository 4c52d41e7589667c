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

    // The fast path's copy of Read (same fields, same order; FastPathDifferentialTests pins them together).
    internal override bool ReadFixedWidth(NmeaSentence s)
    {
        SelectionMode = ReadChar(s, 1);
        FixType = s.FastInt(2, -1);
        int fields = s.FieldCount;
        int dops = 15;
        if (fields > 18)
        {
            dops = (OneHexDigit(s, fields) >= 0 ? fields - 1 : fields) - 2;
        }

        Pdop = s.FastDouble(dops);
        Hdop = s.FastDouble(dops + 1);
        Vdop = s.FastDouble(dops + 2);
        SystemId = OneHexDigit(s, dops + 3);
        SlotCount = dops - 3;
        int count = 0;
        for (int f = 3; f < 3 + _slotCount; f++)
        {
            int n = s.FastInt(f, -1);
            if (n > 0)
            {
                _numbers[count] = n;
                _ids[count] = SatelliteNumbering.Resolve(Talker, SystemId, n);
                count++;
            }
        }

        SatelliteCount = count;
        return true;
    }
}
