using System.Text.Json;
using EdgeSdk.Can;
using EdgeSdk.Simulation.Vehicle;

namespace EdgeSdk.Cli.Tests;

public sealed class DatabrokerCanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-canfeeder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_candump_log_decoded_with_dbc_and_mapping_ends_with_its_last_values_in_the_broker()
    {
        string log = Path.Combine(_dir, "drive.log"), dbc = Path.Combine(_dir, "car.dbc"), mapping = Path.Combine(_dir, "car.json");
        await File.WriteAllTextAsync(dbc, SimulatedCar.DbcText);
        await File.WriteAllTextAsync(mapping, SimulatedCar.MappingJson);
        EdgeSdkProcess.Result sim = await EdgeSdkProcess.RunAsync($"can sim --duration 30 --seed 5 --out {log}");
        Assert.True(sim.ExitCode == 0, sim.StdErr);

        // What the log's last Powertrain frame says, decoded here independently of the feeder.
        DbcDatabase database = SimulatedCar.LoadDbc();
        CanDecoder decoder = database.CreateDecoder();
        CanDecodedFrame decoded = decoder.CreateResult();
        double speed = double.NaN, gear = double.NaN;
        foreach (string line in await File.ReadAllLinesAsync(log))
        {
            Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine(line, out CanFrame frame));
            if (decoder.TryDecode(frame, decoded) == CanDecodeStatus.Decoded && decoded.Message.Name == "Powertrain")
            {
                speed = decoded.PhysicalValues[decoded.Message.IndexOf("VehicleSpeed")];
                gear = decoded.PhysicalValues[decoded.Message.IndexOf("Gear")];
            }
        }

        await using var broker = new DatabrokerProcess();
        await broker.StartAsync("--can", log, "--dbc", dbc, "--mapping", mapping);
        await broker.WaitForStdErrAsync("the CAN source ended", TimeSpan.FromSeconds(120));
        Assert.Contains("the CAN source ended: 1830 frame(s), 9390 value(s) published, 0 unmapped frame(s), 0 bad frame(s)", broker.StdErr, StringComparison.Ordinal);

        EdgeSdkProcess.Result got = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Speed --server {broker.Address}");
        Assert.True(got.ExitCode == 0, got.StdErr);
        using (JsonDocument json = JsonDocument.Parse(got.StdOut))
        {
            Assert.Equal((float)speed, json.RootElement.GetProperty("value").GetSingle());
        }

        got = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Powertrain.Transmission.CurrentGear --server {broker.Address}");
        Assert.True(got.ExitCode == 0, got.StdErr);
        using (JsonDocument json = JsonDocument.Parse(got.StdOut))
        {
            Assert.Equal((int)gear, json.RootElement.GetProperty("value").GetInt32());
        }
    }

    [Fact]
    public async Task A_mapping_entry_naming_an_unknown_vss_path_is_one_line_and_exit_2()
    {
        string log = Path.Combine(_dir, "empty.log"), dbc = Path.Combine(_dir, "car.dbc"), mapping = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(log, "");
        await File.WriteAllTextAsync(dbc, SimulatedCar.DbcText);
        await File.WriteAllTextAsync(mapping, """{"signals":[{"vss":"Vehicle.Speeed","message":"Powertrain","signal":"VehicleSpeed"}]}""");
        EdgeSdkProcess.Result result = await EdgeSdkProcess.RunAsync($"databroker --grpc 127.0.0.1:0 --can {log} --dbc {dbc} --mapping {mapping}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: {mapping}: entry 1: the VSS tree has no 'Vehicle.Speeed'", result.StdErr.Trim()); // before serving: one line
    }

    [Fact]
    public async Task A_missing_can_log_is_one_line_and_exit_2()
    {
        string dbc = Path.Combine(_dir, "car.dbc"), mapping = Path.Combine(_dir, "car.json"), log = Path.Combine(_dir, "nope.log");
        await File.WriteAllTextAsync(dbc, SimulatedCar.DbcText);
        await File.WriteAllTextAsync(mapping, SimulatedCar.MappingJson);
        EdgeSdkProcess.Result result = await EdgeSdkProcess.RunAsync($"databroker --grpc 127.0.0.1:0 --can {log} --dbc {dbc} --mapping {mapping}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: --can '{log}' not found: give an existing candump log (candump -l), or - to read stdin", result.StdErr.Trim());
    }

    [Fact]
    public async Task With_simulate_the_simulated_cars_can_frames_feed_the_belt_and_the_gear()
    {
        await using var broker = new DatabrokerProcess();
        await broker.StartAsync("--simulate", "--scenario", "campus-loop");
        // The simulated driver fastens the belt 3 s into the drive and drives off at 4 s: wait for both, generously.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        bool belted = false;
        int gear = 0;
        while (!(belted && gear >= 1))
        {
            await Task.Delay(200, cancel.Token);
            EdgeSdkProcess.Result belt = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted --server {broker.Address}");
            EdgeSdkProcess.Result gearGot = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Powertrain.Transmission.CurrentGear --server {broker.Address}");
            Assert.True(belt.ExitCode == 0 && gearGot.ExitCode == 0, belt.StdErr + gearGot.StdErr);
            using JsonDocument beltJson = JsonDocument.Parse(belt.StdOut), gearJson = JsonDocument.Parse(gearGot.StdOut);
            belted = beltJson.RootElement.TryGetProperty("value", out JsonElement b) && b.ValueKind == JsonValueKind.True;
            gear = gearJson.RootElement.TryGetProperty("value", out JsonElement g) && g.ValueKind == JsonValueKind.Number ? g.GetInt32() : 0;
        }

        Assert.InRange(gear, 1, 6);
    }
}
