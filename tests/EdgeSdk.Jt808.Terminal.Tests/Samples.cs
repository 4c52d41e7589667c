using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>Synthetic drives at 1 Hz near Jiefangbei, Chongqing.</summary>
public static class Samples
{
    public static readonly DateTime Start = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    /// <summary>Driving north at <paramref name="speedMetersPerSecond"/> from second <paramref name="from"/> for <paramref name="count"/> seconds.</summary>
    public static IEnumerable<PositionSample> North(int from, int count, double speedMetersPerSecond, IgnitionState ignition = IgnitionState.On)
    {
        for (int i = from; i < from + count; i++)
        {
            (double lat, double lon) = TangentPlane.Offset(29.5574, 106.5772, 0, speedMetersPerSecond * i);
            yield return new PositionSample(Start.AddSeconds(i), true, lat, lon, speedMetersPerSecond, 0.9, ignition);
        }
    }

    public static int Second(Jt808LocationReport report) =>
        report.TryGetTimeUtc(out DateTime t) ? (int)(t - Start).TotalSeconds : throw new InvalidOperationException("report without a valid time");
}
