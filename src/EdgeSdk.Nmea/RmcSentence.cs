namespace EdgeSdk.Nmea;

/// <summary>
/// RMC, recommended minimum data: <c>$GNRMC,hhmmss.ss,A,llll.ll,N,yyyyy.yy,W,kn,course,ddmmyy,magvar,E,mode,navstatus</c>.
/// The mode indicator arrived in NMEA 2.3 and the navigational status in 4.10; older sentences leave them absent.
/// </summary>
public sealed partial class RmcSentence : NmeaTypedSentence
{
    /// <summary>Metres per second in one knot.</summary>
    public const double MetersPerSecondPerKnot = 1852.0 / 3600.0;

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Rmc;

    /// <summary>UTC time of the fix.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>Status: 'A' valid, 'V' warning (no valid fix); '\0' absent.</summary>
    public char Status { get; set; }

    /// <summary>Latitude in decimal degrees, north positive; NaN when absent.</summary>
    public double LatitudeDegrees { get; set; } = double.NaN;

    /// <summary>Longitude in decimal degrees, east positive; NaN when absent.</summary>
    public double LongitudeDegrees { get; set; } = double.NaN;

    /// <summary>Speed over ground in knots, as sent; NaN when absent.</summary>
    public double SpeedKnots { get; set; } = double.NaN;

    /// <summary>Speed over ground in metres per second (from <see cref="SpeedKnots"/>); NaN when absent.</summary>
    public double SpeedMetersPerSecond => SpeedKnots * MetersPerSecondPerKnot;

    /// <summary>Course over ground, degrees from true north; NaN when absent (often so when stationary).</summary>
    public double CourseDegrees { get; set; } = double.NaN;

    /// <summary>UTC date of the fix (two-digit year rule: see <see cref="NmeaDate.YearFromTwoDigits"/>).</summary>
    public NmeaDate Date { get; set; }

    /// <summary>Magnetic variation in degrees, east positive (west negative); NaN when absent.</summary>
    public double MagneticVariationDegrees { get; set; } = double.NaN;

    /// <summary>FAA mode indicator (NMEA 2.3+): A autonomous, D differential, E estimated, F float RTK, R RTK, N not valid, ...; '\0' absent.</summary>
    public char Mode { get; set; }

    /// <summary>Navigational status (NMEA 4.10+): S safe, C caution, U unsafe, V not valid; '\0' absent.</summary>
    public char NavigationalStatus { get; set; }

    /// <summary>True when <see cref="Status"/> is 'A' and the mode (if any) is not 'N'.</summary>
    public bool IsValid => Status == 'A' && Mode != 'N';

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 9;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = ReadTime(s, 1);
        Status = ReadChar(s, 2);
        LatitudeDegrees = ReadCoordinate(s, 3);
        LongitudeDegrees = ReadCoordinate(s, 5);
        SpeedKnots = ReadDouble(s, 7);
        CourseDegrees = ReadDouble(s, 8);
        Date = ReadDate(s, 9);
        MagneticVariationDegrees = ReadSignedByLetter(s, 10, 'W');
        Mode = ReadChar(s, 12);
        NavigationalStatus = ReadChar(s, 13);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "RMC");
        w.Time(TimeUtc);
        w.Field(Status);
        w.Position(LatitudeDegrees, LongitudeDegrees);
        w.Field(SpeedKnots, w.SpeedDecimals);
        w.Field(CourseDegrees, w.CourseDecimals);
        w.Date(Date);
        w.Field(MagneticVariationDegrees < 0 ? -MagneticVariationDegrees : MagneticVariationDegrees, 1);
        w.Field(double.IsNaN(MagneticVariationDegrees) ? '\0' : (MagneticVariationDegrees < 0 ? 'W' : 'E'));
        if (Mode != '\0' || NavigationalStatus != '\0')
        {
            w.Field(Mode);
        }

        if (NavigationalStatus != '\0')
        {
            w.Field(NavigationalStatus);
        }
    }
}
