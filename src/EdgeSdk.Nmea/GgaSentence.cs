namespace EdgeSdk.Nmea;

/// <summary>
/// GGA, fix data: <c>$GPGGA,hhmmss.ss,llll.ll,N,yyyyy.yy,W,quality,sats,hdop,alt,M,sep,M,age,station</c>.
/// </summary>
public sealed partial class GgaSentence : FixDataSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gga;

    /// <summary>Fix quality: 0 none, 1 GNSS, 2 DGNSS, 4 RTK fixed, 5 RTK float, 6 estimated, ...; -1 absent.</summary>
    public int FixQuality { get; set; } = -1;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 9;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = ReadTime(s, 1);
        LatitudeDegrees = ReadCoordinate(s, 2);
        LongitudeDegrees = ReadCoordinate(s, 4);
        FixQuality = ReadInt(s, 6, -1);
        SatellitesUsed = ReadInt(s, 7, -1);
        Hdop = ReadDouble(s, 8);
        AltitudeMslMeters = ReadDouble(s, 9);
        GeoidSeparationMeters = ReadDouble(s, 11);
        DgpsAgeSeconds = ReadDouble(s, 13);
        DgpsStationId = ReadInt(s, 14, -1);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GGA");
        w.Time(TimeUtc);
        w.Position(LatitudeDegrees, LongitudeDegrees);
        w.FieldOrEmpty(FixQuality, 1);
        w.FieldOrEmpty(SatellitesUsed, 2);
        w.Field(Hdop, w.DopDecimals);
        w.Field(AltitudeMslMeters, w.AltitudeDecimals);
        w.Field(double.IsNaN(AltitudeMslMeters) ? '\0' : 'M');
        w.Field(GeoidSeparationMeters, w.AltitudeDecimals);
        w.Field(double.IsNaN(GeoidSeparationMeters) ? '\0' : 'M');
        w.Field(DgpsAgeSeconds, 1);
        w.FieldOrEmpty(DgpsStationId, 4);
    }
}
