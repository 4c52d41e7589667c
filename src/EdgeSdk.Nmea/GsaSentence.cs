namespace EdgeSdk.Nmea;

/// <summary>
/// GSA, DOP and satellites used: <c>$GNGSA,A,3,s1,...,s12,pdop,hdop,vdop,systemId</c>. NMEA 4.10+ receivers
/// send one GSA per system with the system ID in field 18; each is decoded on its own (never merged).
/// </summary>
public sealed partial class GsaSentence : NmeaTypedSentence
{
    /// <summary>Satellite slots in a standard GSA sentence.</summary>
    public const int Slots = 12;

    /// <summary>
    /// Most satellite slots read or written: some receivers send more than 12 (the Navior-24 CH-4701 sends
    /// 24); a longer sentence's further slots are not read.
    /// </summary>
    public const int MaxSlots = 32;

    private readonly int[] _numbers = new int[MaxSlots];
    private readonly SatelliteId[] _ids = new SatelliteId[MaxSlots];
    private int _slotCount = Slots;

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gsa;

    /// <summary>Selection mode: 'M' manual, 'A' automatic 2D/3D; '\0' absent.</summary>
    public char SelectionMode { get; set; }

    /// <summary>Fix type: 1 no fix, 2 2D, 3 3D; -1 absent.</summary>
    public int FixType { get; set; } = -1;

    /// <summary>Number of satellites listed (non-empty slots).</summary>
    public int SatelliteCount { get; private set; }

    /// <summary>
    /// Satellite slots in the sentence: 12 (<see cref="Slots"/>) in the standard; as many as a decoded sentence
    /// had (24 from a Navior-24 CH-4701); for encoding, how many slot fields to write (12 to <see cref="MaxSlots"/>).
    /// </summary>
    public int SlotCount
    {
        get => _slotCount;
        set => _slotCount = value < Slots ? Slots : value > MaxSlots ? MaxSlots : value;
    }

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

    /// <summary>Adds a satellite for encoding; false when all <see cref="SlotCount"/> slots are used.</summary>
    public bool AddSatellite(SatelliteId id)
    {
        if (SatelliteCount >= _slotCount)
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
        SelectionMode = ReadChar(s, 1);
        FixType = ReadInt(s, 2, -1);
        // Standard: 12 slots (fields 3–14), the DOPs in 15–17, an NMEA 4.10 system ID in 18. A longer
        // sentence has more slots (CH-4701: 24): its DOPs are the three fields after them, and a
        // one-digit last field is the system ID. gpsd reads such a sentence's satellites but not its DOPs.
        int fields = s.FieldCount;
        int dops = 15;
        if (fields > 18)
        {
            dops = (OneHexDigit(s, fields) >= 0 ? fields - 1 : fields) - 2;
        }

        int slots = dops - 3;
        Pdop = ReadDouble(s, dops);
        Hdop = ReadDouble(s, dops + 1);
        Vdop = ReadDouble(s, dops + 2);
        SystemId = OneHexDigit(s, dops + 3);
        SlotCount = slots;
        int count = 0;
        for (int f = 3; f < 3 + _slotCount; f++)
        {
            int n = ReadInt(s, f, -1);
            if (n > 0)
            {
                _numbers[count] = n;
                _ids[count] = SatelliteNumbering.Resolve(Talker, SystemId, n);
                count++;
            }
        }

        SatelliteCount = count;
    }

    // A one-digit hex field's value, else -1 (a longer field there is not an error: SiRF-TriG puts a DOP in it).
    private static int OneHexDigit(NmeaSentence s, int index)
        => s.GetFieldLength(index) == 1 ? NmeaChecksum.HexValue(s.GetFieldByte(index, 0)) : -1;

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GSA");
        w.Field(SelectionMode);
        w.FieldOrEmpty(FixType, 1);
        for (int i = 0; i < _slotCount; i++)
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
