namespace EdgeSdk.Nmea;

/// <summary>Lookups between <see cref="NmeaTalker"/>, its two letters and its satellite system.</summary>
public static class NmeaTalkers
{
    // Indexed by NmeaTalker. One row per talker: its letters and the system it speaks for.
    private static readonly string[] Letters = { "??", "GP", "GL", "GA", "BD", "GB", "GQ", "GI", "GN", "P", "PQ", "QZ" };

    private static readonly GnssSystem[] Systems =
    {
        GnssSystem.Unknown, GnssSystem.Gps, GnssSystem.Glonass, GnssSystem.Galileo, GnssSystem.Beidou,
        GnssSystem.Beidou, GnssSystem.Qzss, GnssSystem.Navic, GnssSystem.Unknown, GnssSystem.Unknown,
        GnssSystem.Beidou, GnssSystem.Qzss,
    };

    /// <summary>The two letters of a talker ("GP", "BD", ...), "P" for proprietary, "??" for unknown.</summary>
    public static string ToText(NmeaTalker talker)
    {
        int i = (int)talker;
        return i >= 0 && i < Letters.Length ? Letters[i] : Letters[0];
    }

    /// <summary>
    /// The system a talker speaks for: GP → GPS, GL → GLONASS, GA → Galileo, BD, GB and PQ (Quectel) → BeiDou,
    /// GQ and QZ → QZSS, GI → NavIC; GN (combined), proprietary and unknown talkers → <see cref="GnssSystem.Unknown"/>.
    /// </summary>
    public static GnssSystem SystemOf(NmeaTalker talker)
    {
        int i = (int)talker;
        return i >= 0 && i < Systems.Length ? Systems[i] : GnssSystem.Unknown;
    }

    /// <summary>The usual talker for one system's sentences (BeiDou → <see cref="NmeaTalker.GB"/>, as NMEA 4.10+).</summary>
    public static NmeaTalker ForSystem(GnssSystem system)
    {
        switch (system)
        {
            case GnssSystem.Gps:
            case GnssSystem.Sbas:
                return NmeaTalker.GP;
            case GnssSystem.Glonass:
                return NmeaTalker.GL;
            case GnssSystem.Galileo:
                return NmeaTalker.GA;
            case GnssSystem.Beidou:
                return NmeaTalker.GB;
            case GnssSystem.Qzss:
                return NmeaTalker.GQ;
            case GnssSystem.Navic:
                return NmeaTalker.GI;
            default:
                return NmeaTalker.GN;
        }
    }

    /// <summary>
    /// Recognises the talker of an address (the bytes after the start character): <c>P</c> is proprietary,
    /// except <c>PQ</c> before a standard sentence type (Quectel's <c>$PQGSV</c>/<c>$PQGSA</c>), which is
    /// <see cref="NmeaTalker.PQ"/>. Any other two letters before a standard type are
    /// <see cref="NmeaTalker.Unknown"/> (e.g. <c>$INRMC</c>, <c>$ECGLL</c>): the sentence is still read, with
    /// the generic satellite numbering.
    /// </summary>
    public static NmeaTalker FromAddress(byte[] address, int offset, int length, bool standardType)
    {
        if (address == null || length < 2 || offset < 0 || offset + length > address.Length)
        {
            return NmeaTalker.Unknown;
        }

        byte first = address[offset], second = address[offset + 1];
        if (first == 'P' && second == 'Q' && length == 5 && standardType)
        {
            return NmeaTalker.PQ;
        }

        return FromBytes(first, second);
    }

    /// <summary>Recognises the talker from the two bytes after the start character (<c>P</c>: proprietary).</summary>
    public static NmeaTalker FromBytes(byte first, byte second)
    {
        if (first == 'P')
        {
            return NmeaTalker.Proprietary;
        }

        switch ((first << 8) | second)
        {
            case ('G' << 8) | 'P': return NmeaTalker.GP;
            case ('G' << 8) | 'L': return NmeaTalker.GL;
            case ('G' << 8) | 'A': return NmeaTalker.GA;
            case ('B' << 8) | 'D': return NmeaTalker.BD;
            case ('G' << 8) | 'B': return NmeaTalker.GB;
            case ('G' << 8) | 'Q': return NmeaTalker.GQ;
            case ('G' << 8) | 'I': return NmeaTalker.GI;
            case ('G' << 8) | 'N': return NmeaTalker.GN;
            case ('Q' << 8) | 'Z': return NmeaTalker.QZ;
            default: return NmeaTalker.Unknown;
        }
    }
}
