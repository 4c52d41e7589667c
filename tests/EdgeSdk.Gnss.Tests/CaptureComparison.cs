namespace EdgeSdk.Gnss.Tests;

/// <summary>Compares our fixes for a capture with gpsd's reports, epoch by epoch; returns the differences.</summary>
public static class CaptureComparison
{
    /// <summary>
    /// Deliberate difference: when the input ends inside an epoch, we report what that epoch had;
    /// gpsd waits for the sentence that ends its cycle, which never comes. Only the capture's last
    /// epoch may therefore be ours alone.
    /// </summary>
    private static bool IsTruncatedLastEpoch(GpsdExpected gpsd, GnssFix fix, IReadOnlyList<GnssFix> fixes)
        => ReferenceEquals(fix, fixes[^1]) && (int)fix.TimeUtc!.Value.TimeOfDay.TotalMilliseconds == gpsd.LastEpoch;

    /// <summary>
    /// Deliberate difference (see src/EdgeSdk.Gnss/README.md): gpsd's regression run moves some
    /// receivers' dates by its GPS week-rollover guess (tcp-torture.log: 2007 → 2027, neo-m8n.log:
    /// 2015 → 2034); we report the receiver's date. Times are therefore compared modulo 1024 GPS weeks.
    /// </summary>
    public static string Key(DateTime t)
        => $"{(t.Date - GpsEpoch).Days % RolloverDays:0000}T{t:HH:mm:ss.fff}";

    private static readonly DateTime GpsEpoch = new(1980, 1, 6, 0, 0, 0, DateTimeKind.Utc);
    private const int RolloverDays = 1024 * 7;

    /// <summary>One capture against gpsd: counts that agree, and each difference in words.</summary>
    public sealed record Result(string Capture, int GpsdPositions, int AgreeingPositions, int OurPositions, int Unreported, int GpsdSatellites, int AgreeingSatellites, List<string> Differences);

    private static DateTime ParseTime(string text)
        => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    public static List<string> Differences(string capture, IReadOnlyList<GnssFix> fixes) => Compare(capture, fixes).Differences;

    public static Result Compare(string capture, IReadOnlyList<GnssFix> fixes)
    {
        fixes = Revised(fixes);
        GpsdExpected gpsd = GpsdExpected.Load(capture);
        var expectedRuns = gpsd.PositionRuns.ToDictionary(p => Key(ParseTime(p.Key)), p => p.Value);
        var expectedPositions = expectedRuns.ToDictionary(p => p.Key, p => p.Value[^1]);
        var occurrences = new Dictionary<string, int>();
        HashSet<string> gpsdTpvTimes = gpsd.TpvTimes.Select(t => Key(ParseTime(t))).ToHashSet();
        int agreeingPositions = 0, gpsdSatellites = 0, agreeingSatellites = 0, unreported = 0;
        var differences = new List<string>();
        var ours = new Dictionary<string, GnssFix>();
        foreach (GnssFix fix in fixes.Where(f => f.TimeUtc.HasValue && f.HasPosition))
        {
            string key = Key(fix.TimeUtc!.Value);
            ours[key] = fix;
            int occurrence = occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
            int epochMs = (int)fix.TimeUtc!.Value.TimeOfDay.TotalMilliseconds;
            if (!expectedRuns.TryGetValue(key, out var runs))
            {
                // gpsd may report an epoch's position before it knows the date (so without time):
                // then the position must equal that untimed report of the same epoch.
                if (gpsd.PositionsByEpoch.TryGetValue(epochMs, out var untimed)
                    && Math.Abs(untimed.Lat - fix.LatitudeDegrees!.Value) <= 1e-7 && Math.Abs(untimed.Lon - fix.LongitudeDegrees!.Value) <= 1e-7
                    && !expectedPositions.Keys.Any(k => k.EndsWith(key[^13..], StringComparison.Ordinal)))
                {
                    continue;
                }

                if (IsTruncatedLastEpoch(gpsd, fix, fixes))
                {
                    continue;
                }

                if (!gpsdTpvTimes.Contains(key))
                {
                    // Deliberate: gpsd reports only when its learned cycle-ending sentence arrives, so an
                    // epoch that never reaches one (while gpsd is still learning it, an epoch cut short by
                    // a jump in the input, the first half of a Garmin split cycle) has no TPV at all there.
                    // We report every epoch the receiver stamped.
                    unreported++;
                    continue;
                }

                differences.Add($"{key}: we report {fix.LatitudeDegrees},{fix.LongitudeDegrees}; gpsd has no position at that time");
            }
            else if (runs[Math.Min(occurrence, runs.Count) - 1] is var expected && Math.Abs(expected.Lat - fix.LatitudeDegrees!.Value) > 1e-7 || Math.Abs(expected.Lon - fix.LongitudeDegrees!.Value) > 1e-7)
            {
                differences.Add($"{key}: we report {fix.LatitudeDegrees:F9},{fix.LongitudeDegrees:F9}; gpsd {expected.Lat:F9},{expected.Lon:F9}");
            }
            else if ((int)fix.Mode != expected.Mode)
            {
                differences.Add($"{key}: we report mode {(int)fix.Mode}; gpsd {expected.Mode}");
            }
            else
            {
                agreeingPositions++;
            }
        }

        foreach ((string key, List<(double, double, int)> runs) in expectedRuns)
        {
            for (int i = occurrences.GetValueOrDefault(key); i < runs.Count; i++)
            {
                differences.Add($"{key}: gpsd reports a position, we report none");
            }
        }

        var skies = new Dictionary<int, GnssFix>();
        foreach (GnssFix fix in fixes.Where(f => f.TimeUtc.HasValue && f.Satellites.Count > 0))
        {
            int ms = (int)fix.TimeUtc!.Value.TimeOfDay.TotalMilliseconds;
            skies[ms] = fix;
            var set = fix.Satellites.Select(s => (s.GpsdGnssId, s.GpsdSvid, s.Used)).ToHashSet();
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

        // Epochs before the receiver's first date: we report them without time (no date yet), so
        // they cannot be found by time. Such a gpsd sky counts as ours when one of our untimed
        // skies before the first timed fix is the same set.
        var untimedSkies = fixes.TakeWhile(f => !f.TimeUtc.HasValue)
            .Where(f => f.Satellites.Count > 0)
            .Select(f => f.Satellites.Select(s => (s.GpsdGnssId, s.GpsdSvid, s.Used)).ToHashSet())
            .ToList();
        foreach (int ms in gpsd.SkyByTimeOfDay.Keys.Where(k => !skies.ContainsKey(k)))
        {
            HashSet<(int, int, bool)> expected = gpsd.SkyByTimeOfDay[ms];
            if (untimedSkies.Any(expected.SetEquals))
            {
                agreeingSatellites += expected.Count;
                continue;
            }

            differences.Add($"{TimeSpan.FromMilliseconds(ms)}: gpsd reports a sky, we report none");
        }

        foreach ((int ms, HashSet<(int, int, bool)> expected) in gpsd.SkyByTimeOfDay)
        {
            gpsdSatellites += expected.Count;
            if (skies.TryGetValue(ms, out GnssFix? fix))
            {
                var ourSet = fix.Satellites.Select(s => (s.GpsdGnssId, s.GpsdSvid, s.Used)).ToHashSet();
                agreeingSatellites += expected.Count(ourSet.Contains);
            }
        }

        return new Result(capture, expectedRuns.Values.Sum(r => r.Count), agreeingPositions, ours.Count, unreported, gpsdSatellites, agreeingSatellites, differences);
    }

    /// <summary>
    /// A fix right after one with the same time is that epoch's revision (late sentences after an
    /// early close, see EpochFusion): it replaces the early fix, as gpsd's later report of the same
    /// time does, so an epoch counts once.
    /// </summary>
    private static List<GnssFix> Revised(IReadOnlyList<GnssFix> fixes)
    {
        var list = new List<GnssFix>(fixes.Count);
        foreach (GnssFix fix in fixes)
        {
            if (fix.IsRevision)
            {
                Assert.True(list.Count > 0 && list[^1].TimeUtc == fix.TimeUtc, $"a revision at {fix.TimeUtc:O} follows its epoch's fix");
                list[^1] = fix;
            }
            else if (list.Count > 0 && fix.TimeUtc.HasValue && list[^1].TimeUtc == fix.TimeUtc)
            {
                list[^1] = fix;
            }
            else
            {
                list.Add(fix);
            }
        }

        return list;
    }

    private static string Show(IEnumerable<(int GnssId, int Svid, bool Used)> set)
        => "[" + string.Join(" ", set.Select(s => $"{s.GnssId}:{s.Svid}{(s.Used ? "u" : string.Empty)}")) + "]";
}
