using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Rdss;

/// <summary>
/// The compact position report (<see cref="RdssPositionCodec"/>) from and to the telemetry model's
/// <see cref="GnssFix"/>: what a tracker packs into one short message and what the platform gets back.
/// Time to the second, position to 1e-5° (worst error 0.79 m), speed to 0.1 m/s, course to 1°.
/// </summary>
public static class RdssPositionReports
{
    /// <summary>
    /// Packs as many of <paramref name="fixes"/> (in the given order; those without a position or time are
    /// skipped) as fit in <paramref name="maxBytes"/>. <paramref name="packed"/> counts the fixes taken from the
    /// front of the list, skipped ones included, so the caller knows where the next report starts.
    /// </summary>
    public static byte[] Encode(IReadOnlyList<GnssFix> fixes, int maxBytes, out int packed)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var usable = new List<(int Index, RdssPositionFix Fix)>();
        for (int i = 0; i < fixes.Count && usable.Count < RdssPositionCodec.MaxFixes; i++)
        {
            GnssFix f = fixes[i];
            if (f.HasPosition && f.TimeUtc.HasValue)
            {
                usable.Add((i, ToReport(f)));
            }
        }

        packed = 0;
        if (usable.Count == 0)
        {
            packed = fixes.Count;
            return [];
        }

        RdssPositionFix[] reports = usable.Select(u => u.Fix).ToArray();
        byte[] buffer = new byte[Math.Max(0, maxBytes)];
        int n = RdssPositionCodec.Encode(reports, 0, reports.Length, buffer, 0, buffer.Length, out int bytes);
        if (n == 0)
        {
            return [];
        }

        packed = n < usable.Count ? usable[n].Index : (usable.Count < RdssPositionCodec.MaxFixes ? fixes.Count : usable[n - 1].Index + 1);
        return buffer.AsSpan(0, bytes).ToArray();
    }

    /// <summary>Decodes a report into fixes (mode 3D or 2D by the status bit, quality autonomous); <see cref="RdssCodecResult"/> says why not.</summary>
    public static RdssCodecResult TryDecode(RdssPositionCodec codec, ReadOnlySpan<byte> report, out IReadOnlyList<GnssFix> fixes)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var target = new RdssPositionFix[RdssPositionCodec.MaxFixes];
        byte[] data = report.ToArray();
        RdssCodecResult result = codec.TryDecode(data, 0, data.Length, target, out int count);
        fixes = result == RdssCodecResult.Ok ? target.Take(count).Select(ToFix).ToArray() : [];
        return result;
    }

    /// <summary>One fix as the report carries it.</summary>
    public static RdssPositionFix ToReport(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        RdssFixStatus status = RdssFixStatus.None;
        if (fix.HasPosition)
        {
            status |= RdssFixStatus.FixValid;
        }

        if (fix.Mode == FixMode.ThreeD)
        {
            status |= RdssFixStatus.ThreeDimensional;
        }

        return new RdssPositionFix
        {
            TimeUnixSeconds = fix.TimeUtc.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(fix.TimeUtc.Value, DateTimeKind.Utc)).ToUnixTimeSeconds() : 0,
            LatitudeDegrees = fix.LatitudeDegrees ?? 0,
            LongitudeDegrees = fix.LongitudeDegrees ?? 0,
            SpeedMetersPerSecond = fix.SpeedMetersPerSecond ?? double.NaN,
            HeadingDegrees = fix.CourseDegrees ?? double.NaN,
            Status = status,
        };
    }

    /// <summary>A decoded report fix as a <see cref="GnssFix"/>.</summary>
    public static GnssFix ToFix(RdssPositionFix report)
    {
        bool valid = (report.Status & RdssFixStatus.FixValid) != 0;
        return new GnssFix
        {
            TimeUtc = DateTimeOffset.FromUnixTimeSeconds(report.TimeUnixSeconds).UtcDateTime,
            Mode = !valid ? FixMode.NoFix : ((report.Status & RdssFixStatus.ThreeDimensional) != 0 ? FixMode.ThreeD : FixMode.TwoD),
            Quality = valid ? FixQuality.Autonomous : FixQuality.Invalid,
            LatitudeDegrees = report.LatitudeDegrees,
            LongitudeDegrees = report.LongitudeDegrees,
            SpeedMetersPerSecond = double.IsNaN(report.SpeedMetersPerSecond) ? null : report.SpeedMetersPerSecond,
            CourseDegrees = double.IsNaN(report.HeadingDegrees) ? null : report.HeadingDegrees,
        };
    }
}
