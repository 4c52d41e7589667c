using EdgeSdk.Jt808;

namespace EdgeSdk.Tracker;

/// <summary>
/// A fused fix as a JT/T 808 0x0200 location report body, for platforms that take JT/T 808 rather than MQTT; the
/// frame is then built by src/EdgeSdk.Jt808's portable <see cref="Jt808Codec"/>.
/// </summary>
public static class Jt808Locations
{
    /// <summary>Status bit 1: positioned.</summary>
    public const uint StatusPositioned = 1u << 1;

    /// <summary>Status bits 18–21 (JT/T 808-2013 table 24): GPS, BeiDou, GLONASS, Galileo used for positioning.</summary>
    public const uint StatusGps = 1u << 18, StatusBeidou = 1u << 19, StatusGlonass = 1u << 20, StatusGalileo = 1u << 21;

    private const long UnixEpochTicks = 621355968000000000L, TicksPerMillisecond = 10000;

    /// <summary>
    /// Fills <paramref name="report"/> from <paramref name="fix"/>: position (1e-6°, hemisphere bits), altitude
    /// (whole meters; the wire's WORD holds 0–65,535, so below sea level is 0), speed (0.1 km/h), direction (whole
    /// degrees, 0–359), time (GMT+8 BCD; all zero without a time), the positioned bit and the constellation bits.
    /// An absent quantity is written as 0, as terminals do; alarm flags and additional items are left as they are.
    /// </summary>
    /// <param name="fix">The fix.</param>
    /// <param name="report">The body to fill (reused between reports).</param>
    public static void Fill(TrackerFix fix, Jt808LocationReport report)
    {
        uint status = report.StatusFlags & ~(StatusPositioned | StatusGps | StatusBeidou | StatusGlonass | StatusGalileo);
        bool position = WireUnits.IsFinite(fix.LatitudeDegrees) && WireUnits.IsFinite(fix.LongitudeDegrees);
        report.StatusFlags = status;
        report.SetPosition(position ? fix.LatitudeDegrees : 0, position ? fix.LongitudeDegrees : 0);
        if (position && fix.Mode >= 2)
        {
            report.StatusFlags |= StatusPositioned
                | (fix.GetSatellitesUsed(1) > 0 ? StatusGps : 0) | (fix.GetSatellitesUsed(0) > 0 ? StatusBeidou : 0)
                | (fix.GetSatellitesUsed(3) > 0 ? StatusGlonass : 0) | (fix.GetSatellitesUsed(2) > 0 ? StatusGalileo : 0);
        }

        long altitude = WireUnits.IsFinite(fix.AltitudeMslMeters) ? WireUnits.Round(fix.AltitudeMslMeters, 1) : 0;
        report.AltitudeMeters = altitude < 0 ? 0 : altitude > 65535 ? 65535 : (int)altitude;
        double speed = WireUnits.IsFinite(fix.SpeedMetersPerSecond) && fix.SpeedMetersPerSecond > 0 ? fix.SpeedMetersPerSecond * 3.6 : 0;
        report.SetSpeedKilometersPerHour(speed < 6553.5 ? speed : 6553.5);
        report.DirectionDegrees = WireUnits.IsFinite(fix.CourseDegrees) ? (int)(WireUnits.NormalizeCourse(WireUnits.Round(fix.CourseDegrees, 1)) % 360) : 0;
        if (fix.HasTime)
        {
            report.SetTimeUtc(new System.DateTime(UnixEpochTicks + (fix.TimeUnixMilliseconds * TicksPerMillisecond)));
        }
        else
        {
            report.TimeBcd = new byte[6];
        }
    }
}
