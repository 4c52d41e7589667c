using System.Text;
using EdgeSdk.Can;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Simulation.Vehicle;

namespace EdgeSdk.Vehicle.Tests;

public class CanVssFeederTests
{
    private static VssSignal Signal(string path) => VssTreeTests.Default.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);

    // The simulated car's candump, plus what the vehicle's own quantities were when each message was sent.
    private static (string Candump, Dictionary<string, double> Sent) Drive(int seed, double seconds)
    {
        var vehicle = new SimulatedVehicle(Scenario.Load("campus-loop"), seed);
        DbcDatabase dbc = SimulatedCar.LoadDbc();
        CanVssMapping mapping = SimulatedCar.LoadMapping();
        var emitter = new VehicleCanEmitter(vehicle, dbc, mapping);
        var text = new StringBuilder();
        var sent = new Dictionary<string, double>();
        emitter.Run(seconds, f =>
        {
            text.Append(CandumpFormat.FormatLine(f)).Append('\n');
            string message = dbc.Messages.First(m => m.Id == f.Id).Name;
            foreach (CanVssMappingEntry e in mapping.Signals.Where(e => e.Message == message))
            {
                SimulatedVehicleSignals.TryGetReader(e.Vss, out Func<SimulatedVehicle, double> read);
                sent[e.Vss] = read(vehicle);
            }
        });
        return (text.ToString(), sent);
    }

    private static double AsNumber(VssValue v) => v.Type switch
    {
        VssValueType.Bool => v.AsBool() ? 1 : 0,
        VssValueType.Int32 => v.AsInt32(),
        VssValueType.UInt32 => v.AsUInt32(),
        VssValueType.Float => v.AsFloat(),
        VssValueType.Double => v.AsDouble(),
        _ => throw new InvalidOperationException(v.Type.ToString()),
    };

    [Fact]
    public async Task The_simulated_cars_candump_ends_with_the_vehicles_own_values_in_the_databroker()
    {
        (string candump, Dictionary<string, double> sent) = Drive(seed: 5, seconds: 120);
        DbcDatabase dbc = SimulatedCar.LoadDbc();
        CanVssMapping mapping = SimulatedCar.LoadMapping();
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new CanVssFeeder(broker, dbc, mapping, "can0");
        await feeder.RunAsync(new CandumpFileSource(new MemoryStream(Encoding.ASCII.GetBytes(candump))));

        Assert.Equal(6000 + 1200 + 120, feeder.Frames); // 120 s: Powertrain 20 ms, Body 100 ms, Climate 1 s
        Assert.Equal(0, feeder.UnmappedFrames);
        Assert.Equal(0, feeder.BadFrames);
        Assert.Equal(0, feeder.Rejected);
        Assert.Equal(0, feeder.UnmappedValues);
        Assert.Equal(14, mapping.Signals.Count);
        foreach (CanVssMappingEntry e in mapping.Signals)
        {
            VssSignal signal = Signal(e.Vss);
            Assert.Equal("can0", broker.SignalProviderOf(signal));
            CanSignal can = dbc.FindMessage(e.Message)!.Signals[dbc.FindMessage(e.Message)!.IndexOf(e.Signal)];
            // One DBC step, plus rounding to a whole number for integer VSS datatypes (gear, fuel %, steering angle).
            double tolerance = can.Factor + (signal.WireType is VssValueType.Int32 or VssValueType.UInt32 ? 0.5 : 0) + 1e-3;
            double actual = AsNumber(broker.GetCurrentValue(signal).Value);
            Assert.True(Math.Abs(sent[e.Vss] - actual) <= tolerance, $"{e.Vss}: vehicle {sent[e.Vss]}, databroker {actual}, tolerance {tolerance}");
        }

        Assert.True(sent["Vehicle.Speed"] > 1, "the drive should be moving at the end");
        Assert.Equal(VssValueType.Bool, broker.GetCurrentValue(Signal("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen")).Value.Type);
        Assert.Equal(VssValueType.Int32, broker.GetCurrentValue(Signal("Vehicle.Powertrain.Transmission.CurrentGear")).Value.Type);
        // Every entry's interval is its message's send interval, so each decoded value is published.
        Assert.Equal((6000 * 5) + (1200 * 6) + (120 * 3), feeder.Published);
        Assert.Equal(0, feeder.Unchanged);
    }

    [Fact]
    public void Frames_of_unmapped_messages_and_short_frames_are_counted_not_thrown()
    {
        (string candump, _) = Drive(seed: 5, seconds: 30);
        CanVssMapping bodyOnly = CanVssMapping.Parse("""{"signals":[{"vss":"Vehicle.Body.Lights.Beam.Low.IsOn","message":"Body","signal":"LowBeam","onChange":true}]}""", "body.json");
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new CanVssFeeder(broker, SimulatedCar.LoadDbc(), bodyOnly);
        foreach (string line in candump.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine(line, out CanFrame frame));
            feeder.Publish(frame);
        }

        feeder.Publish(new CanFrame(1, 0x7FF, false, false, [1, 2], "vcan0")); // not in the DBC
        feeder.Publish(new CanFrame(2, 0x200, false, false, [1], "vcan0")); // Body, but 1 byte of 8

        Assert.Equal(1500 + 300 + 30 + 2, feeder.Frames);
        Assert.Equal(1500 + 30 + 1, feeder.UnmappedFrames);
        Assert.Equal(1, feeder.BadFrames);
        Assert.Equal(300, feeder.Published + feeder.Unchanged);
        Assert.True(feeder.Published >= 1);
        Assert.True(feeder.Unchanged > feeder.Published, "on-change: the low beam does not change 300 times in 30 s");
        Assert.Equal(0, feeder.Rejected);
    }

    [Fact]
    public void A_value_map_turns_dbc_values_into_vss_values_and_counts_the_rest()
    {
        // Gear as text through the DBC's value descriptions (P, 1..6); only P and 1 mapped here.
        CanVssMapping mapping = CanVssMapping.Parse("""{"signals":[{"vss":"Vehicle.Powertrain.Transmission.SelectedGear","message":"Powertrain","signal":"Gear","valueMap":{"P":"126","1":"1"}}]}""", "gear.json");
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new CanVssFeeder(broker, SimulatedCar.LoadDbc(), mapping);
        feeder.Publish(new CanFrame(1_000_000, 0x100, false, false, [0, 0, 0, 0, 0, 0, 0, 0], "vcan0"));
        Assert.Equal(126, broker.GetCurrentValue(Signal("Vehicle.Powertrain.Transmission.SelectedGear")).Value.AsInt32());
        feeder.Publish(new CanFrame(1_020_000, 0x100, false, false, [0, 0, 0, 0, 1, 0, 0, 0], "vcan0"));
        Assert.Equal(1, broker.GetCurrentValue(Signal("Vehicle.Powertrain.Transmission.SelectedGear")).Value.AsInt32());
        feeder.Publish(new CanFrame(1_040_000, 0x100, false, false, [0, 0, 0, 0, 2, 0, 0, 0], "vcan0"));
        Assert.Equal(1, broker.GetCurrentValue(Signal("Vehicle.Powertrain.Transmission.SelectedGear")).Value.AsInt32());
        Assert.Equal(1, feeder.UnmappedValues);
        Assert.Equal(2, feeder.Published);
    }

    [Theory]
    [InlineData("""{"vss":"Vehicle.Speed","message":"Nope","signal":"VehicleSpeed"}""", "m.json: entry 1 (Vehicle.Speed): message 'Nope' is not in simulated-car.dbc")]
    [InlineData("""{"vss":"Vehicle.Speed","message":"Powertrain","signal":"Nope"}""", "m.json: entry 1 (Vehicle.Speed): message Powertrain has no signal 'Nope'")]
    [InlineData("""{"vss":"Vehicle.Nope","message":"Powertrain","signal":"VehicleSpeed"}""", "m.json: entry 1: the VSS tree has no 'Vehicle.Nope'")]
    [InlineData("""{"vss":"Vehicle.Cabin.Door.Row1.DriverSide.IsOpen","message":"Body","signal":"DriverDoorOpen","valueMap":{"1":"yes"}}""", "m.json: entry 1 (Vehicle.Cabin.Door.Row1.DriverSide.IsOpen): valueMap '1' → 'yes': 'yes' is not a boolean")]
    [InlineData("""{"vss":"Vehicle.Speed","message":"Powertrain","signal":"VehicleSpeed","transform":"negative"}""", "m.json: entry 1 (Vehicle.Speed): transform 'negative' only encodes a sign bit")]
    [InlineData("""{"vss":"Vehicle.VehicleIdentification.OptionalExtras","message":"Powertrain","signal":"Gear"}""", "m.json: entry 1 (Vehicle.VehicleIdentification.OptionalExtras): a CAN signal cannot become a string[]")]
    public void A_bad_mapping_entry_is_one_clear_error_naming_it(string entry, string message)
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        CanVssMapping mapping = CanVssMapping.Parse($$"""{"signals":[{{entry}}]}""", "m.json");
        var e = Assert.Throws<InvalidDataException>(() => new CanVssFeeder(broker, SimulatedCar.LoadDbc(), mapping, source: "m.json"));
        Assert.StartsWith(message, e.Message);
        Assert.DoesNotContain(broker.Tree.Signals, s => broker.SignalProviderOf(s) != null); // nothing claimed
    }

    [Fact]
    public void The_gnss_feeder_steps_back_from_vehicle_speed_while_the_can_feeder_provides_it()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var gnss = new GnssVssFeeder(broker);
        var fix = new GnssFix { TimeUtc = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), Mode = FixMode.ThreeD, Quality = FixQuality.Autonomous, LatitudeDegrees = 29.5, LongitudeDegrees = 106.5, SpeedMetersPerSecond = 10 };
        using (var can = new CanVssFeeder(broker, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping()))
        {
            // 4321 × 0.01 km/h
            can.Publish(new CanFrame(1_000_000, 0x100, false, false, [0xE1, 0x10, 0, 0, 0, 0, 0, 0], "vcan0"));
            gnss.Publish(fix);
            Assert.Equal(1, gnss.SpeedSkipped);
            Assert.Equal(43.21f, broker.GetCurrentValue(Signal("Vehicle.Speed")).Value.AsFloat(), 0.001f);
        }

        // The CAN feeder gone and its value older than ForeignSpeedTimeout: GNSS speed again.
        gnss.Publish(fix);
        Assert.Equal(1, gnss.SpeedSkipped);
        Assert.Equal(36f, broker.GetCurrentValue(Signal("Vehicle.Speed")).Value.AsFloat(), 0.001f);
    }
}
