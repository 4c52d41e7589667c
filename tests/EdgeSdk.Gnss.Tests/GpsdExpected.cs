using System.Globalization;
using System.Text.Json;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// What gpsd reported for a capture (its regression output, *.chk), reduced to one entry per
/// epoch: the last TPV with each time, and the last SKY with satellites while the input's latest
/// time-bearing sentence had a given time of day.
/// </summary>
public sealed class GpsdExpected
{
    public Dictionary<string, (double Lat, double Lon, int Mode)> PositionsByTime { get; } = [];

    /// <summary>The last TPV with a position, timed or not, per epoch (time of day of the input sentences).</summary>
    public Dictionary<int, (double Lat, double Lon)> PositionsByEpoch { get; } = [];

    /// <summary>
    /// Per TPV time, the last positioned TPV of each run of TPVs with that time, in order: a capture
    /// that replays a stretch twice (humminbird-M37.log) has two runs with the same times.
    /// </summary>
    public Dictionary<string, List<(double Lat, double Lon, int Mode)>> PositionRuns { get; } = [];

    /// <summary>The time of every TPV gpsd reported, with a position or not.</summary>
    public HashSet<string> TpvTimes { get; } = [];

    /// <summary>Time of day of the capture's last epoch.</summary>
    public int LastEpoch { get; private set; } = -1;

    public Dictionary<int, HashSet<(int GnssId, int Svid, bool Used)>> SkyByTimeOfDay { get; } = [];

    public static GpsdExpected Load(string capture)
    {
        var expected = new GpsdExpected();
        int epoch = -1;
        HashSet<(int, int, bool)>? beforeFirstTime = null;
        string? runTime = null;
        foreach (string line in File.ReadLines(Captures.PathOf(capture + ".chk")))
        {
            if (line.StartsWith('$'))
            {
                epoch = TimeOfDay(line.Replace("|", string.Empty, StringComparison.Ordinal)) is int t ? t : epoch;
                if (epoch >= 0 && beforeFirstTime != null)
                {
                    // Sky sentences before the first time belong to the first epoch, as the fusion sees it.
                    expected.SkyByTimeOfDay.TryAdd(epoch, beforeFirstTime);
                    beforeFirstTime = null;
                }

                expected.LastEpoch = epoch;
                continue;
            }

            if (!line.StartsWith('{'))
            {
                continue;
            }

            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            string kind = root.GetProperty("class").GetString()!;
            if (kind == "TPV" && root.TryGetProperty("time", out JsonElement anyTime))
            {
                string t = anyTime.GetString()!;
                expected.TpvTimes.Add(t);
                if (root.TryGetProperty("lat", out JsonElement runLat))
                {
                    List<(double, double, int)> runs = expected.PositionRuns.TryGetValue(t, out var list) ? list : expected.PositionRuns[t] = [];
                    var value = (runLat.GetDouble(), root.GetProperty("lon").GetDouble(), root.GetProperty("mode").GetInt32());
                    if (t == runTime && runs.Count > 0)
                    {
                        runs[^1] = value;
                    }
                    else
                    {
                        runs.Add(value);
                    }
                }

                runTime = t;
            }

            if (kind == "TPV" && root.TryGetProperty("lat", out JsonElement lat))
            {
                (double, double) position = (lat.GetDouble(), root.GetProperty("lon").GetDouble());
                if (root.TryGetProperty("time", out JsonElement time))
                {
                    expected.PositionsByTime[time.GetString()!] = (position.Item1, position.Item2, root.GetProperty("mode").GetInt32());
                }

                if (epoch >= 0)
                {
                    expected.PositionsByEpoch[epoch] = position;
                }
            }
            else if (kind == "SKY" && root.TryGetProperty("satellites", out JsonElement satellites))
            {
                HashSet<(int, int, bool)> sky = satellites.EnumerateArray()
                    .Select(s => (s.GetProperty("gnssid").GetInt32(), s.GetProperty("svid").GetInt32(), s.GetProperty("used").GetBoolean()))
                    .ToHashSet();
                if (epoch >= 0)
                {
                    expected.SkyByTimeOfDay[epoch] = sky;
                }
                else
                {
                    beforeFirstTime = sky;
                }
            }
        }

        return expected;
    }

    /// <summary>The time of day (ms) a time-bearing sentence carries, or null.</summary>
    public static int? TimeOfDay(string sentence)
    {
        string[] fields = sentence.Split('*')[0].Split(',');
        if (fields[0].Length < 6)
        {
            return null;
        }

        string type = fields[0][3..];
        int index = type switch
        {
            "GGA" or "RMC" or "GNS" or "ZDA" or "GST" => 1,
            "GLL" => 5,
            _ => -1,
        };
        if (index < 0 || fields.Length <= index || fields[index].Length < 6)
        {
            return null;
        }

        string f = fields[index];
        int ms = f.Length > 7 ? (int)Math.Round(double.Parse("0" + f[6..], CultureInfo.InvariantCulture) * 1000) : 0;
        return (((int.Parse(f[..2], CultureInfo.InvariantCulture) * 60) + int.Parse(f[2..4], CultureInfo.InvariantCulture)) * 60 + int.Parse(f[4..6], CultureInfo.InvariantCulture)) * 1000 + ms;
    }
}
