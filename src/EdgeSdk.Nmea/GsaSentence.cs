namespace EdgeSdk.Nmea;

/// <summary>
/// GSA, DOP and satellites used: <c>$GNGSA,A,3,s1,...,s12,pdop,hdop,vdop,systemId</c>. NMEA 4.10+ receivers
/// send one GSA per system with the system ID in field 18; each is decoded on its own (never merged).
/// </summary>
public sealed partial class GsaSentence : NmeaTypedSentence
{
    /// <summary>Satellite slots in a GSA sentence.</summary>
    public const int Slots = 12;

    private readonly int[] _numbers = new int[Slots];
    private readonly SatelliteId[] _ids = new SatelliteId[Slots];

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gsa;

    /// <summary>Selection mode: 'M' manual, 'A' automatic 2D/3D; '\0' absent.</summary>
    public char SelectionMode { get; set; }

    /// <summary>Fix type: 1 no fix, 2 2D, 3 3D; -1 absent.</summary>
    public int FixType { get; set; } = -1;

    /// <summary>Number of satellites listed (non-empty slots).</summary>
    public int SatelliteCount { get; private set; }

    /// <summary>Position dilution of precision; NaN when absent.</summary>
    public double Pdop { get; set; } = double.NaN;

    /// <summary>Horizontal dilution of precision; NaN when absent.</summary>
    public double Hdop { get; set; } = double.NaN;

    /// <summary>Vertical dilution of precision; NaN when absent.</summary>
    public double Vdop { get; set; } = double.NaN;

    /// <summary>
    /// NMEA 4.10+ system ID (1 GPS, 2 GLONASS, 3 Galileo, 4 BDS, 5 QZSS, 6 NavIC); -1 absent. A field 18
    /// that is not a one-digit ID (SiRF-TriG puts a DOP there) is ignored, not an error.
    /// </summary>
    public int SystemId { get; set; } = -1;

    /// <summary>The system this sentence reports on: from the system ID, else the talker; Unknown for GN without ID.</summary>
    public GnssSystem System => SystemId >= 1 && SystemId <= 6 ? (GnssSystem)SystemId : NmeaTalkers.SystemOf(Talker);

    /// <summary>The satellite number as printed in the <paramref name="index"/>-th listed slot (0-based).</summary>
    public int GetNumber(int index) => index >= 0 && index < SatelliteCount ? _numbers[index] : -1;

    /// <summary>The resolved identity of the <paramref name="index"/>-th listed satellite.</summary>
    public SatelliteId GetSatellite(int index) => index >= 0 && index < SatelliteCount ? _ids[index] : default;

    /// <summary>Removes all satellites (for encoding).</summary>
    public void ClearSatellites()
    {
        SatelliteCount = 0;
    }

    /// <summary>Adds a satellite for encoding; false when all 12 slots are used.</summary>
    public bool AddSatellite(SatelliteId id)
    {
        if (SatelliteCount == Slots)
        {
            return false;
        }

        _ids[SatelliteCount] = id;
        _numbers[SatelliteCount] = SatelliteNumbering.ToNmeaNumber(id);
        SatelliteCount++;
        return true;
    }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 17;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        SelectionMode = s.ReadChar(1);
        FixType = s.ReadInt(2, -1);
        Pdop = s.ReadDouble(15);
        Hdop = s.ReadDouble(16);
        Vdop = s.ReadDouble(17);
        SystemId = s.GetFieldLength(18) == 1 && s.TryGetHex(18, out int id) ? id : -1;
        int count = 0;
        for (int f = 3; f < 3 + Slots; f++)
        {
            int n = s.ReadInt(f, -1);
            if (n > 0)
            {
                _numbers[count] = n;
                _ids[count] = SatelliteNumbering.Resolve(Talker, SystemId, n);
                count++;
            }
        }

        SatelliteCount = count;
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GSA");
        w.Field(SelectionMode);
        w.FieldOrEmpty(FixType, 1);
        for (int i = 0; i < Slots; i++)
        {
            w.FieldOrEmpty(i < SatelliteCount ? _numbers[i] : -1, 2);
        }

        w.Field(Pdop, w.DopDecimals);
        w.Field(Hdop, w.DopDecimals);
        w.Field(Vdop, w.DopDecimals);
        if (SystemId >= 0)
        {
            w.FieldHex(SystemId);
        }
    }
}
