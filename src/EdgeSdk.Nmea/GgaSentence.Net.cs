namespace EdgeSdk.Nmea;

/// <content>.NET only: the GGA part of <see cref="FixDataSentence.ToString"/>.</content>
public sealed partial class GgaSentence
{
    private protected override string QualityText() => "quality " + NmeaDisplay.Count(FixQuality);

    // The fast path's copy of Read (same fields, same order; FastPathDifferentialTests pins them together).
    internal override bool ReadFixedWidth(NmeaSentence s)
    {
        TimeUtc = s.FastTime(1);
        LatitudeDegrees = s.FastCoordinate(2);
        LongitudeDegrees = s.FastCoordinate(4);
        FixQuality = s.FastInt(6, -1);
        SatellitesUsed = s.FastInt(7, -1);
        Hdop = s.FastDouble(8);
        AltitudeMslMeters = s.FastDouble(9);
        GeoidSeparationMeters = s.FastDouble(11);
        DgpsAgeSeconds = s.FastDouble(13);
        DgpsStationId = s.FastInt(14, -1);
        return true;
    }
}
