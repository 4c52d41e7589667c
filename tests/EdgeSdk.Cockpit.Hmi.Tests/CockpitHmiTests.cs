using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Hmi.Tests;

public sealed class CockpitHmiTests
{
    private const string DriverTemperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";

    [Fact]
    public async Task Setting_a_temperature_sets_the_VSS_target_through_the_climate_service_and_the_page_sees_it()
    {
        await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync();
        using var car = new VssActuatorForwarder(cockpit.Broker, "car", [DriverTemperature]);
        using CockpitHmiClient page = cockpit.Hmi.Hub.Connect();

        Assert.Equal(CockpitHmiActuation.Ok, await cockpit.Hmi.SetTemperatureAsync("Row1.Driver", 22.5f));

        Assert.True(cockpit.Broker.Tree.TryGetSignal(DriverTemperature, out VssSignal? signal));
        Assert.Equal(22.5f, cockpit.Broker.GetTargetValue(signal).Value.AsFloat());
        string climate = await InProcessCockpit.WaitForMessageAsync(page, "\"requestedTemperatureCelsius\": 22.5");
        using JsonDocument state = JsonDocument.Parse(climate);
        JsonElement driver = state.RootElement.GetProperty("state").GetProperty("zones")[0];
        Assert.Equal("Row1.Driver", driver.GetProperty("zone").GetString());
        Assert.Equal(1, cockpit.Hmi.Actuations);
        Assert.Equal(0, cockpit.Hmi.Refused);
    }

    [Theory]
    [InlineData("roof", 21, 404, "zone 'roof' does not exist; zones: Row1.Driver, Row1.Passenger")]
    [InlineData("Row1.Driver", 31, 400, "zone Row1.Driver: 31 °C is out of range; give 16..30 °C")]
    [InlineData("Row1.Passenger", 21, 503, "no provider serves Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature: start the vehicle (or its simulator) that provides the climate actuators")]
    public async Task A_refused_temperature_says_why_and_sets_nothing(string zone, float celsius, int status, string message)
    {
        await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync();
        using var car = new VssActuatorForwarder(cockpit.Broker, "car", [DriverTemperature]);

        Assert.Equal(new CockpitHmiActuation(false, status, message), await cockpit.Hmi.SetTemperatureAsync(zone, celsius));
        Assert.Equal(1, cockpit.Hmi.Refused);
        Assert.Equal(0, cockpit.Hmi.Actuations);
        Assert.True(cockpit.Broker.Tree.TryGetSignal(DriverTemperature, out VssSignal? signal));
        Assert.True(cockpit.Broker.GetTargetValue(signal).IsNone);
    }

    [Fact]
    public async Task The_volume_goes_through_the_media_service()
    {
        await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync();
        using CockpitHmiClient page = cockpit.Hmi.Hub.Connect();

        Assert.Equal(CockpitHmiActuation.Ok, await cockpit.Hmi.SetVolumeAsync(45));
        Assert.Equal(new CockpitHmiActuation(false, 400, "volume 101 % is out of range; give 0..100 %"), await cockpit.Hmi.SetVolumeAsync(101));

        string media = await InProcessCockpit.WaitForMessageAsync(page, "\"volumePercent\": 45");
        Assert.StartsWith("{\"kind\":\"media\",\"state\":", media, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_raised_by_the_rules_reaches_the_page_and_its_clearing_too()
    {
        string rules = Path.Combine(Path.GetTempPath(), $"hmi-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(rules, """
            { "rules": [ { "id": "overspeed", "severity": "warning", "message": "Speed above 50 km/h",
                           "conditions": [ { "signal": "Vehicle.Speed", "op": ">", "value": 50 } ], "raiseAfterMs": 100, "clearAfterMs": 100 } ] }
            """);
        try
        {
            await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync(rules);
            using CockpitHmiClient page = cockpit.Hmi.Hub.Connect();
            Assert.Equal(VssError.None, cockpit.Broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(80)));

            string raised = await InProcessCockpit.WaitForMessageAsync(page, "\"kind\":\"alerts\"");
            using (JsonDocument alerts = JsonDocument.Parse(raised))
            {
                JsonElement alert = Assert.Single(alerts.RootElement.GetProperty("state").GetProperty("alerts").EnumerateArray());
                Assert.Equal("overspeed", alert.GetProperty("ruleId").GetString());
                Assert.Equal("Speed above 50 km/h", alert.GetProperty("message").GetString());
                Assert.Equal("ALERT_SEVERITY_WARNING", alert.GetProperty("severity").GetString());
            }

            Assert.Equal(VssError.None, cockpit.Broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(30)));
            string cleared = await InProcessCockpit.WaitForMessageAsync(page, "\"kind\":\"alerts\"");
            Assert.Equal("{\"kind\":\"alerts\",\"state\":{ \"alerts\": [ ] }}", cleared);
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public async Task A_fix_is_shown_in_both_datums_with_satellites_per_constellation()
    {
        await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync();
        using CockpitHmiClient page = cockpit.Hmi.Hub.Connect();
        cockpit.Hmi.PublishFix(new GnssFix
        {
            Mode = FixMode.ThreeD,
            Quality = FixQuality.Autonomous,
            LatitudeDegrees = 29.5750,
            LongitudeDegrees = 106.5330,
            SatellitesUsed = 3,
            Satellites =
            [
                new SatelliteInfo { System = GnssSystem.Beidou, Number = 7, Used = true },
                new SatelliteInfo { System = GnssSystem.Beidou, Number = 19, Used = true },
                new SatelliteInfo { System = GnssSystem.Beidou, Number = 59, Used = false },
                new SatelliteInfo { System = GnssSystem.Gps, Number = 5, Used = true },
            ],
        });

        string json = await InProcessCockpit.WaitForMessageAsync(page, "\"kind\":\"fix\"");
        using JsonDocument fix = JsonDocument.Parse(json);
        JsonElement root = fix.RootElement;
        Assert.Equal(29.575, root.GetProperty("latitudeDegrees").GetDouble());
        // GCJ-02 is offset by a few hundred metres in Chongqing (EdgeSdk.Positioning's conversion, tested there against gcoord).
        EdgeSdk.Positioning.GeoPoint gcj = EdgeSdk.Positioning.ChinaDatum.WgsToGcj(new(29.5750, 106.5330));
        Assert.Equal(Math.Round(gcj.LatitudeDegrees, 7), root.GetProperty("gcjLatitudeDegrees").GetDouble());
        Assert.Equal(Math.Round(gcj.LongitudeDegrees, 7), root.GetProperty("gcjLongitudeDegrees").GetDouble());
        Assert.True(Math.Abs(root.GetProperty("gcjLatitudeDegrees").GetDouble() - 29.575) > 0.001);
        Assert.Equal("[{\"system\":\"Gps\",\"visible\":1,\"used\":1},{\"system\":\"Beidou\",\"visible\":3,\"used\":2}]", root.GetProperty("constellations").GetRawText());
        Assert.Equal(1, cockpit.Hmi.Fixes);
    }

    [Fact]
    public async Task Signal_updates_reach_the_page_with_their_databroker_timestamp()
    {
        await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync();
        using CockpitHmiClient page = cockpit.Hmi.Hub.Connect();
        var stamp = new DateTime(2026, 11, 30, 8, 0, 0, 123, DateTimeKind.Utc);
        Assert.True(cockpit.Broker.Tree.TryGetSignal("Vehicle.Speed", out VssSignal? speed));

        // The feed subscribes when the host starts; publish until the page has the value.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? json = null;
        while (json == null)
        {
            Assert.Equal(VssError.None, cockpit.Broker.TrySetCurrentValue(speed, VssValue.FromFloat(61.5f), stamp));
            await page.Messages.WaitToReadAsync(timeout.Token);
            while (page.Messages.TryRead(out string? message))
            {
                json = message.Contains("\"path\":\"Vehicle.Speed\"", StringComparison.Ordinal) ? message : json;
            }
        }

        Assert.Equal("{\"kind\":\"signal\",\"path\":\"Vehicle.Speed\",\"value\":61.5,\"timestamp\":\"2026-11-30T08:00:00.123Z\"}", json);
        Assert.Equal(0, cockpit.Hmi.VssDropped);
    }
}
