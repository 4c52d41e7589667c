using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Tests;

public sealed class AlertRuleTests
{
    private static readonly VssTree Tree = CockpitTestHost.Tree;
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private static VssSignal Signal(string path) => Tree.TryGetSignal(path, out VssSignal? s) ? s : throw new ArgumentException(path);

    [Fact]
    public void The_built_in_rules_load_with_their_conditions()
    {
        AlertRuleSet rules = AlertRuleSet.LoadDefault(Tree);
        Assert.Equal(["overspeed", "door-open-while-moving", "seat-belt-unfastened", "low-fuel", "low-battery", "gnss-fix-lost"], rules.Rules.Select(r => r.Id));
        AlertRuleInfo belt = rules.Rules[2].ToInfo();
        Assert.Equal(AlertSeverity.Warning, belt.Severity);
        Assert.Equal(["Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted == false", "Vehicle.Speed > 10"], belt.Conditions);
        Assert.Equal(1000u, belt.RaiseAfterMs);
        AlertRule gnss = rules.Rules[5];
        Assert.True(gnss.Any);
        Assert.Equal(["Vehicle.CurrentLocation.GNSSReceiver.FixType == NONE", "Vehicle.CurrentLocation.Latitude staleFor 2000"], gnss.Conditions.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("{", "r.json: not valid JSON (line 1, byte ")]
    [InlineData("{\"rule\":[]}", "r.json: no \"rules\" array; a rule file is { \"rules\": [ { \"id\": ..., \"conditions\": [...] } ] }")]
    [InlineData("{\"rules\":[{\"conditions\":[]}]}", "r.json: rule 1: has no \"id\" (a non-empty string)")]
    [InlineData("{\"rules\":[{\"id\":\"a\",\"conditions\":[{\"signal\":\"Vehicle.Speed\",\"op\":\">\",\"value\":1}]},{\"id\":\"a\",\"conditions\":[]}]}", "r.json: rule 2 (\"a\"): the id is used by an earlier rule; ids must be unique")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"raiseAfterMS\":5,\"conditions\":[]}]}", "r.json: rule 1 (\"x\"): unknown property \"raiseAfterMS\" (a rule has id, severity, message, when, conditions, raiseAfterMs, clearAfterMs)")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"severity\":\"fatal\",\"conditions\":[]}]}", "r.json: rule 1 (\"x\"): severity \"fatal\" is not one of info, warning, critical")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"conditions\":[]}]}", "r.json: rule 1 (\"x\"): has no \"conditions\" (a non-empty array of { \"signal\", \"op\", \"value\" })")]
    [InlineData("{\"rules\":[{\"id\":\"overspeed\",\"conditions\":[{\"signal\":\"Vehicle.Sped\",\"op\":\">\",\"value\":120}]}]}", "r.json: rule 1 (\"overspeed\"): condition 1: unknown signal 'Vehicle.Sped' (not in the VSS tree)")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"conditions\":[{\"signal\":\"Vehicle.Speed\",\"op\":\"=>\",\"value\":1}]}]}", "r.json: rule 1 (\"x\"): condition 1: unknown op \"=>\"; use one of >, >=, <, <=, ==, !=, staleFor")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"conditions\":[{\"signal\":\"Vehicle.Speed\",\"op\":\">\",\"value\":\"fast\"}]}]}", "r.json: rule 1 (\"x\"): condition 1: Vehicle.Speed is a float signal: compare it with a number, not \"fast\"")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"conditions\":[{\"signal\":\"Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted\",\"op\":\"<\",\"value\":true}]}]}", "r.json: rule 1 (\"x\"): condition 1: Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted is a boolean signal: only == and != (and staleFor) apply to it")]
    [InlineData("{\"rules\":[{\"id\":\"x\",\"raiseAfterMs\":-1,\"conditions\":[{\"signal\":\"Vehicle.Speed\",\"op\":\">\",\"value\":1}]}]}", "r.json: rule 1 (\"x\"): \"raiseAfterMs\" is -1, not a whole number of milliseconds (0 or more)")]
    public void An_invalid_rule_file_is_one_line_naming_the_file_and_the_rule(string json, string expected)
    {
        Assert.False(AlertRuleSet.TryParse(json, "r.json", Tree, out AlertRuleSet? rules, out string error));
        Assert.Null(rules);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_string_value_outside_the_allowed_values_is_refused()
    {
        const string Json = """{"rules":[{"id":"fix","conditions":[{"signal":"Vehicle.CurrentLocation.GNSSReceiver.FixType","op":"==","value":"NO_FIX"}]}]}""";
        Assert.False(AlertRuleSet.TryParse(Json, "r.json", Tree, out _, out string error));
        Assert.StartsWith("r.json: rule 1 (\"fix\"): condition 1: ", error, StringComparison.Ordinal);
        Assert.Contains("NO_FIX", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rule_file_names_the_file()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => AlertRuleSet.Load("/nonexistent/rules.json", Tree));
        Assert.Equal("alert rule file '/nonexistent/rules.json' not found: give an existing rule file (Cockpit:AlertRulesFile)", ex.Message);
    }

    [Fact]
    public void Overspeed_is_raised_after_its_delay_and_cleared_after_its_delay_not_on_flicker()
    {
        AlertRuleSet rules = Parse("""{"rules":[{"id":"overspeed","severity":"critical","conditions":[{"signal":"Vehicle.Speed","op":">","value":100}],"raiseAfterMs":2000,"clearAfterMs":1000}]}""");
        var engine = new AlertRuleEngine(rules, T0);
        VssSignal speed = Signal("Vehicle.Speed");
        Assert.Empty(engine.Evaluate(T0)); // nothing known: no alert

        engine.Observe(speed, VssValue.FromFloat(101), T0.AddSeconds(1));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(1)));
        engine.Observe(speed, VssValue.FromFloat(99), T0.AddSeconds(2)); // flicker below the limit
        Assert.Empty(engine.Evaluate(T0.AddSeconds(2)));
        engine.Observe(speed, VssValue.FromFloat(105), T0.AddSeconds(2.5));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(2.5)));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(4.499)));
        AlertTransition raised = Assert.Single(engine.Evaluate(T0.AddSeconds(4.5)));
        Assert.True(raised.Raised);
        Assert.Equal("overspeed", raised.Rule.Id);
        Assert.Equal(T0.AddSeconds(4.5), raised.AtUtc);
        Assert.True(engine.IsActive("overspeed"));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(10))); // raised once

        engine.Observe(speed, VssValue.FromFloat(80), T0.AddSeconds(11));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(11)));
        engine.Observe(speed, VssValue.FromFloat(120), T0.AddSeconds(11.5)); // back above: not cleared
        Assert.Empty(engine.Evaluate(T0.AddSeconds(11.5)));
        engine.Observe(speed, VssValue.FromFloat(60), T0.AddSeconds(12));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(12))); // (the service evaluates on every change)
        Assert.Empty(engine.Evaluate(T0.AddSeconds(12.9)));
        AlertTransition cleared = Assert.Single(engine.Evaluate(T0.AddSeconds(13)));
        Assert.False(cleared.Raised);
        Assert.Equal(T0.AddSeconds(13), cleared.AtUtc);
        Assert.False(engine.IsActive("overspeed"));
    }

    [Fact]
    public void Seat_belt_unfastened_needs_both_conditions()
    {
        var engine = new AlertRuleEngine(AlertRuleSet.LoadDefault(Tree), T0);
        VssSignal speed = Signal("Vehicle.Speed"), belt = Signal("Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted");
        engine.Observe(belt, VssValue.FromBool(false), T0);
        engine.Observe(speed, VssValue.FromFloat(8), T0);
        engine.Observe(Signal("Vehicle.CurrentLocation.Latitude"), VssValue.FromDouble(29.5), T0);
        Assert.Empty(engine.Evaluate(T0));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(1.5))); // 8 km/h: allowed unbelted
        engine.Observe(speed, VssValue.FromFloat(12), T0.AddSeconds(1.5));
        engine.Observe(Signal("Vehicle.CurrentLocation.Latitude"), VssValue.FromDouble(29.5), T0.AddSeconds(1.5));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(1.5)));
        AlertTransition t = Assert.Single(engine.Evaluate(T0.AddSeconds(2.5)));
        Assert.Equal(("seat-belt-unfastened", true), (t.Rule.Id, t.Raised));
        engine.Observe(belt, VssValue.FromBool(true), T0.AddSeconds(3));
        engine.Observe(Signal("Vehicle.CurrentLocation.Latitude"), VssValue.FromDouble(29.5), T0.AddSeconds(3));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(3)));
        t = Assert.Single(engine.Evaluate(T0.AddSeconds(4)));
        Assert.Equal(("seat-belt-unfastened", false), (t.Rule.Id, t.Raised));
    }

    [Fact]
    public void Gnss_fix_lost_is_raised_by_a_no_fix_report_or_by_silence()
    {
        var engine = new AlertRuleEngine(AlertRuleSet.LoadDefault(Tree), T0);
        VssSignal fixType = Signal("Vehicle.CurrentLocation.GNSSReceiver.FixType"), latitude = Signal("Vehicle.CurrentLocation.Latitude");
        engine.Observe(fixType, VssValue.FromString("THREE_D"), T0);
        engine.Observe(latitude, VssValue.FromDouble(29.5), T0);
        Assert.Empty(engine.Evaluate(T0));
        // Silent receiver: stale after 2 s, raised 5 s later.
        Assert.Empty(engine.Evaluate(T0.AddSeconds(2)));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(6.9)));
        AlertTransition lost = Assert.Single(engine.Evaluate(T0.AddSeconds(7)));
        Assert.Equal(("gnss-fix-lost", true), (lost.Rule.Id, lost.Raised));
        engine.Observe(latitude, VssValue.FromDouble(29.5), T0.AddSeconds(8));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(8)));
        Assert.Equal(("gnss-fix-lost", false), (engine.Evaluate(T0.AddSeconds(9)).Single().Rule.Id, engine.IsActive("gnss-fix-lost")));

        // The receiver says NONE while still talking: raised after 5 s.
        engine.Observe(fixType, VssValue.FromString("NONE"), T0.AddSeconds(10));
        for (int s = 10; s < 15; s++)
        {
            engine.Observe(fixType, VssValue.FromString("NONE"), T0.AddSeconds(s));
            engine.Observe(latitude, VssValue.FromDouble(29.5), T0.AddSeconds(s)); // (a stale latitude is not the cause here)
            Assert.Empty(engine.Evaluate(T0.AddSeconds(s)));
        }

        Assert.True(engine.Evaluate(T0.AddSeconds(15)).Single().Raised);
    }

    [Fact]
    public void Door_open_while_moving_and_low_fuel_from_the_built_in_rules()
    {
        var engine = new AlertRuleEngine(AlertRuleSet.LoadDefault(Tree), T0);
        VssSignal speed = Signal("Vehicle.Speed"), door = Signal("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"), fuel = Signal("Vehicle.Powertrain.FuelSystem.RelativeLevel");
        VssSignal latitude = Signal("Vehicle.CurrentLocation.Latitude");
        engine.Observe(latitude, VssValue.FromDouble(29.5), T0);
        engine.Observe(door, VssValue.FromBool(true), T0);
        engine.Observe(speed, VssValue.FromFloat(0), T0);
        engine.Observe(fuel, VssValue.FromUInt32(10), T0);
        Assert.Empty(engine.Evaluate(T0));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(1))); // door open at a standstill, fuel at the limit: fine
        engine.Observe(speed, VssValue.FromFloat(4), T0.AddSeconds(1));
        engine.Observe(fuel, VssValue.FromUInt32(9), T0.AddSeconds(1));
        Assert.Empty(engine.Evaluate(T0.AddSeconds(1)));
        Assert.Equal(["door-open-while-moving"], engine.Evaluate(T0.AddSeconds(1.5)).Select(t => t.Rule.Id));
        engine.Observe(latitude, VssValue.FromDouble(29.5), T0.AddSeconds(1.5));
        Assert.Equal(["low-fuel"], engine.Evaluate(T0.AddSeconds(6)).Where(t => t.Raised).Select(t => t.Rule.Id));
        Assert.True(engine.IsActive("door-open-while-moving") && engine.IsActive("low-fuel"));
    }

    private static AlertRuleSet Parse(string json) => AlertRuleSet.TryParse(json, "test", Tree, out AlertRuleSet? rules, out string error) ? rules : throw new InvalidDataException(error);
}
