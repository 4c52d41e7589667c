namespace EdgeSdk.Nmea;

/// <summary>
/// GNS, multi-system fix data: <c>$GNGNS,hhmmss.ss,llll.ll,N,yyyyy.yy,W,modes,sats,hdop,alt,sep,age,station,navstatus</c>,
/// with one mode character per system in the order GPS, GLONASS, Galileo, BDS, QZSS, NavIC.
/// </summary>
public sealed partial class GnsSentence : FixDataSentence
{
    private const int MaxModes = 8;
    private readonly char[] _modes = new char[MaxModes];

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gns;

    /// <summary>Number of mode characters (0 when the field is empty).</summary>
    public int ModeCount { get; private set; }

    /// <summary>Navigational status (NMEA 4.10+): S, C, U or V; '\0' absent.</summary>
    public char NavigationalStatus { get; set; }

    /// <summary>
    /// The mode of system number <paramref name="index"/> (0 GPS, 1 GLONASS, 2 Galileo, 3 BDS, 4 QZSS, 5 NavIC):
    /// N no fix, A autonomous, D differential, P precise, R RTK, F float RTK, E estimated, M manual, S simulator; '\0' absent.
    /// </summary>
    public char GetMode(int index) => index >= 0 && index < ModeCount ? _modes[index] : '\0';

    /// <summary>Sets the mode characters (at most 8), e.g. "AAAN".</summary>
    public void SetModes(string modes)
    {
        ModeCount = 0;
        for (int i = 0; modes != null && i < modes.Length && i < MaxModes; i++)
        {
            _modes[ModeCount++] = modes[i];
        }
    }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 8;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = ReadTime(s, 1);
        LatitudeDegrees = ReadCoordinate(s, 2);
        LongitudeDegrees = ReadCoordinate(s, 4);
        int n = s.GetFieldLength(6);
        if (n > MaxModes)
        {
            s.MarkFieldInvalid(6);
            n = 0;
        }

        for (int i = 0; i < n; i++)
        {
            _modes[i] = (char)s.GetFieldByte(6, i);
        }

        ModeCount = n;
        SatellitesUsed = ReadInt(s, 7, -1);
        Hdop = ReadDouble(s, 8);
        AltitudeMslMeters = ReadDouble(s, 9);
        GeoidSeparationMeters = ReadDouble(s, 10);
        DgpsAgeSeconds = ReadDouble(s, 11);
        DgpsStationId = ReadInt(s, 12, -1);
        NavigationalStatus = ReadChar(s, 13);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GNS");
        w.Time(TimeUtc);
        w.Position(LatitudeDegrees, LongitudeDegrees);
        w.Field(_modes, ModeCount);
        w.FieldOrEmpty(SatellitesUsed, 2);
        w.Field(Hdop, w.DopDecimals);
        w.Field(AltitudeMslMeters, w.AltitudeDecimals);
        w.Field(GeoidSeparationMeters, w.AltitudeDecimals);
        w.Field(DgpsAgeSeconds, 1);
        w.FieldOrEmpty(DgpsStationId, 4);
        if (NavigationalStatus != '\0')
        {
            w.Field(NavigationalStatus);
        }
    }
}
