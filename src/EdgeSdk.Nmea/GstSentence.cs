namespace EdgeSdk.Nmea;

/// <summary>GST, pseudorange error statistics: <c>$GPGST,hhmmss.ss,rms,major,minor,orient,latErr,lonErr,altErr</c>.</summary>
public sealed class GstSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gst;

    /// <summary>UTC time of the associated fix.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>RMS of the standard deviation of the range inputs, metres; NaN when absent.</summary>
    public double RangeRmsMeters { get; set; } = double.NaN;

    /// <summary>Standard deviation of the error ellipse's semi-major axis, metres; NaN when absent.</summary>
    public double SemiMajorDeviationMeters { get; set; } = double.NaN;

    /// <summary>Standard deviation of the error ellipse's semi-minor axis, metres; NaN when absent.</summary>
    public double SemiMinorDeviationMeters { get; set; } = double.NaN;

    /// <summary>Orientation of the semi-major axis, degrees from true north; NaN when absent.</summary>
    public double SemiMajorOrientationDegrees { get; set; } = double.NaN;

    /// <summary>Standard deviation of latitude error, metres; NaN when absent.</summary>
    public double LatitudeErrorMeters { get; set; } = double.NaN;

    /// <summary>Standard deviation of longitude error, metres; NaN when absent.</summary>
    public double LongitudeErrorMeters { get; set; } = double.NaN;

    /// <summary>Standard deviation of altitude error, metres; NaN when absent.</summary>
    public double AltitudeErrorMeters { get; set; } = double.NaN;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 8;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = ReadTime(s, 1);
        RangeRmsMeters = ReadDouble(s, 2);
        SemiMajorDeviationMeters = ReadDouble(s, 3);
        SemiMinorDeviationMeters = ReadDouble(s, 4);
        SemiMajorOrientationDegrees = ReadDouble(s, 5);
        LatitudeErrorMeters = ReadDouble(s, 6);
        LongitudeErrorMeters = ReadDouble(s, 7);
        AltitudeErrorMeters = ReadDouble(s, 8);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GST");
        w.Time(TimeUtc);
        w.Field(RangeRmsMeters, 1);
        w.Field(SemiMajorDeviationMeters, 1);
        w.Field(SemiMinorDeviationMeters, 1);
        w.Field(SemiMajorOrientationDegrees, 1);
        w.Field(LatitudeErrorMeters, 1);
        w.Field(LongitudeErrorMeters, 1);
        w.Field(AltitudeErrorMeters, 1);
    }
}
