using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Short_drive_with_an_outage_loses_nothing_and_leaves_a_track_along_the_route()
    {
        EdgeSdkProcess.Result result = await EdgeSdkProcess.RunAsync(
            $"demo --duration 20 --speedup 10 --outage 5 --no-dashboard --out {_dir}", timeout: TimeSpan.FromSeconds(180));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.Equal(string.Empty, result.StdErr);
        // The outage (a quarter of the way in, for 5 s), the publisher noticing it, and the broker back after it.
        int down = result.StdOut.IndexOf("] broker down: network outage for 5 s", StringComparison.Ordinal);
        int queueing = result.StdOut.IndexOf("] publisher: broker gone, queueing on disk", StringComparison.Ordinal);
        int back = result.StdOut.IndexOf("] broker back", StringComparison.Ordinal);
        Assert.True(down > 0 && queueing > down && back > queueing, result.StdOut);

        // 20 simulated seconds at 1 Hz: 20 epochs, 20 fixes, every one acknowledged and received exactly once.
        Assert.Contains("  drive      ", result.StdOut);
        Assert.Matches(@"\(20 epochs from the casic receiver on /dev/pts/\d+\)", result.StdOut);
        Match fixes = Regex.Match(result.StdOut, @"fixes\s+20 computed, (\d+) with a position");
        Assert.True(fixes.Success, result.StdOut);
        Assert.Matches(@"device\s+20 queued on disk, \d+ published \(\d+ batches\), 20 acknowledged, 0 still queued, 0 dropped, 0 refused", result.StdOut);
        Assert.Matches(@"platform\s+20 received, \d+ duplicates dropped, 0 lost", result.StdOut);
        Assert.Contains("OK: every fix the broker acknowledged reached the platform.", result.StdOut);
        int positioned = int.Parse(fixes.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(positioned, 15, 20); // the receiver needs a few seconds for its first fix

        List<(double Lat, double Lon)> geoJson = ReadGeoJson(Path.Combine(_dir, "track.geojson"));
        List<(double Lat, double Lon, DateTime Time)> gpx = ReadGpx(Path.Combine(_dir, "track.gpx"));
        Assert.Equal(positioned, geoJson.Count);
        Assert.Equal(geoJson, gpx.Select(p => (p.Lat, p.Lon)));
        Assert.All(gpx.Zip(gpx.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second.Time - pair.First.Time));
        Assert.True(Directory.Exists(Path.Combine(_dir, "queue")));

        // Along the scenario's route, starting where the demo starts it: 900 m before the tunnel.
        Scenario route = Scenario.Load("chongqing-logistics");
        Assert.All(geoJson, p => Assert.InRange(DistanceToRouteMeters(p, route), 0, 50));
        ScenarioWaypoint start = ScenarioSection.StartBefore(route, ScenarioEnvironment.Tunnel, 900).Waypoints[0];
        Assert.InRange(MetersBetween(geoJson[0], (start.LatitudeDegrees, start.LongitudeDegrees)), 0, 50);
        // 20 s from standstill at up to 30 km/h: between 60 and 170 m of route.
        Assert.InRange(MetersBetween(geoJson[0], geoJson[^1]), 60, 170);
    }

    [Fact]
    public async Task With_rdss_positions_arrive_by_satellite_during_the_outage_and_the_platform_still_gets_each_fix_once()
    {
        EdgeSdkProcess.Result result = await EdgeSdkProcess.RunAsync(
            $"demo --duration 60 --speedup 5 --outage 20 --rdss --no-dashboard --out {_dir}", timeout: TimeSpan.FromSeconds(240));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.Equal(string.Empty, result.StdErr);
        Assert.Contains("] BeiDou card 179773 on /dev/pts/", result.StdOut);

        // Satellite reports reach the platform after the broker went down and before it is back (threshold 4 s, one per 5 s).
        int down = result.StdOut.IndexOf("] broker down: network outage for 20 s", StringComparison.Ordinal);
        int back = result.StdOut.IndexOf("] broker back", StringComparison.Ordinal);
        int firstReport = result.StdOut.IndexOf("] satellite: report of ", StringComparison.Ordinal);
        Assert.True(down > 0 && firstReport > down && back > firstReport, result.StdOut);
        MatchCollection reports = Regex.Matches(result.StdOut, @"\] satellite: report of (\d+) bytes from card 179773, (\d+) new fixes at the platform");
        Assert.All(reports, r => Assert.InRange(int.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture), 24, 70)); // one fix: 24 bytes; a global message: 70

        // Every fix once: 60 acknowledged and 60 distinct at the platform, whichever path; each satellite fix upgraded, not counted again.
        Assert.Matches(@"device\s+60 queued on disk, \d+ published \(\d+ batches\), 60 acknowledged, 0 still queued, 0 dropped, 0 refused", result.StdOut);
        Assert.Matches(@"platform\s+60 received, \d+ duplicates dropped, 0 lost", result.StdOut);
        Match satellite = Regex.Match(result.StdOut,
            @"satellite\s+(\d+) fixes came by satellite in (\d+) reports while the broker was unreachable \((\d+) sent, 0 not sent\); " +
            @"the platform got each fix once: (\d+) of them upgraded by their MQTT copy, not counted twice");
        Assert.True(satellite.Success, result.StdOut);
        int fixes = int.Parse(satellite.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(fixes, 1, 60);
        Assert.Equal(fixes, int.Parse(satellite.Groups[4].Value, CultureInfo.InvariantCulture));
        Assert.Equal(reports.Count, int.Parse(satellite.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(fixes, reports.Sum(r => int.Parse(r.Groups[2].Value, CultureInfo.InvariantCulture)));
        Assert.Contains("OK: every fix the broker acknowledged reached the platform.", result.StdOut);
    }

    [Theory]
    [InlineData("demo --speedup 0 --no-dashboard", "--speedup 0")]
    [InlineData("demo --outage -1 --no-dashboard", "--outage -1")]
    [InlineData("demo --scenario no-such-scenario.json --no-dashboard", "no-such-scenario.json")]
    public async Task Bad_arguments_are_one_line_naming_the_problem(string arguments, string named)
    {
        EdgeSdkProcess.Result result = await EdgeSdkProcess.RunAsync($"{arguments} --out {_dir}/out");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StdErr);
        Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "nothing is created for a run that cannot start");
    }

    private static List<(double Lat, double Lon)> ReadGeoJson(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        JsonElement geometry = doc.RootElement.GetProperty("features")[0].GetProperty("geometry");
        Assert.Equal("LineString", geometry.GetProperty("type").GetString());
        return geometry.GetProperty("coordinates").EnumerateArray().Select(c => (c[1].GetDouble(), c[0].GetDouble())).ToList();
    }

    private static List<(double Lat, double Lon, DateTime Time)> ReadGpx(string path)
    {
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        XDocument gpx = XDocument.Load(path);
        Assert.Equal(ns + "gpx", gpx.Root!.Name);
        return gpx.Descendants(ns + "trkpt").Select(p => (
            double.Parse(p.Attribute("lat")!.Value, CultureInfo.InvariantCulture),
            double.Parse(p.Attribute("lon")!.Value, CultureInfo.InvariantCulture),
            DateTime.Parse(p.Element(ns + "time")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))).ToList();
    }

    // Local east/north metres around the point: plenty for route legs of a few kilometres.
    private static (double East, double North) Local((double Lat, double Lon) origin, double lat, double lon) =>
        ((lon - origin.Lon) * 111_195 * Math.Cos(double.DegreesToRadians(origin.Lat)), (lat - origin.Lat) * 111_195);

    private static double MetersBetween((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        (double e, double n) = Local(a, b.Lat, b.Lon);
        return Math.Sqrt((e * e) + (n * n));
    }

    private static double DistanceToRouteMeters((double Lat, double Lon) p, Scenario route)
    {
        double best = double.MaxValue;
        for (int i = 0; i + 1 < route.Waypoints.Count; i++)
        {
            (double ax, double ay) = Local(p, route.Waypoints[i].LatitudeDegrees, route.Waypoints[i].LongitudeDegrees);
            (double bx, double by) = Local(p, route.Waypoints[i + 1].LatitudeDegrees, route.Waypoints[i + 1].LongitudeDegrees);
            double dx = bx - ax, dy = by - ay;
            double t = Math.Clamp(-((ax * dx) + (ay * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
            double x = ax + (t * dx), y = ay + (t * dy);
            best = Math.Min(best, Math.Sqrt((x * x) + (y * y)));
        }

        return best;
    }
}
