using System.Text.Json;

namespace EdgeSdk.Cli.Tests;

public class TripsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-trips-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Trips_of_the_simulated_chongqing_drive_as_json_lines()
    {
        string nmea = Path.Combine(_dir, "chongqing.nmea");
        var sim = await EdgeSdkProcess.RunAsync($"sim --out {nmea}");
        Assert.Equal(0, sim.ExitCode);

        var result = await EdgeSdkProcess.RunAsync($"trips {nmea} --speed-limit-kmh 45 --max-stop-s 60");
        Assert.True(result.ExitCode == 0, result.StdErr);
        JsonElement[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        string[] types = lines.Select(l => l.GetProperty("type").GetString()!).ToArray();
        Assert.Equal("trip_start", types[0]);
        Assert.Equal(["trip", "summary"], types[^2..]);
        Assert.Equal(2, types.Count(t => t == "stop"));
        Assert.Equal(["overspeed", "long_stop", "overspeed", "gnss_fix_lost", "overspeed"],
            lines.Where(l => l.GetProperty("type").GetString() == "alarm").Select(l => l.GetProperty("alarm").GetString()!));
        Assert.Equal(types.Count(t => t == "alarm"), types.Count(t => t == "alarm_clear"));

        JsonElement trip = lines[^2], summary = lines[^1];
        Assert.Equal(summary.GetProperty("distance_m").GetDouble(), trip.GetProperty("distance_m").GetDouble());
        Assert.InRange(summary.GetProperty("distance_m").GetDouble(), 14_600, 14_800); // the route is 14.7 km
        Assert.Equal(1, summary.GetProperty("trips").GetInt32());
        Assert.Equal("none", summary.GetProperty("active_alarms").GetString());
        Assert.Equal("2026-03-18T01:30:02.000Z", trip.GetProperty("start").GetString());
    }

    [Fact]
    public async Task A_missing_file_is_one_line_and_exit_2()
    {
        string missing = Path.Combine(_dir, "missing.nmea");
        var result = await EdgeSdkProcess.RunAsync($"trips {missing}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: file '{missing}' does not exist", result.StdErr.Trim());
    }

    [Fact]
    public async Task A_file_without_nmea_prints_an_empty_summary_and_exit_1()
    {
        string junk = Path.Combine(_dir, "junk.txt");
        await File.WriteAllTextAsync(junk, "hello\nworld\n");
        var result = await EdgeSdkProcess.RunAsync($"trips {junk}");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\"type\":\"summary\",\"distance_m\":0,\"trips\":0,\"samples\":0,\"counted_fixes\":0,\"stationary_fixes\":0,\"no_fix_samples\":0,\"poor_hdop_fixes\":0,\"jump_fixes\":0,\"active_alarms\":\"none\"}\n", result.StdOut);
    }
}
