namespace EdgeSdk.Nmea;

/// <summary>
/// GGA, fix data: <c>$GPGGA,hhmmss.ss,llll.ll,N,yyyyy.yy,W,quality,sats,hdop,alt,M,sep,M,age,station</c>.
/// </summary>
public sealed class GgaSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gga;

    /// <summary>UTC time of the fix.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>Latitude in decimal degrees, north positive; NaN when absent.</summary>
    public double LatitudeDegrees { get; set; } = double.NaN;

    /// <summary>Longitude in decimal degrees, east positive; NaN when absent.</summary>
    public double LongitudeDegrees { get; set; } = double.NaN;

    /// <summary>Fix quality: 0 none, 1 GNSS, 2 DGNSS, 4 RTK fixed, 5 RTK float, 6 estimated, ...; -1 absent.</summary>
    public int FixQuality { get; set; } = -1;

    /// <summary>Satellites used in the fix; -1 absent.</summary>
    public int SatellitesUsed { get; set; } = -1;

    /// <summary>Horizontal dilution of precision; NaN when absent.</summary>
    public double Hdop { get; set; } = double.NaN;

    /// <summary>Antenna altitude above mean sea level (geoid), metres; NaN when absent.</summary>
    public double AltitudeMslMeters { get; set; } = double.NaN;

    /// <summary>Geoid separation (ellipsoid height minus MSL height), metres; NaN when absent.</summary>
    public double GeoidSeparationMeters { get; set; } = double.NaN;

    /// <summary>Age of differential corrections, seconds; NaN when absent.</summary>
    public double DgpsAgeSeconds { get; set; } = double.NaN;

    /// <summary>Differential reference station ID; -1 absent.</summary>
    public int DgpsStationId { get; set; } = -1;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 9;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = s.ReadTime(1);
        LatitudeDegrees = s.ReadCoordinate(2);
        LongitudeDegrees = s.ReadCoordinate(4);
        FixQuality = s.ReadInt(6, -1);
        SatellitesUsed = s.ReadInt(7, -1);
        Hdop = s.ReadDouble(8);
        AltitudeMslMeters = s.ReadDouble(9);
        GeoidSeparationMeters = s.ReadDouble(11);
        DgpsAgeSeconds = s.ReadDouble(13);
        DgpsStationId = s.ReadInt(14, -1);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GGA");
        w.Time(TimeUtc);
        w.Position(LatitudeDegrees, LongitudeDegrees);
        w.FieldOrEmpty(FixQuality, 1);
        w.FieldOrEmpty(SatellitesUsed, 2);
        w.Field(Hdop, 2);
        w.Field(AltitudeMslMeters, 1);
        w.Field(double.IsNaN(AltitudeMslMeters) ? '\0' : 'M');
        w.Field(GeoidSeparationMeters, 1);
        w.Field(double.IsNaN(GeoidSeparationMeters) ? '\0' : 'M');
        w.Field(DgpsAgeSeconds, 1);
        w.FieldOrEmpty(DgpsStationId, 4);
    }
}
