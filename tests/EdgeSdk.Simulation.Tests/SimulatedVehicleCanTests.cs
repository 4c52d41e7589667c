using System.Text;
using EdgeSdk.Can;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Simulation.Vehicle;

namespace EdgeSdk.Simulation.Tests;

public class SimulatedVehicleCanTests
{
    private static string Candump(int seed, double seconds)
    {
        var vehicle = new SimulatedVehicle(Scenario.Load("campus-loop"), seed);
        var emitter = new VehicleCanEmitter(vehicle, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping());
        var text = new StringBuilder();
        emitter.Run(seconds, f => text.Append(CandumpFormat.FormatLine(f)).Append('\n'));
        return text.ToString();
    }

    [Fact]
    public void Same_seed_same_frames_byte_for_byte_and_another_seed_differs()
    {
        string a = Candump(7, 30), b = Candump(7, 30), c = Candump(8, 30);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        string[] lines = a.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // 30 s: Powertrain every 20 ms, Body every 100 ms, Climate every second.
        Assert.Equal(1500 + 300 + 30, lines.Length);
        Assert.Equal("(1773813600.000000) vcan0 100#", lines[0][..30]);
        Assert.StartsWith("(1773813600.000000) vcan0 18FF0000#", lines[2]);
    }

    [Fact]
    public void Every_frame_decodes_back_to_the_vehicle_state_it_was_sent_with()
    {
        var vehicle = new SimulatedVehicle(Scenario.Load("campus-loop"), 3);
        DbcDatabase dbc = SimulatedCar.LoadDbc();
        var emitter = new VehicleCanEmitter(vehicle, dbc, SimulatedCar.LoadMapping());
        CanDecoder decoder = dbc.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        double maxSpeed = 0, maxRpm = 0, maxSteer = 0;
        int movingFrames = 0, leftIndicatorFrames = 0, rightIndicatorFrames = 0;
        emitter.Run(300, f =>
        {
            Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(f.Id, f.IsExtended, f.Data, 0, f.Data.Length, r));
            double Value(string name) => r.PhysicalValues[r.Message.IndexOf(name)];
            switch (r.Message.Name)
            {
                case "Powertrain":
                    Assert.Equal(vehicle.SpeedMetersPerSecond * 3.6, Value("VehicleSpeed"), 0.005 + 1e-9);
                    Assert.Equal(vehicle.EngineSpeedRpm, Value("EngineSpeed"), 0.125 + 1e-9);
                    Assert.Equal(vehicle.Gear, Value("Gear"));
                    Assert.Equal(vehicle.FuelLevelPercent, Value("FuelLevel"), 0.25 + 1e-9);
                    maxSpeed = Math.Max(maxSpeed, Value("VehicleSpeed"));
                    maxRpm = Math.Max(maxRpm, Value("EngineSpeed"));
                    movingFrames += Value("Gear") > 0 ? 1 : 0;
                    break;
                case "Body":
                    Assert.Equal(vehicle.IsDriverDoorOpen ? 1 : 0, Value("DriverDoorOpen"));
                    Assert.Equal(vehicle.IsDriverBelted ? 1 : 0, Value("DriverBelted"));
                    Assert.Equal(vehicle.SteeringWheelAngleDegrees, Value("SteeringAngle"), 0.05 + 1e-9);
                    leftIndicatorFrames += (int)Value("IndicatorLeft");
                    rightIndicatorFrames += (int)Value("IndicatorRight");
                    maxSteer = Math.Max(maxSteer, Math.Abs(Value("SteeringAngle")));
                    break;
                case "Climate":
                    Assert.Equal(vehicle.HvacTargetTemperatureCelsius, Value("TargetTemp"));
                    break;
            }
        });

        Assert.Equal(0, emitter.OutOfRangeFrames);
        Assert.InRange(maxSpeed, 14.9, 15.0);          // campus loop: 15 km/h limit
        Assert.InRange(maxRpm, 745, 2000);
        Assert.True(movingFrames > 10_000, $"{movingFrames}");
        // The loop turns at its corners; the indicator shows the side, the steering wheel turns (positive left).
        Assert.True(leftIndicatorFrames + rightIndicatorFrames > 0);
        Assert.InRange(maxSteer, 20, 540);
    }

    [Fact]
    public void Getting_in_and_starting_follow_the_published_times()
    {
        var vehicle = new SimulatedVehicle(Scenario.Load("campus-loop"), 1);
        Assert.True(vehicle.IsDriverDoorOpen);
        Assert.False(vehicle.IsDriverBelted);
        Assert.Equal(0, vehicle.EngineSpeedRpm);
        void RunTo(double seconds)
        {
            while (vehicle.TimeSeconds < seconds - 1e-9)
            {
                vehicle.Step(0.01);
            }
        }

        RunTo(SimulatedVehicle.DoorClosesAtSeconds + 0.01);
        Assert.False(vehicle.IsDriverDoorOpen);
        RunTo(SimulatedVehicle.EngineStartsAtSeconds + 0.01);
        Assert.InRange(vehicle.EngineSpeedRpm, 745, 755);
        Assert.Equal(0, vehicle.Gear);
        RunTo(SimulatedVehicle.BeltFastenedAtSeconds + 0.01);
        Assert.True(vehicle.IsDriverBelted);
        Assert.Equal(0, vehicle.SpeedMetersPerSecond);
        RunTo(SimulatedVehicle.DriveStartsAtSeconds + 2);
        Assert.True(vehicle.SpeedMetersPerSecond > 1);
        Assert.Equal(1, vehicle.Gear);
        Assert.InRange(vehicle.AccelerationMetersPerSecondSquared, 0.79, 0.81); // the scenario's 0.8 m/s²
    }

    [Fact]
    public void Actuator_requests_are_answered_after_their_delay()
    {
        var vehicle = new SimulatedVehicle(Scenario.Load("campus-loop"), 1);
        for (int i = 0; i < 1000; i++)
        {
            vehicle.Step(0.01);
        }

        double requestedAt = vehicle.TimeSeconds;
        vehicle.RequestHvacTemperature(26);
        vehicle.RequestLowBeams(true);
        double lightsAt = double.NaN, hvacAt = double.NaN;
        while (vehicle.TimeSeconds < requestedAt + 2)
        {
            vehicle.Step(0.01);
            if (double.IsNaN(lightsAt) && vehicle.AreLowBeamsOn)
            {
                lightsAt = vehicle.TimeSeconds - requestedAt;
            }

            if (double.IsNaN(hvacAt) && vehicle.HvacTargetTemperatureCelsius == 26)
            {
                hvacAt = vehicle.TimeSeconds - requestedAt;
            }
        }

        Assert.Equal(SimulatedVehicle.LightsResponseSeconds, lightsAt, 0.0101);
        Assert.Equal(SimulatedVehicle.HvacResponseSeconds, hvacAt, 0.0101);
        double cabin = vehicle.CabinTemperatureCelsius;
        for (int i = 0; i < 6000; i++)
        {
            vehicle.Step(0.01);
        }

        Assert.True(Math.Abs(26 - vehicle.CabinTemperatureCelsius) < Math.Abs(26 - cabin)); // the cabin heads for the target
        vehicle.RequestLowBeams(false);
        for (int i = 0; i < 30; i++)
        {
            vehicle.Step(0.01);
        }

        Assert.False(vehicle.AreLowBeamsOn);
    }

    [Fact]
    public void Frames_reach_every_subscriber_of_the_virtual_bus()
    {
        var bus = new VirtualCanBus();
        using VirtualCanBusSubscription listener = bus.Subscribe(capacity: 10_000);
        var emitter = new VehicleCanEmitter(new SimulatedVehicle(Scenario.Load("campus-loop"), 1), SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping());
        Assert.Equal(61, emitter.Run(1, f => bus.Send(f)));
        int n = 0;
        while (listener.Reader.TryRead(out CanFrame _))
        {
            n++;
        }

        Assert.Equal(61, n);
        Assert.Equal(0, listener.DroppedFrames);
    }

    [Theory]
    [InlineData("""{"signals":[{"vss":"Vehicle.Nope","message":"Body","signal":"LowBeam"}]}""", "m.json: entry 1: the simulated vehicle has no 'Vehicle.Nope'")]
    [InlineData("""{"signals":[{"vss":"Vehicle.Speed","message":"Nope","signal":"LowBeam"}]}""", "m.json: entry 1 (Vehicle.Speed): message 'Nope' is not in simulated-car.dbc")]
    [InlineData("""{"signals":[{"vss":"Vehicle.Speed","message":"Body","signal":"Nope"}]}""", "m.json: entry 1 (Vehicle.Speed): message Body has no signal 'Nope'")]
    [InlineData("""{"signals":[{"vss":"Vehicle.Speed","message":"Body"}]}""", "m.json: entry 1 needs \"vss\", \"message\" and \"signal\"")]
    [InlineData("""{"signals":[]}""", "m.json: no \"signals\" entries")]
    public void Mapping_mistakes_are_one_clear_error(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => CanVssMapping.Parse(json, "m.json").Validate(SimulatedCar.LoadDbc(), "m.json", SimulatedVehicleSignals.Check));
        Assert.StartsWith(message, e.Message);
    }
}
