using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry;

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
        return EncodeCore(fixes.Count, i => fixes[i], null, 0, maxBytes, out packed);
    }

    /// <summary>
    /// As <see cref="Encode"/>, as an identified report: each fix with its <see cref="SequencedFix.Sequence"/> and
    /// the report with the low 32 bits of the sender's queue instance, so the platform's
    /// <see cref="TelemetryConsumer"/> recognises the fixes when their full-resolution copies arrive over MQTT.
    /// Fixes whose sequence steps cannot be coded (steps beyond 2^31 around the first one) are left, like those
    /// that do not fit, for the next report.
    /// </summary>
    public static byte[] EncodeIdentified(IReadOnlyList<SequencedFix> fixes, uint queueInstanceTag, int maxBytes, out int packed)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        return EncodeCore(fixes.Count, i => fixes[i].Fix, i => fixes[i].Sequence, queueInstanceTag, maxBytes, out packed);
    }

    private static byte[] EncodeCore(int count, Func<int, GnssFix> fixAt, Func<int, long>? sequenceAt, uint tag, int maxBytes, out int packed)
    {
        var usable = new List<(int Index, RdssPositionFix Fix)>();
        for (int i = 0; i < count && usable.Count < RdssPositionCodec.MaxFixes; i++)
        {
            GnssFix f = fixAt(i);
            if (f.HasPosition && f.TimeUtc.HasValue)
            {
                RdssPositionFix report = ToReport(f);
                report.Sequence = sequenceAt?.Invoke(i) ?? 0;
                usable.Add((i, report));
            }
        }

        packed = 0;
        if (usable.Count == 0)
        {
            packed = count;
            return [];
        }

        RdssPositionFix[] reports = usable.Select(u => u.Fix).ToArray();
        byte[] buffer = new byte[Math.Max(0, maxBytes)];
        int n = sequenceAt is null
            ? RdssPositionCodec.Encode(reports, 0, reports.Length, buffer, 0, buffer.Length, out int bytes)
            : RdssPositionCodec.EncodeIdentified(reports, 0, reports.Length, tag, buffer, 0, buffer.Length, out bytes);
        if (n == 0)
        {
            return [];
        }

        packed = n < usable.Count ? usable[n].Index : (usable.Count < RdssPositionCodec.MaxFixes ? count : usable[n - 1].Index + 1);
        return buffer.AsSpan(0, bytes).ToArray();
    }

    /// <summary>
    /// Decodes an identified report into fixes with the sender's sequence numbers and queue instance tag, for
    /// <see cref="TelemetryConsumer.DeliverSatelliteFixesAsync"/>. A plain report (no identity) decodes with
    /// sequence 0 for every fix; <see cref="RdssCodecResult"/> says why a report was refused.
    /// </summary>
    public static RdssCodecResult TryDecodeIdentified(RdssPositionCodec codec, ReadOnlySpan<byte> report, out uint queueInstanceTag, out IReadOnlyList<SequencedFix> fixes)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var target = new RdssPositionFix[RdssPositionCodec.MaxFixes];
        byte[] data = report.ToArray();
        RdssCodecResult result = codec.TryDecode(data, 0, data.Length, target, out int count, out queueInstanceTag);
        fixes = result == RdssCodecResult.Ok ? target.Take(count).Select(f => new SequencedFix(f.Sequence, ToFix(f))).ToArray() : [];
        return result;
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
