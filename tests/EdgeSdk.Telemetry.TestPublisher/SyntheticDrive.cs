using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Telemetry.TestPublisher;

/// <summary>
/// A deterministic truck drive at 1 Hz around Beijing: straight legs at changing speeds, turns, stops at
/// lights, hills, and a slowly wandering 1.5 m receiver error with 5 cm jitter, so that bytes-per-fix is measured on realistic deltas.
/// Fix k is a pure function of k, so a restarted process continues the same drive.
/// </summary>
public static class SyntheticDrive
{
    public static readonly DateTime Start = new(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc);

    public static IEnumerable<GnssFix> Fixes(int count, int first = 0)
    {
        double lat = 39.9087, lon = 116.3975, alt = 48, course = 75, speed = 0;
        for (int k = 0; k < first + count; k++)
        {
            // A 120 s cycle: accelerate, cruise, brake, stop; a turn every 90 s; a hill every 300 s.
            int phase = k % 120;
            double target = phase < 10 ? 0 : phase < 100 ? 16 + (4 * Math.Sin(k / 17.0)) : 0;
            speed += Math.Clamp(target - speed, -1.5, 1.0);
            course = (course + (k % 90 < 8 ? 11.25 : 0.3 * Math.Sin(k / 7.0)) + 360) % 360;
            double north = speed * Math.Cos(course * Math.PI / 180), east = speed * Math.Sin(course * Math.PI / 180);
            lat += north / 111_320.0;
            lon += east / (111_320.0 * Math.Cos(lat * Math.PI / 180));
            alt += 0.02 * speed * Math.Sin(k / 300.0 * 2 * Math.PI);
            if (k < first)
            {
                continue;
            }

            // Receiver error wanders slowly (multipath, atmosphere), not white noise: the output is filtered.
            double wander = ((1.5 * Math.Sin(k / 23.0)) + (0.05 * Math.Sin(k * 1.7))) / 111_320.0;
            yield return new GnssFix
            {
                TimeUtc = Start.AddSeconds(k),
                Mode = FixMode.ThreeD,
                Quality = FixQuality.Autonomous,
                LatitudeDegrees = lat + wander,
                LongitudeDegrees = lon + wander,
                AltitudeMslMeters = alt,
                SpeedMetersPerSecond = speed,
                CourseDegrees = course,
                SatellitesUsed = 18,
                Satellites = Used((GnssSystem.Gps, 7), (GnssSystem.Beidou, k % 200 < 150 ? 11 : 10)),
            };
        }
    }

    private static SatelliteInfo[] Used(params (GnssSystem System, int Count)[] systems) =>
        systems.SelectMany(s => Enumerable.Range(1, s.Count).Select(id => new SatelliteInfo { System = s.System, Number = id, Used = true })).ToArray();
}
