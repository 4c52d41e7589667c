using System.Text.Json;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation.Tests;

public class ScenarioSectionTests
{
    [Fact]
    public async Task Chongqing_cut_900_m_before_the_tunnel_starts_on_the_route_and_enters_the_tunnel_about_900_m_later()
    {
        Scenario full = Scenario.Load("chongqing-logistics");
        Scenario cut = ScenarioSection.StartBefore(full, ScenarioEnvironment.Tunnel, 900);

        // The tunnel's west portal is 826 m after the "Nanshan hairpins" waypoint, so the start lies on the leg before it.
        Assert.Equal("900 m before Tunnel, west portal", cut.Waypoints[0].Name);
        Assert.Equal(full.Waypoints.Count - 6, cut.Waypoints.Count);
        Assert.Equal("Nanshan hairpins", cut.Waypoints[1].Name);
        Assert.Equal(full.Seed, cut.Seed);

        SimRun run = await SimRun.RunAsync(new SimulationOptions { ScenarioDefinition = cut, DurationSeconds = 300 });
        List<JsonElement> truth = run.Truth;
        JsonElement first = truth[0];
        Assert.Equal(0, first.GetProperty("speedMetersPerSecond").GetDouble());
        Assert.Equal(cut.Waypoints[0].LatitudeDegrees, first.GetProperty("latitudeDegrees").GetDouble(), 6);

        // Integrate the true speed up to the first tunnel epoch: about 900 m driven.
        int tunnel = truth.FindIndex(t => t.GetProperty("environment").GetString() == "tunnel");
        double driven = truth.Take(tunnel).Sum(t => t.GetProperty("speedMetersPerSecond").GetDouble());
        Assert.InRange(driven, 880, 920);
        Assert.Equal(1, truth[tunnel].GetProperty("fixMode").GetInt32());
    }

    [Fact]
    public void The_cut_scenario_keeps_every_setting_but_the_waypoints()
    {
        // Every public property, found by reflection: a setting added to Scenario later is carried over
        // too (the cut is `scenario with { Waypoints = ... }`, not a copy written field by field).
        var full = Scenario.Load("chongqing-logistics") with { Description = "changed", DurationSeconds = 123, Loop = false, ButtonPressSeconds = [5, 7] };
        Scenario cut = ScenarioSection.StartBefore(full, ScenarioEnvironment.Tunnel, 900);
        Assert.NotSame(full, cut);
        string[] properties = typeof(Scenario).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.Name != nameof(Scenario.Waypoints)).Select(p => p.Name).ToArray();
        Assert.True(properties.Length >= 12, string.Join(",", properties));
        Assert.All(properties, name => Assert.Equal(typeof(Scenario).GetProperty(name)!.GetValue(full), typeof(Scenario).GetProperty(name)!.GetValue(cut)));
        Assert.NotEqual(full.Waypoints.Count, cut.Waypoints.Count);
    }

    [Fact]
    public void Without_such_a_leg_or_when_the_lead_is_longer_than_the_route_the_scenario_is_unchanged()
    {
        Scenario campus = Scenario.Load("campus-loop");
        Assert.Same(campus, ScenarioSection.StartBefore(campus, ScenarioEnvironment.Tunnel, 100));
        Scenario chongqing = Scenario.Load("chongqing-logistics");
        Assert.Same(chongqing, ScenarioSection.StartBefore(chongqing, ScenarioEnvironment.Tunnel, 1_000_000));
    }
}
