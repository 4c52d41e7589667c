namespace EdgeSdk.Gnss.Tests;

/// <summary>Compares our fixes for a capture with gpsd's reports, epoch by epoch; returns the differences.</summary>
public static class CaptureComparison
{
    /// <summary>
    /// Deliberate differences (see src/EdgeSdk.Gnss/README.md): gpsd's regression run moves the
    /// 2007 date of tcp-torture.log by its GPS week-rollover guess (2027-08-08); we report the
    /// receiver's date, so only the time of day is compared there.
    /// </summary>
    private static readonly HashSet<string> TimeOfDayOnly = ["tcp-torture.log"];

    /// <summary>
    /// Deliberate difference: when the input ends inside an epoch, we report what that epoch had;
    /// gpsd waits for the sentence that ends its cycle, which never comes. Only the capture's last
    /// epoch may therefore be ours alone.
    /// </summary>
    private static bool IsTruncatedLastEpoch(GpsdExpected gpsd, GnssFix fix, IReadOnlyList<GnssFix> fixes)
        => ReferenceEquals(fix, fixes[^1]) && (int)fix.TimeUtc!.Value.TimeOfDay.TotalMilliseconds == gpsd.LastEpoch;

    public static List<string> Differences(string capture, IReadOnlyList<GnssFix> fixes)
    {
        GpsdExpected gpsd = GpsdExpected.Load(capture);
        bool timeOfDayOnly = TimeOfDayOnly.Contains(capture);
        string Key(DateTime t) => timeOfDayOnly ? t.ToString("HH:mm:ss.fff") : t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        var expectedPositions = gpsd.PositionsByTime.ToDictionary(p => timeOfDayOnly ? p.Key[11..23] : p.Key, p => p.Value);
        var differences = new List<string>();
        var ours = new Dictionary<string, GnssFix>();
        foreach (GnssFix fix in fixes.Where(f => f.TimeUtc.HasValue && f.HasPosition))
        {
            string key = Key(fix.TimeUtc!.Value);
            ours[key] = fix;
            int epochMs = (int)fix.TimeUtc!.Value.TimeOfDay.TotalMilliseconds;
            if (!expectedPositions.TryGetValue(key, out var expected))
            {
                // gpsd may report an epoch's position before it knows the date (so without time):
                // then the position must equal that untimed report of the same epoch.
                if (gpsd.PositionsByEpoch.TryGetValue(epochMs, out var untimed)
                    && Math.Abs(untimed.Lat - fix.LatitudeDegrees!.Value) <= 1e-7 && Math.Abs(untimed.Lon - fix.LongitudeDegrees!.Value) <= 1e-7
                    && !expectedPositions.Keys.Any(k => k.EndsWith(key[^12..], StringComparison.Ordinal)))
                {
                    continue;
                }

                if (IsTruncatedLastEpoch(gpsd, fix, fixes))
                {
                    continue;
                }

                differences.Add($"{key}: we report {fix.LatitudeDegrees},{fix.LongitudeDegrees}; gpsd has no position at that time");
            }
            else if (Math.Abs(expected.Lat - fix.LatitudeDegrees!.Value) > 1e-7 || Math.Abs(expected.Lon - fix.LongitudeDegrees!.Value) > 1e-7)
            {
                differences.Add($"{key}: we report {fix.LatitudeDegrees:F9},{fix.LongitudeDegrees:F9}; gpsd {expected.Lat:F9},{expected.Lon:F9}");
            }
            else if ((int)fix.Mode != expected.Mode)
            {
                differences.Add($"{key}: we report mode {(int)fix.Mode}; gpsd {expected.Mode}");
            }
        }

        foreach (string key in expectedPositions.Keys.Where(k => !ours.ContainsKey(k)))
        {
            differences.Add($"{key}: gpsd reports a position, we report none");
        }

        var skies = new Dictionary<int, GnssFix>();
        foreach (GnssFix fix in fixes.Where(f => f.TimeUtc.HasValue && f.Satellites.Count > 0))
        {
            int ms = (int)fix.TimeUtc!.Value.TimeOfDay.TotalMilliseconds;
            skies[ms] = fix;
            var set = fix.Satellites.Select(s => (s.GnssId, s.Svid, s.Used)).ToHashSet();
            if (!gpsd.SkyByTimeOfDay.TryGetValue(ms, out var expected))
            {
                if (IsTruncatedLastEpoch(gpsd, fix, fixes))
                {
                    continue;
                }

                differences.Add($"{Key(fix.TimeUtc!.Value)}: we report a sky of {set.Count}; gpsd reports none in that epoch");
            }
            else if (!set.SetEquals(expected))
            {
                differences.Add($"{Key(fix.TimeUtc!.Value)}: sky differs: only ours {Show(set.Except(expected))}; only gpsd's {Show(expected.Except(set))}");
            }
        }

        foreach (int ms in gpsd.SkyByTimeOfDay.Keys.Where(k => !skies.ContainsKey(k)))
        {
            differences.Add($"{TimeSpan.FromMilliseconds(ms)}: gpsd reports a sky, we report none");
        }

        return differences;
    }

    private static string Show(IEnumerable<(int GnssId, int Svid, bool Used)> set)
        => "[" + string.Join(" ", set.Select(s => $"{s.GnssId}:{s.Svid}{(s.Used ? "u" : string.Empty)}")) + "]";
}
