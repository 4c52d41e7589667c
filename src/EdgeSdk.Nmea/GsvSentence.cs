namespace EdgeSdk.Nmea;

/// <summary>
/// GSV, satellites in view: <c>$GBGSV,total,number,inView,{id,el,az,snr}×1..4,signalId</c>. The NMEA 4.10+
/// signal ID (hex, 1–F) is told apart from a satellite block by the field count, never read as a satellite.
/// </summary>
public sealed partial class GsvSentence : NmeaTypedSentence
{
    /// <summary>Satellite blocks kept per sentence (the standard has 4; a few receivers send more).</summary>
    public const int MaxSatellites = 16;

    private readonly GsvSatellite[] _satellites = new GsvSatellite[MaxSatellites];

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gsv;

    /// <summary>Number of GSV sentences in this cycle; -1 absent.</summary>
    public int TotalMessages { get; set; } = -1;

    /// <summary>Number of this sentence, 1-based; -1 absent.</summary>
    public int MessageNumber { get; set; } = -1;

    /// <summary>Satellites in view (all sentences of the cycle); -1 absent.</summary>
    public int SatellitesInView { get; set; } = -1;

    /// <summary>NMEA 4.10+ signal ID (e.g. GPS 1 = L1 C/A, 8 = L5 Q; BDS 1 = B1I, B = B2I); -1 absent.</summary>
    public int SignalId { get; set; } = -1;

    /// <summary>The system of the satellites: the talker's (GN: Unknown, then each satellite's ID tells).</summary>
    public GnssSystem System => NmeaTalkers.SystemOf(Talker);

    /// <summary>gpsd's <c>sigid</c> for <see cref="SignalId"/> in this sentence's system.</summary>
    public int GpsdSignalId => SatelliteNumbering.GpsdSignalId(System, SignalId);

    /// <summary>Satellite blocks in this sentence.</summary>
    public int SatelliteCount { get; private set; }

    /// <summary>The <paramref name="index"/>-th satellite block (0-based).</summary>
    public GsvSatellite GetSatellite(int index) => index >= 0 && index < SatelliteCount ? _satellites[index] : default;

    /// <summary>Removes all satellites (for encoding).</summary>
    public void ClearSatellites()
    {
        SatelliteCount = 0;
    }

    /// <summary>Adds a satellite for encoding; false when full. Standard sentences hold 4.</summary>
    public bool AddSatellite(GsvSatellite satellite)
    {
        if (SatelliteCount == MaxSatellites)
        {
            return false;
        }

        _satellites[SatelliteCount++] = satellite;
        return true;
    }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 3;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TotalMessages = ReadInt(s, 1, -1);
        MessageNumber = ReadInt(s, 2, -1);
        SatellitesInView = ReadInt(s, 3, -1);
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
                blocks++; // a last block cut short: its missing fields read as absent
            }
        }

        int count = 0;
        for (int b = 0; b < blocks && count < MaxSatellites; b++)
        {
            int f = 4 + (b * 4);
            int number = ReadInt(s, f, -1);
            if (number <= 0)
            {
                continue; // an empty padding block
            }

            _satellites[count++] = new GsvSatellite(
                number,
                SatelliteNumbering.Resolve(Talker, 0, number),
                ReadDouble(s, f + 1),
                ReadDouble(s, f + 2),
                ReadDouble(s, f + 3));
        }

        SatelliteCount = count;
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GSV");
        w.FieldOrEmpty(TotalMessages, 1);
        w.FieldOrEmpty(MessageNumber, 1);
        w.FieldOrEmpty(SatellitesInView, 2);
        for (int i = 0; i < SatelliteCount; i++)
        {
            GsvSatellite sat = _satellites[i];
            w.FieldOrEmpty(sat.Number, 2);
            WriteWhole(w, sat.ElevationDegrees, 2);
            WriteWhole(w, sat.AzimuthDegrees, 3);
            WriteWhole(w, sat.SnrDbHz, 2);
        }

        if (SignalId >= 0)
        {
            w.FieldHex(SignalId);
        }
    }

    private static void WriteWhole(NmeaWriter w, double value, int digits)
    {
        w.FieldOrEmpty(!double.IsNaN(value) ? (int)(value + 0.5) : -1, digits);
    }
}
