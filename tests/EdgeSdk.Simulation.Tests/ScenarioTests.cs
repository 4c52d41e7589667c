using System.Text.Json;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation.Tests;

public class ScenarioTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Chongqing_drive_respects_acceleration_braking_speed_limits_and_stops(int rate)
    {
        Scenario scenario = Scenario.Load("chongqing-logistics");
        SimRun run = await SimRun.RunAsync(new SimulationOptions { RateHz = rate });
        double[] speed = run.Truth.Select(t => t.GetProperty("speedMetersPerSecond").GetDouble()).ToArray();
        double dt = 1.0 / rate;

        for (int i = 1; i < speed.Length; i++)
        {
            double change = (speed[i] - speed[i - 1]) / dt;
            Assert.True(change <= scenario.MaxAccelerationMetersPerSecondSquared + 1e-6, $"epoch {i}: +{change:F2} m/s²");
            // Reaching a stop ends in one step from creeping speed (0.5 m/s): allow that much.
            Assert.True(change >= -scenario.MaxBrakingMetersPerSecondSquared - (0.5 / dt), $"epoch {i}: {change:F2} m/s²");
        }

        Assert.True(speed.Max() <= scenario.Waypoints.Max(w => w.SpeedLimitKmh) / 3.6 + 1e-3);
        // Stops: 20 s, 90 s, and 30 s at the end. Runs of standing still at least that long exist.
        var stillRuns = new List<double>();
        double current = 0;
        foreach (double v in speed.Skip(1))
        {
            current = v == 0 ? current + dt : 0;
            if (v != 0 && current == 0 && stillRuns.Count > 0 && stillRuns[^1] == 0)
            {
                continue;
            }

            if (v == 0)
            {
                if (stillRuns.Count == 0 || current == dt)
                {
                    stillRuns.Add(0);
                }

                stillRuns[^1] = current;
            }
        }

        Assert.Contains(stillRuns, r => r >= 90 - 1e-6 && r < 92);
        Assert.Contains(stillRuns, r => r >= 20 - 1e-6 && r < 22);
        JsonElement last = run.Truth[^1];
        Assert.Equal(29.52, last.GetProperty("latitudeDegrees").GetDouble(), 4);
        Assert.Equal(106.648, last.GetProperty("longitudeDegrees").GetDouble(), 4);
    }

    [Fact]
    public async Task Chongqing_climbs_the_nanshan_hills_and_campus_loop_goes_round()
    {
        SimRun drive = await SimRun.RunAsync(new SimulationOptions());
        double[] alt = drive.Truth.Select(t => t.GetProperty("altitudeMslMeters").GetDouble()).ToArray();
        Assert.True(alt.Max() - alt.Min() > 150, "hills");
        Assert.Contains(drive.Truth, t => t.GetProperty("climbMetersPerSecond").GetDouble() > 0.5);

        SimRun loop = await SimRun.RunAsync(new SimulationOptions { Scenario = "campus-loop" });
        Assert.Equal(600, loop.Truth.Count);
        Assert.True(loop.Truth.Max(t => t.GetProperty("speedMetersPerSecond").GetDouble()) <= 15 / 3.6 + 1e-3);
        // Back at the main gate at least twice: the loop goes round.
        int passes = 0;
        bool near = true;
        foreach (JsonElement t in loop.Truth)
        {
            bool atGate = SimRun.Meters(29.5660, 106.4640, t.GetProperty("latitudeDegrees").GetDouble(), t.GetProperty("longitudeDegrees").GetDouble()) < 10;
            passes += atGate && !near ? 1 : 0;
            near = atGate;
        }

        Assert.True(passes >= 2, $"{passes} passes");
    }

    [Theory]
    [InlineData("{\"waypoints\":[{\"latitudeDegrees\":1,\"longitudeDegrees\":2}]}", "needs at least two waypoints")]
    [InlineData("{\"loop\":true,\"waypoints\":[{\"latitudeDegrees\":1,\"longitudeDegrees\":2},{\"latitudeDegrees\":1.01,\"longitudeDegrees\":2}]}", "durationSeconds")]
    [InlineData("{\"waypoints\":[{\"latitudeDegrees\":91,\"longitudeDegrees\":2},{\"latitudeDegrees\":1,\"longitudeDegrees\":2}]}", "waypoint 0")]
    [InlineData("{\"waypoints\":[{\"latitudeDegrees\":1,\"longitudeDegrees\":2,\"environment\":\"cave\"}]}", "not a valid scenario JSON")]
    [InlineData("not json", "not a valid scenario JSON")]
    [InlineData("{\"waypoints\":null}", "needs at least two waypoints")]
    [InlineData("{\"waypoints\":[null,{\"latitudeDegrees\":1,\"longitudeDegrees\":2}]}", "waypoint 0 is null")]
    [InlineData("{\"seed\":\"x\",\"waypoints\":[]}", "not a valid scenario JSON")]
    [InlineData("null", "empty scenario")]
    public void Invalid_scenarios_are_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => Scenario.Parse(json, "my.json"));
        Assert.StartsWith("my.json: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_scenario_file_drives_a_tunnel_with_comments_and_camel_case_environments()
    {
        string path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, """
            { // a straight road with a tunnel in the middle
              "name": "test-road", "seed": 5,
              "waypoints": [
                { "latitudeDegrees": 29.50, "longitudeDegrees": 106.50, "altitudeMeters": 300, "speedLimitKmh": 36 },
                { "latitudeDegrees": 29.50, "longitudeDegrees": 106.51, "altitudeMeters": 300, "speedLimitKmh": 36, "environment": "tunnel" },
                { "latitudeDegrees": 29.50, "longitudeDegrees": 106.52, "altitudeMeters": 300, "speedLimitKmh": 36, "environment": "urbanCanyon" },
                { "latitudeDegrees": 29.50, "longitudeDegrees": 106.53, "altitudeMeters": 300 },
              ],
            }
            """);
        try
        {
            SimRun run = await SimRun.RunAsync(new SimulationOptions { Scenario = path });
            var environments = run.Truth.Select(t => t.GetProperty("environment").GetString()).Distinct().ToList();
            Assert.Equal(new[] { "open", "tunnel", "urbanCanyon" }, environments.Take(3));
            Assert.All(run.Truth, t => Assert.Equal("test-road", t.GetProperty("scenario").GetString()));
            // ~2.9 km at 10 m/s with acceleration and a final stop: a little over 290 s.
            Assert.InRange(run.Truth.Count, 290, 320);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_scenario_names_the_built_ins()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Scenario.Load("mars-rover"));
        Assert.Contains("chongqing-logistics, campus-loop", error.Message);
    }

    [Fact]
    public void Values_a_file_leaves_out_keep_their_defaults()
    {
        // The built-in Chongqing drive's last waypoint has no speedLimitKmh: it must read as the default, not 0.
        Scenario chongqing = Scenario.Load("chongqing-logistics");
        Assert.Equal(new ScenarioWaypoint().SpeedLimitKmh, chongqing.Waypoints[^1].SpeedLimitKmh);
        Assert.Equal(30, chongqing.Waypoints[^1].StopSeconds);
        Assert.Equal(ScenarioEnvironment.UrbanCanyon, chongqing.Waypoints[1].Environment);
        Assert.Equal(new[] { 300.0 }, chongqing.ButtonPressSeconds);

        Scenario minimal = Scenario.Parse("""{"WAYPOINTS":[{"latitudeDegrees":1,"longitudeDegrees":2},{"latitudeDegrees":1.01,"longitudeDegrees":2,"environment":2}]}""");
        var defaults = new Scenario();
        Assert.Equal(defaults with { Waypoints = minimal.Waypoints }, minimal);
        Assert.Equal(40, minimal.Waypoints[0].SpeedLimitKmh);
        Assert.Equal(ScenarioEnvironment.Open, minimal.Waypoints[0].Environment);
        Assert.Equal(ScenarioEnvironment.Tunnel, minimal.Waypoints[1].Environment);
    }
}
