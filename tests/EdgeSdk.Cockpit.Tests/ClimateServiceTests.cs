using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;

namespace EdgeSdk.Cockpit.Tests;

public sealed class ClimateServiceTests
{
    [Fact]
    public async Task Temperature_request_reaches_the_simulated_car_which_reports_it_after_its_delay()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        await using var car = new SimulatedCarDrive(host.Broker);
        var client = new Protocol.ClimateService.ClimateServiceClient(host.Channel);
        IClimateService service = host.Get<IClimateService>();

        // The car reports its 21 °C from its Climate frame.
        await Eventually.ReadUntilAsync(service.WatchClimateAsync(), s => s.Zones[0].HasTemperatureCelsius, "the driver zone's temperature");
        ClimateZone driver = service.GetClimate().Zones[0];
        Assert.Equal(("Row1.Driver", 21f, false), (driver.Zone, driver.TemperatureCelsius, driver.HasRequestedTemperatureCelsius));

        using (await car.Pause())
        {
            SetZoneReply reply = await client.SetZoneAsync(new SetZoneRequest { Zone = "Row1.Driver", TemperatureCelsius = 24.5f });
            Assert.Equal((ClimateError.None, ""), (reply.Error, reply.Message));
            // Requested at once; the car has not applied it yet.
            ClimateZone requested = (await client.GetClimateAsync(new GetClimateRequest())).Zones[0];
            Assert.Equal((24.5f, 21f), (requested.RequestedTemperatureCelsius, requested.TemperatureCelsius));
        }

        using AsyncServerStreamingCall<ClimateState> watch = client.WatchClimate(new WatchClimateRequest());
        ClimateState applied = await Eventually.ReadUntilAsync(watch.ResponseStream.ReadAllAsync(), s => s.Zones[0].TemperatureCelsius == 24.5f, "the car's new temperature");
        Assert.Equal(24.5f, applied.Zones[0].RequestedTemperatureCelsius);
        Assert.Equal(1, car.Forwarded);
        Assert.Equal(24.5, car.Vehicle.HvacTargetTemperatureCelsius);
        Assert.Equal(16f, applied.MinTemperatureCelsius);
        Assert.Equal(30f, applied.MaxTemperatureCelsius);
        Assert.True(applied.HasCabinTemperatureCelsius && applied.HasOutsideTemperatureCelsius);
    }

    [Fact]
    public async Task Fan_speed_and_air_conditioning_reach_the_simulated_car_which_reports_them_after_its_delay()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        await using var car = new SimulatedCarDrive(host.Broker);
        IClimateService service = host.Get<IClimateService>();
        await Eventually.ReadUntilAsync(service.WatchClimateAsync(), s => s.Zones[0].HasFanSpeedPercent && s.HasAirConditioningOn, "the car's fan and AC state");
        Assert.Equal((0u, false), (service.GetClimate().Zones[0].FanSpeedPercent, service.GetClimate().AirConditioningOn));

        using (await car.Pause())
        {
            SetZoneReply reply = await service.SetZoneAsync(new SetZoneRequest { Zone = "Row1.Driver", FanSpeedPercent = 60, AirConditioningOn = true });
            Assert.Equal(ClimateError.None, reply.Error);
            ClimateState requested = service.GetClimate();
            Assert.Equal((60u, 0u, true, false), (requested.Zones[0].RequestedFanSpeedPercent, requested.Zones[0].FanSpeedPercent, requested.RequestedAirConditioningOn, requested.AirConditioningOn));
        }

        ClimateState applied = await Eventually.ReadUntilAsync(service.WatchClimateAsync(), s => s.Zones[0].FanSpeedPercent == 60 && s.AirConditioningOn, "fan 60 % and AC on");
        Assert.Equal((60, true), (car.Vehicle.FanSpeedPercent, car.Vehicle.IsAirConditioningOn));
        Assert.Equal(2, car.Forwarded);
    }

    [Theory]
    [InlineData("Row3.Middle", 22f, -1, ClimateError.ZoneMissing, "zone 'Row3.Middle' does not exist; zones: Row1.Driver, Row1.Passenger")]
    [InlineData("Row1.Driver", 35f, -1, ClimateError.TemperatureOutOfRange, "zone Row1.Driver: 35 °C is out of range; give 16..30 °C")]
    [InlineData("Row1.Driver", float.NaN, -1, ClimateError.TemperatureOutOfRange, "zone Row1.Driver: NaN °C is out of range; give 16..30 °C")]
    [InlineData("Row1.Driver", null, 101, ClimateError.FanSpeedOutOfRange, "zone Row1.Driver: fan speed 101 % is out of range; give 0..100 %")]
    [InlineData("Row1.Driver", null, -1, ClimateError.NothingToSet, "zone Row1.Driver: the request sets nothing; give a temperature, a fan speed or air conditioning")]
    [InlineData("Row1.Passenger", 22f, -1, ClimateError.VehicleUnavailable, "no provider serves Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature: start the vehicle (or its simulator) that provides the climate actuators")]
    public async Task Bad_requests_are_typed_errors_and_request_nothing(string zone, float? celsius, int fan, ClimateError expected, string message)
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        await using var car = new SimulatedCarDrive(host.Broker);
        var request = new SetZoneRequest { Zone = zone };
        if (celsius is float c)
        {
            request.TemperatureCelsius = c;
        }

        if (fan >= 0)
        {
            request.FanSpeedPercent = (uint)fan;
        }

        SetZoneReply reply = await new Protocol.ClimateService.ClimateServiceClient(host.Channel).SetZoneAsync(request);
        Assert.Equal((expected, message), (reply.Error, reply.Message));
        // In-process: the same answer.
        Assert.Equal(reply, await host.Get<IClimateService>().SetZoneAsync(request));
        Assert.Equal(0, car.Forwarded);
        Assert.True(host.Broker.GetTargetValue(Signal(host, SimulatedCarDrive.DriverTemperature)).IsNone);
    }

    [Fact]
    public async Task A_configured_zone_missing_from_the_tree_fails_the_start_naming_the_zones()
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => CockpitTestHost.StartAsync(o => o.Climate.Zones = ["Row1.Driver", "Row9.Driver"]));
        Assert.Equal("Cockpit:Climate:Zones: 'Row9.Driver' is not a climate zone of the VSS tree (it has Row1.Driver, Row1.Passenger, Row2.Driver, Row2.Passenger, Row3.Driver, Row3.Passenger, Row4.Driver, Row4.Passenger)", ex.Message);
    }

    private static Vehicle.VssSignal Signal(CockpitTestHost host, string path) => host.Broker.Tree.TryGetSignal(path, out Vehicle.VssSignal? s) ? s : throw new ArgumentException(path);
}
