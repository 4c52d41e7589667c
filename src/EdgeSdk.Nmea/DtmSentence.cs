namespace EdgeSdk.Nmea;

/// <summary>DTM, datum reference: <c>$GPDTM,local,sub,latOffset,N,lonOffset,E,altOffset,reference</c> (e.g. W84, or 999 user datum).</summary>
public sealed class DtmSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Dtm;

    /// <summary>Local datum code (W84, W72, S85, P90, 999 user defined, ...).</summary>
    public NmeaText LocalDatum { get; } = new NmeaText(8);

    /// <summary>Local datum subdivision code (often empty).</summary>
    public NmeaText SubdivisionCode { get; } = new NmeaText(8);

    /// <summary>Latitude offset from the reference datum, minutes, north positive; NaN when absent.</summary>
    public double LatitudeOffsetMinutes { get; set; } = double.NaN;

    /// <summary>Longitude offset, minutes, east positive; NaN when absent.</summary>
    public double LongitudeOffsetMinutes { get; set; } = double.NaN;

    /// <summary>Altitude offset, metres; NaN when absent.</summary>
    public double AltitudeOffsetMeters { get; set; } = double.NaN;

    /// <summary>Reference datum code (W84 for WGS-84).</summary>
    public NmeaText ReferenceDatum { get; } = new NmeaText(8);

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 8;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        s.TryGetText(1, LocalDatum);
        s.TryGetText(2, SubdivisionCode);
        LatitudeOffsetMinutes = ReadSignedByLetter(s, 3, 'S');
        LongitudeOffsetMinutes = ReadSignedByLetter(s, 5, 'W');
        AltitudeOffsetMeters = ReadDouble(s, 7);
        s.TryGetText(8, ReferenceDatum);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "DTM");
        w.Field(LocalDatum);
        w.Field(SubdivisionCode);
        WriteOffset(w, LatitudeOffsetMinutes, 'N', 'S');
        WriteOffset(w, LongitudeOffsetMinutes, 'E', 'W');
        w.Field(AltitudeOffsetMeters, 3);
        w.Field(ReferenceDatum);
    }

    private static void WriteOffset(NmeaWriter w, double minutes, char positive, char negative)
    {
        w.Field(minutes < 0 ? -minutes : minutes, 4);
        w.Field(double.IsNaN(minutes) ? '\0' : (minutes < 0 ? negative : positive));
    }
}
