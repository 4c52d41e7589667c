namespace EdgeSdk.Nmea;

/// <summary>VTG, course and speed over ground: <c>$GPVTG,course,T,courseMag,M,kn,N,km/h,K,mode</c>.</summary>
public sealed partial class VtgSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Vtg;

    /// <summary>Course over ground, degrees from true north; NaN when absent.</summary>
    public double CourseTrueDegrees { get; set; } = double.NaN;

    /// <summary>Course over ground, degrees from magnetic north; NaN when absent.</summary>
    public double CourseMagneticDegrees { get; set; } = double.NaN;

    /// <summary>Speed over ground, knots; NaN when absent.</summary>
    public double SpeedKnots { get; set; } = double.NaN;

    /// <summary>Speed over ground, kilometres per hour; NaN when absent.</summary>
    public double SpeedKilometersPerHour { get; set; } = double.NaN;

    /// <summary>Speed over ground in metres per second: from km/h when sent, else from knots; NaN when absent.</summary>
    public double SpeedMetersPerSecond => !double.IsNaN(SpeedKilometersPerHour)
        ? SpeedKilometersPerHour / 3.6
        : SpeedKnots * RmcSentence.MetersPerSecondPerKnot;

    /// <summary>FAA mode indicator (NMEA 2.3+); '\0' absent.</summary>
    public char Mode { get; set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 8;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        CourseTrueDegrees = ReadDouble(s, 1);
        CourseMagneticDegrees = ReadDouble(s, 3);
        SpeedKnots = ReadDouble(s, 5);
        SpeedKilometersPerHour = ReadDouble(s, 7);
        Mode = ReadChar(s, 9);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "VTG");
        w.Field(CourseTrueDegrees, w.CourseDecimals);
        w.Field('T');
        w.Field(CourseMagneticDegrees, w.CourseDecimals);
        w.Field('M');
        w.Field(SpeedKnots, w.SpeedDecimals);
        w.Field('N');
        w.Field(SpeedKilometersPerHour, w.SpeedDecimals);
        w.Field('K');
        if (Mode != '\0')
        {
            w.Field(Mode);
        }
    }
}
