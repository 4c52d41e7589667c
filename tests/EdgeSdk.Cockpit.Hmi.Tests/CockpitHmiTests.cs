using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Hmi.Tests;

public sealed class CockpitHmiTests
{
    private const string DriverTemperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";

    [Fact]
    public void Setting_a_temperature_sets_the_VSS_target_and_tells_the_page()
    {
        using var broker = new VssDatabroker(VssTree.LoadDefault());
        using VssProvider car = broker.CreateProvider("car");
        Assert.Equal(VssError.None, car.TryProvideActuators([DriverTemperature]));
        var hmi = new CockpitHmi(broker);
        using CockpitHmiClient page = hmi.Hub.Connect();

        Assert.Equal(CockpitHmiActuation.Ok, hmi.SetTemperature("driver", 22.5));

        Assert.Equal(22.5f, broker.GetTargetValue(broker.Tree.TryGetSignal(DriverTemperature, out VssSignal? signal) ? signal : null!).Value.AsFloat());
        Assert.Equal(22.5f, hmi.TargetOf(DriverTemperature).Value.AsFloat());
        Assert.True(page.Messages.TryRead(out string? marker));
        Assert.Equal(CockpitHmiHub.LiveMarker, marker);
        Assert.True(page.Messages.TryRead(out string? target));
        Assert.Equal("{\"kind\":\"target\",\"path\":\"Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature\",\"value\":22.5}", target);
        Assert.Equal(1, hmi.Actuations);
        Assert.Equal(0, hmi.Refused);
    }

    [Theory]
    [InlineData("roof", 21, 404, "climate zone 'roof' does not exist: use one of driver, passenger, rear-left, rear-right")]
    [InlineData("driver", 31, 400, "climate zone 'driver': 31 °C is out of range: use 16 to 30 °C")]
    [InlineData("driver", double.NaN, 400, "climate zone 'driver': NaN °C is out of range: use 16 to 30 °C")]
    [InlineData("passenger", 21, 503, "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature: no provider currently provides this actuator")]
    public void A_refused_temperature_says_why_and_sets_nothing(string zone, double celsius, int status, string message)
    {
        using var broker = new VssDatabroker(VssTree.LoadDefault());
        var hmi = new CockpitHmi(broker);

        Assert.Equal(new CockpitHmiActuation(false, status, message), hmi.SetTemperature(zone, celsius));
        Assert.Equal(1, hmi.Refused);
        Assert.True(hmi.TargetOf("Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature").IsNone);
        Assert.Equal(0, hmi.Actuations);
    }

    [Fact]
    public void A_fix_is_shown_in_both_datums_with_satellites_per_constellation()
    {
        using var broker = new VssDatabroker(VssTree.LoadDefault());
        var hmi = new CockpitHmi(broker);
        using CockpitHmiClient page = hmi.Hub.Connect();
        hmi.PublishFix(new GnssFix
        {
            Mode = FixMode.ThreeD,
            Quality = FixQuality.Autonomous,
            LatitudeDegrees = 29.5750,
            LongitudeDegrees = 106.5330,
            SatellitesUsed = 3,
            Satellites =
            [
                new SatelliteInfo { System = GnssSystem.Beidou, SatelliteId = 7, Used = true },
                new SatelliteInfo { System = GnssSystem.Beidou, SatelliteId = 19, Used = true },
                new SatelliteInfo { System = GnssSystem.Beidou, SatelliteId = 59, Used = false },
                new SatelliteInfo { System = GnssSystem.Gps, SatelliteId = 5, Used = true },
            ],
        });

        Assert.True(page.Messages.TryRead(out _)); // the live marker
        Assert.True(page.Messages.TryRead(out string? json));
        using JsonDocument fix = JsonDocument.Parse(json!);
        JsonElement root = fix.RootElement;
        Assert.Equal("fix", root.GetProperty("kind").GetString());
        Assert.Equal(29.575, root.GetProperty("latitudeDegrees").GetDouble());
        // GCJ-02 is offset by a few hundred metres in Chongqing (the same conversion as EdgeSdk.Positioning's tests).
        EdgeSdk.Positioning.GeoPoint gcj = EdgeSdk.Positioning.ChinaDatum.WgsToGcj(new(29.5750, 106.5330));
        Assert.Equal(Math.Round(gcj.LatitudeDegrees, 7), root.GetProperty("gcjLatitudeDegrees").GetDouble());
        Assert.Equal(Math.Round(gcj.LongitudeDegrees, 7), root.GetProperty("gcjLongitudeDegrees").GetDouble());
        Assert.NotEqual(29.575, root.GetProperty("gcjLatitudeDegrees").GetDouble());
        Assert.Equal("[{\"system\":\"Gps\",\"visible\":1,\"used\":1},{\"system\":\"Beidou\",\"visible\":3,\"used\":2}]", root.GetProperty("constellations").GetRawText());
        Assert.Equal(1, hmi.Fixes);
    }

    [Fact]
    public async Task Signal_updates_reach_the_page_with_their_databroker_timestamp()
    {
        using var broker = new VssDatabroker(VssTree.LoadDefault());
        var hmi = new CockpitHmi(broker);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task feed = hmi.RunVssFeedAsync(stop.Token);
        using CockpitHmiClient page = hmi.Hub.Connect();
        var stamp = new DateTime(2026, 11, 30, 8, 0, 0, 123, DateTimeKind.Utc);
        Assert.True(broker.Tree.TryGetSignal("Vehicle.Speed", out VssSignal? speed));

        // The feed subscribes asynchronously: publish until the page has the value.
        string? json = null;
        while (json == null)
        {
            Assert.Equal(VssError.None, broker.TrySetCurrentValue(speed, VssValue.FromFloat(61.5f), stamp));
            await page.Messages.WaitToReadAsync(stop.Token);
            while (page.Messages.TryRead(out string? message))
            {
                json = message.Contains("Vehicle.Speed", StringComparison.Ordinal) ? message : json;
            }
        }

        Assert.Equal("{\"kind\":\"signal\",\"path\":\"Vehicle.Speed\",\"value\":61.5,\"timestamp\":\"2026-11-30T08:00:00.123Z\"}", json);
        await stop.CancelAsync();
        await feed;
        Assert.Equal(0, hmi.VssDropped);
    }
}
