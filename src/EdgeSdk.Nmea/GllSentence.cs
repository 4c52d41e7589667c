namespace EdgeSdk.Nmea;

/// <summary>GLL, geographic position: <c>$GPGLL,llll.ll,N,yyyyy.yy,W,hhmmss.ss,A,mode</c>.</summary>
public sealed partial class GllSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gll;

    /// <summary>Latitude in decimal degrees, north positive; NaN when absent.</summary>
    public double LatitudeDegrees { get; set; } = double.NaN;

    /// <summary>Longitude in decimal degrees, east positive; NaN when absent.</summary>
    public double LongitudeDegrees { get; set; } = double.NaN;

    /// <summary>UTC time of the position (absent in NMEA 1.5).</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>Status: 'A' valid, 'V' not valid; '\0' absent.</summary>
    public char Status { get; set; }

    /// <summary>FAA mode indicator (NMEA 2.3+); '\0' absent.</summary>
    public char Mode { get; set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 4;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        LatitudeDegrees = ReadCoordinate(s, 1);
        LongitudeDegrees = ReadCoordinate(s, 3);
        TimeUtc = ReadTime(s, 5);
        Status = ReadChar(s, 6);
        Mode = ReadChar(s, 7);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GLL");
        w.Position(LatitudeDegrees, LongitudeDegrees);
        w.Time(TimeUtc);
        w.Field(Status);
        if (Mode != '\0')
        {
            w.Field(Mode);
        }
    }
}
