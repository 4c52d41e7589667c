using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Grpc.Core;

namespace EdgeSdk.Cockpit.Tests;

public sealed class AlertsServiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgesdk-cockpit-alerts").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_simulated_car_speeding_raises_overspeed_and_slowing_down_clears_it()
    {
        // The Chongqing drive reaches 30+ km/h after its start; a 25 km/h limit makes it speed.
        string rules = Path.Combine(_folder, "rules.json");
        File.WriteAllText(rules, """
            { "rules": [ { "id": "overspeed", "severity": "critical", "message": "Speed above 25 km/h",
                           "conditions": [ { "signal": "Vehicle.Speed", "op": ">", "value": 25 } ], "raiseAfterMs": 300, "clearAfterMs": 300 } ] }
            """);
        await using CockpitTestHost host = await CockpitTestHost.StartAsync(o => o.AlertRulesFile = rules);
        var client = new Protocol.AlertsService.AlertsServiceClient(host.Channel);
        AlertRuleInfo rule = Assert.Single((await client.ListRulesAsync(new ListRulesRequest())).Rules);
        Assert.Equal(["Vehicle.Speed > 25"], rule.Conditions);

        using AsyncServerStreamingCall<AlertEvent> watch = client.WatchAlerts(new WatchAlertsRequest());
        DateTime started = DateTime.UtcNow;
        AlertEvent raised;
        await using (var car = new SimulatedCarDrive(host.Broker))
        {
            raised = await Eventually.ReadUntilAsync(watch.ResponseStream.ReadAllAsync(), _ => true, "an alert");
            Assert.True(car.Vehicle.SpeedMetersPerSecond * 3.6 > 25);
        }

        Assert.Equal(AlertEventKind.Raised, raised.Kind);
        Assert.Equal(new Alert { RuleId = "overspeed", Severity = AlertSeverity.Critical, Message = "Speed above 25 km/h", RaisedAt = raised.At }, raised.Alert);
        Assert.InRange(raised.At.ToDateTime(), started, DateTime.UtcNow);
        Assert.Equal(raised.Alert, Assert.Single((await client.ListActiveAsync(new ListActiveRequest())).Alerts));

        // A late subscriber first gets the active alert.
        await using (IAsyncEnumerator<AlertEvent> late = host.Get<IAlertsService>().WatchAlertsAsync().GetAsyncEnumerator())
        {
            Assert.True(await late.MoveNextAsync());
            Assert.Equal((AlertEventKind.Raised, "overspeed"), (late.Current.Kind, late.Current.Alert.RuleId));
        }

        // The car stopped; the speed drops to 0 and stays there: cleared after the clear delay.
        Assert.Equal(VssError.None, host.Broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(0)));
        AlertEvent cleared = await Eventually.ReadUntilAsync(watch.ResponseStream.ReadAllAsync(), e => e.Kind == AlertEventKind.Cleared, "the clear");
        Assert.Equal(raised.Alert, cleared.Alert);
        Assert.True(cleared.At.ToDateTime() - raised.At.ToDateTime() >= TimeSpan.FromMilliseconds(300));
        Assert.Empty((await client.ListActiveAsync(new ListActiveRequest())).Alerts);
        Assert.Equal(raised.Sequence + 1, cleared.Sequence);
    }

    [Fact]
    public async Task An_invalid_rule_file_fails_the_start_with_one_line_naming_the_file_and_rule()
    {
        string rules = Path.Combine(_folder, "bad.json");
        File.WriteAllText(rules, """{ "rules": [ { "id": "overspeed", "conditions": [ { "signal": "Vehicle.Sped", "op": ">", "value": 120 } ] } ] }""");
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => CockpitTestHost.StartAsync(o => o.AlertRulesFile = rules));
        Assert.Equal($"{rules}: rule 1 (\"overspeed\"): condition 1: unknown signal 'Vehicle.Sped' (not in the VSS tree)", ex.Message);
    }
}
