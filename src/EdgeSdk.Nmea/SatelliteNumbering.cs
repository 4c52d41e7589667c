namespace EdgeSdk.Nmea;

/// <summary>
/// Maps the satellite numbers receivers print in GSA, GSV and GBS to <see cref="SatelliteId"/>, from one
/// table. The context is the NMEA 4.11 system ID when the sentence has one, else the talker's system
/// (GN: none); the table is searched for that context first, then for the generic ranges.
/// </summary>
/// <remarks>
/// Ranges: BDS 1–63 under BD/GB/PQ or system ID 4, 201–263 (SiRF, SkyTraq, Quectel, Telit), 401–463;
/// GLONASS 65–96 (and 1–32 under GL/ID 2); SBAS 33–64 (= PRN 120–151) and 120–158; QZSS 193–200 (193–202 and
/// 1–10 under GQ/QZ/ID 5); Galileo 301–336 (and 1–36 under GA/ID 3; 101–136 under GA, system ID 3, or system ID 1,
/// as Quectel LC79D numbers Galileo); NavIC 1–14 under GI/ID 6. Where
/// ranges overlap (201–202 is QZSS 9–10 or BDS 1–2), BeiDou wins unless the talker or system ID says
/// QZSS: SiRF-TriG reports BDS C01 as 201 in <c>$GNGSA</c>, and gpsd reads it so.
/// </remarks>
public static class SatelliteNumbering
{
    private const int MaxNumber = 512;
    private const int Contexts = 9; // GnssSystem values 0..8 (Unknown = generic)

    // {context, first, last, system, svid = number - offset}. Context 0 rows apply everywhere.
    private static readonly int[] Rows =
    {
        (int)GnssSystem.Gps, 1, 32, (int)GnssSystem.Gps, 0,
        (int)GnssSystem.Gps, 33, 64, (int)GnssSystem.Sbas, -87,
        (int)GnssSystem.Glonass, 1, 32, (int)GnssSystem.Glonass, 0,
        (int)GnssSystem.Galileo, 1, 36, (int)GnssSystem.Galileo, 0,
        (int)GnssSystem.Galileo, 101, 136, (int)GnssSystem.Galileo, 100,
        (int)GnssSystem.Beidou, 1, 63, (int)GnssSystem.Beidou, 0,
        (int)GnssSystem.Beidou, 201, 263, (int)GnssSystem.Beidou, 200,
        (int)GnssSystem.Qzss, 1, 10, (int)GnssSystem.Qzss, 0,
        (int)GnssSystem.Qzss, 193, 202, (int)GnssSystem.Qzss, 192,
        (int)GnssSystem.Navic, 1, 14, (int)GnssSystem.Navic, 0,
        0, 1, 32, (int)GnssSystem.Gps, 0,
        0, 33, 64, (int)GnssSystem.Sbas, -87,
        0, 65, 96, (int)GnssSystem.Glonass, 64,
        0, 120, 158, (int)GnssSystem.Sbas, 0,
        0, 193, 200, (int)GnssSystem.Qzss, 192,
        0, 201, 263, (int)GnssSystem.Beidou, 200,
        0, 301, 336, (int)GnssSystem.Galileo, 300,
        0, 401, 463, (int)GnssSystem.Beidou, 400,
    };

    // gpsd's sigid for an NMEA 4.11 signal ID, per system: {system, nmea signal, gpsd sigid}. Taken from
    // what gpsd prints for the u-blox M9N and Unicore UM621 captures (GPS 8 → 7, BDS 5 → 7, Galileo
    // 1 → 3 and 7 → 4); other signals use u-blox's signal numbering. Unlisted signals → 0.
    private static readonly int[] SignalRows =
    {
        (int)GnssSystem.Gps, 5, 4,
        (int)GnssSystem.Gps, 6, 3,
        (int)GnssSystem.Gps, 7, 6,
        (int)GnssSystem.Gps, 8, 7,
        (int)GnssSystem.Glonass, 3, 2,
        (int)GnssSystem.Galileo, 1, 3,
        (int)GnssSystem.Galileo, 2, 5,
        (int)GnssSystem.Galileo, 7, 4,
        (int)GnssSystem.Beidou, 3, 5,
        (int)GnssSystem.Beidou, 5, 7,
        (int)GnssSystem.Beidou, 0xB, 2,
        (int)GnssSystem.Qzss, 5, 4,
        (int)GnssSystem.Qzss, 6, 5,
    };

    // Per context, per number: system in the low byte, svid above it; 0 = not in the table.
    private static readonly int[] Lookup = BuildLookup();

    /// <summary>
    /// Resolves a satellite number as printed in a sentence from <paramref name="talker"/>, with the
    /// sentence's NMEA 4.11 system ID (1–6) or 0 when it has none.
    /// </summary>
    public static SatelliteId Resolve(NmeaTalker talker, int systemId, int number)
    {
        if (systemId == (int)GnssSystem.Gps && number > 100 && number <= 136)
        {
            // Quectel numbers Galileo 101–136 and may flag it GPS by system ID; a GP talker alone (without
            // an ID) means SBAS PRN 120–136 there, as gpsd reads it.
            return new SatelliteId(GnssSystem.Galileo, number - 100);
        }

        int context = systemId >= 1 && systemId <= 6 ? systemId : (int)NmeaTalkers.SystemOf(talker);
        return Resolve((GnssSystem)context, number);
    }

    /// <summary>Resolves a number in the context of one system (<see cref="GnssSystem.Unknown"/>: generic ranges only).</summary>
    public static SatelliteId Resolve(GnssSystem context, int number)
    {
        int c = (int)context;
        if (number <= 0 || number >= MaxNumber || c < 0 || c >= Contexts)
        {
            return default;
        }

        int entry = Lookup[(c * MaxNumber) + number];
        if (entry == 0)
        {
            entry = Lookup[number];
        }

        return entry == 0 ? default : new SatelliteId((GnssSystem)(entry & 0xFF), entry >> 8);
    }

    /// <summary>
    /// The number gpsd would print as <c>sigid</c> for an NMEA 4.11 signal ID of one system (u-blox
    /// signal numbering; 0 for the L1/B1/E1 primary signal or when unknown).
    /// </summary>
    public static int GpsdSignalId(GnssSystem system, int nmeaSignalId)
    {
        for (int i = 0; i < SignalRows.Length; i += 3)
        {
            if (SignalRows[i] == (int)system && SignalRows[i + 1] == nmeaSignalId)
            {
                return SignalRows[i + 2];
            }
        }

        return 0;
    }

    /// <summary>
    /// The number to print in a sentence for a satellite: the ID itself under its own talker or system
    /// ID (what NMEA 4.10+ receivers do), except SBAS (33–64) and GLONASS (65–96) as NMEA has always done.
    /// </summary>
    public static int ToNmeaNumber(SatelliteId id)
    {
        switch (id.System)
        {
            case GnssSystem.Sbas: return id.Number <= 151 ? id.Number - 87 : id.Number;
            case GnssSystem.Glonass: return id.Number + 64;
            default: return id.Number;
        }
    }

    private static int[] BuildLookup()
    {
        int[] lookup = new int[Contexts * MaxNumber];
        // Fill in reverse so that the first matching row of the table wins.
        for (int r = Rows.Length - 5; r >= 0; r -= 5)
        {
            int context = Rows[r];
            for (int n = Rows[r + 1]; n <= Rows[r + 2]; n++)
            {
                lookup[(context * MaxNumber) + n] = Rows[r + 3] | ((n - Rows[r + 4]) << 8);
            }
        }

        return lookup;
    }
}
