using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>Makes firmware fixes with edge values, and the equal EdgeSdk.Gnss fix for the .NET codec.</summary>
public static class Fixes
{
    // The wire's constellation order (FixState.satellites_used); slot 7 is unattributed.
    private static readonly GnssSystem[] Slots =
        [GnssSystem.Beidou, GnssSystem.Gps, GnssSystem.Galileo, GnssSystem.Glonass, GnssSystem.Qzss, GnssSystem.Navic, GnssSystem.Sbas];

    private static readonly double[] EdgeDoubles =
        [0.0, -0.0, 1e-9, -1e-9, 0.05, -0.05, 0.049999999, 0.15, -0.15, 2.5, -2.5, 1e300, -1e300, double.MaxValue, double.MinValue,
         double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 9.2e17, -9.2e17];

    private const long MaxUnixMs = 253_402_300_799_999, MinUnixMs = -62_135_596_800_000;

    private static readonly long[] EdgeTimes =
        [0, 1, -1, 86_400_000, 1_764_460_800_123, 253_402_300_799_999, -62_135_596_800_000];

    /// <summary>The same fix as EdgeSdk.Gnss has it.</summary>
    public static GnssFix ToGnssFix(TrackerFix fix)
    {
        var satellites = new List<SatelliteInfo>();
        int total = fix.GetSatellitesUsed(TrackerFix.Unattributed);
        for (int slot = 0; slot < Slots.Length; slot++)
        {
            for (int k = 0; k < fix.GetSatellitesUsed(slot); k++)
            {
                satellites.Add(new SatelliteInfo { System = Slots[slot], Number = k + 1, Used = true });
            }

            total += fix.GetSatellitesUsed(slot);
        }

        return new GnssFix
        {
            TimeUtc = fix.HasTime ? DateTime.UnixEpoch.AddMilliseconds(fix.TimeUnixMilliseconds) : null,
            Mode = (FixMode)fix.Mode,
            Quality = (FixQuality)fix.Quality,
            LatitudeDegrees = fix.LatitudeDegrees,
            LongitudeDegrees = fix.LongitudeDegrees,
            AltitudeMslMeters = fix.AltitudeMslMeters,
            SpeedMetersPerSecond = fix.SpeedMetersPerSecond,
            CourseDegrees = fix.CourseDegrees,
            Hdop = fix.Hdop,
            Pdop = fix.Pdop,
            Vdop = fix.Vdop,
            Satellites = satellites,
            SatellitesUsed = total,
        };
    }

    /// <summary>
    /// A random fix near the previous one (a drive), with one quantity in five absent or at an edge value, and
    /// the state changing now and then.
    /// </summary>
    public static TrackerFix Next(Random random, TrackerFix? previous)
    {
        var fix = new TrackerFix();
        if (previous != null)
        {
            fix.CopyFrom(previous);
        }
        else
        {
            fix.HasTime = true;
            fix.TimeUnixMilliseconds = 1_764_460_800_000;
            fix.LatitudeDegrees = 29.56;
            fix.LongitudeDegrees = 106.55;
            fix.AltitudeMslMeters = 250;
            fix.SpeedMetersPerSecond = 10;
            fix.CourseDegrees = 90;
            fix.Mode = 3;
            fix.Quality = 1;
            fix.SetSatellitesUsed(0, 12);
        }

        fix.TimeUnixMilliseconds += random.Next(4) == 0 ? random.Next(-2000, 5000) : 1000;
        fix.HasTime = random.Next(20) != 0;
        if (random.Next(40) == 0)
        {
            fix.TimeUnixMilliseconds = EdgeTimes[random.Next(EdgeTimes.Length)];
        }
        else if (fix.TimeUnixMilliseconds > MaxUnixMs || fix.TimeUnixMilliseconds < MinUnixMs)
        {
            fix.TimeUnixMilliseconds = 1_764_460_800_000; // back from an edge: stay where DateTime can follow
        }

        fix.LatitudeDegrees = Drift(random, previous?.LatitudeDegrees ?? 29.56, 1e-4, -90, 90);
        fix.LongitudeDegrees = Drift(random, previous?.LongitudeDegrees ?? 106.55, 1e-4, -180, 180);
        fix.AltitudeMslMeters = Drift(random, previous?.AltitudeMslMeters ?? 250, 0.7, -500, 9000);
        fix.SpeedMetersPerSecond = Drift(random, previous?.SpeedMetersPerSecond ?? 10, 0.3, 0, 80);
        fix.CourseDegrees = Drift(random, previous?.CourseDegrees ?? 90, 25, -720, 720); // wraps both ways
        fix.Hdop = Drift(random, previous?.Hdop ?? 0.9, 0.05, 0, 2000); // edge values: 0, negatives, tiny, huge
        fix.Pdop = Drift(random, previous?.Pdop ?? 1.6, 0.05, 0, 2000);
        fix.Vdop = Drift(random, previous?.Vdop ?? 1.3, 0.05, 0, 2000);
        if (random.Next(10) == 0)
        {
            fix.Mode = random.Next(4);
            fix.Quality = random.Next(10) == 0 ? 255 : random.Next(9);
        }

        if (random.Next(8) == 0)
        {
            for (int slot = 0; slot < TrackerFix.SatelliteSlots; slot++)
            {
                int roll = random.Next(10);
                fix.SetSatellitesUsed(slot, roll < 5 ? 0 : roll < 9 ? random.Next(1, 20) : random.Next(40, 200)); // > 128 total: clipped
            }
        }

        return fix;
    }

    // A random walk, sometimes absent or an edge value.
    private static double Drift(Random random, double previous, double step, double min, double max)
    {
        int roll = random.Next(20);
        if (roll == 0)
        {
            return double.NaN;
        }

        if (roll == 1)
        {
            return EdgeDoubles[random.Next(EdgeDoubles.Length)];
        }

        double start = double.IsFinite(previous) && previous >= min && previous <= max ? previous : (min + max) / 2;
        return Math.Clamp(start + ((random.NextDouble() - 0.5) * 2 * step), min, max);
    }
}
