using System.Text.Json;

namespace EdgeSdk.Cli.Tests;

public sealed class CanCommandTests : IDisposable
{
    // A Motorola signal, a signed Intel signal with offset, simple multiplexing and an extended id.
    private const string Dbc = """
        VERSION ""

        BU_: ECU

        BO_ 291 Engine: 4 ECU
         SG_ Rpm : 7|16@0+ (0.25,0) [0|8000] "rpm" ECU
         SG_ Temp : 16|8@1- (1,-40) [-40|100] "degC" ECU

        BO_ 512 Body: 2 ECU
         SG_ Page M : 0|8@1+ (1,0) [0|1] "" ECU
         SG_ DoorOpen m0 : 8|1@1+ (1,0) [0|1] "" ECU
         SG_ Lights m1 : 8|8@1+ (1,0) [0|255] "" ECU

        BO_ 2364539904 Truck: 2 ECU
         SG_ Axle : 0|16@1+ (0.5,0) [0|100] "t" ECU

        VAL_ 512 Lights 0 "Off" 1 "On" ;
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-can-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Prints_one_json_object_per_decoded_frame_and_counts_the_rest()
    {
        string dbc = Write("car.dbc", Dbc);
        const string log = """
            (1700000000.123456) can0 123#1F40D2FF
            (1700000000.200000) can0 200#0001
            (1700000000.300000) can0 200#01FF
            (1700000000.350000) can0 200#02FF
            (1700000000.400000) can0 0CF00400#E803
            (1700000000.500000) can0 7FF#00
            (1700000000.510000) can0 7FE#00
            (1700000000.520000) can0 7FF#01
            (1700000000.600000) can0 123#1F
            not a candump line
            (1700000000.700000) can0 123#R
            """;
        var result = await EdgeSdkProcess.RunAsync($"can decode --dbc {dbc} -", log);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);

        using (var engine = JsonDocument.Parse(lines[0]))
        {
            JsonElement root = engine.RootElement;
            Assert.Equal(1700000000.123456m, root.GetProperty("time").GetDecimal());
            Assert.Equal(291, root.GetProperty("id").GetInt32());
            Assert.Equal("Engine", root.GetProperty("message").GetString());
            // Rpm: Motorola 7|16 = 0x1F40 = 8000 raw → 2000 rpm. Temp: 0xD2 = -46 → -86 degC (below the documented -40: not clamped).
            Assert.Equal(2000, root.GetProperty("signals").GetProperty("Rpm").GetDouble());
            Assert.Equal(-86, root.GetProperty("signals").GetProperty("Temp").GetDouble());
            Assert.Equal(2, root.GetProperty("signals").EnumerateObject().Count());
        }

        // Page 0 selects DoorOpen, page 1 selects Lights; page 2 selects neither.
        Assert.Equal("""{"Page":0,"DoorOpen":1}""", JsonDocument.Parse(lines[1]).RootElement.GetProperty("signals").GetRawText());
        Assert.Equal("""{"Page":1,"Lights":255}""", JsonDocument.Parse(lines[2]).RootElement.GetProperty("signals").GetRawText());
        Assert.Equal("""{"Page":2}""", JsonDocument.Parse(lines[3]).RootElement.GetProperty("signals").GetRawText());

        using (var truck = JsonDocument.Parse(lines[4]))
        {
            Assert.Equal(0x0CF00400, truck.RootElement.GetProperty("id").GetInt32());
            Assert.Equal(500, truck.RootElement.GetProperty("signals").GetProperty("Axle").GetDouble());
        }

        Assert.Equal(
            "edgesdk: 5 frame(s) decoded, 3 with unknown id (2 distinct), 1 shorter than their DLC, 1 remote, 0 error frame(s), 1 garbage line(s) (first at line 10)",
            result.StdErr.Trim());
    }

    [Fact]
    public async Task Reads_a_log_file_argument()
    {
        string dbc = Write("car.dbc", Dbc);
        string log = Write("drive.log", "(1700000000.000001) can0 200#0101\n");
        var result = await EdgeSdkProcess.RunAsync($"can decode --dbc {dbc} {log}");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"time":1700000000.000001,"id":512,"message":"Body","signals":{"Page":1,"Lights":1}}""", result.StdOut.Trim());
    }

    [Fact]
    public async Task A_dbc_syntax_error_names_file_and_line_and_exits_2()
    {
        string dbc = Write("broken.dbc", Dbc.Replace("SG_ Temp : 16|8@1-", "SG_ Temp : 16|8@1", StringComparison.Ordinal));
        var result = await EdgeSdkProcess.RunAsync($"can decode --dbc {dbc} -", "");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: {dbc}:7: expected '+' (unsigned) or '-' (signed) after the byte order, found '(' (fix the DBC file)", result.StdErr.Trim());
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task Missing_files_are_one_line_errors()
    {
        var noDbc = await EdgeSdkProcess.RunAsync($"can decode --dbc {_dir}/none.dbc -", "");
        Assert.Equal(2, noDbc.ExitCode);
        Assert.Equal($"edgesdk: DBC file '{_dir}/none.dbc' not found: give the path of an existing .dbc file.", noDbc.StdErr.Trim());

        string dbc = Write("car.dbc", Dbc);
        var noLog = await EdgeSdkProcess.RunAsync($"can decode --dbc {dbc} {_dir}/none.log");
        Assert.Equal(2, noLog.ExitCode);
        Assert.Equal($"edgesdk: candump log '{_dir}/none.log' not found: give an existing log file (candump -l), or - to read stdin.", noLog.StdErr.Trim());
    }

    [Fact]
    public async Task Sim_writes_the_same_candump_log_for_the_same_seed_and_decode_reads_it()
    {
        string first = Path.Combine(_dir, "a.log"), second = Path.Combine(_dir, "b.log");
        var a = await EdgeSdkProcess.RunAsync($"can sim --duration 10 --seed 5 --out {first}");
        var b = await EdgeSdkProcess.RunAsync($"can sim --duration 10 --seed 5 --out {second}");
        Assert.Equal(0, a.ExitCode);
        Assert.Equal(0, b.ExitCode);
        Assert.Equal($"edgesdk: 610 frame(s), 10 s of campus-loop (seed 5), 0 with a value out of its signal's range -> {first}", a.StdErr.Trim());
        string[] lines = File.ReadAllLines(first);
        Assert.Equal(610, lines.Length); // Powertrain 20 ms, Body 100 ms, Climate 1 s
        Assert.Equal(lines, File.ReadAllLines(second));
        Assert.Equal("(1773813600.000000) vcan0 200#0100000000000000", lines[1]); // driver door open at the start

        string dbc = Write("simulated-car.dbc", EdgeSdk.Simulation.Vehicle.SimulatedCar.DbcText);
        var decoded = await EdgeSdkProcess.RunAsync($"can decode --dbc {dbc} {first}");
        Assert.Equal(0, decoded.ExitCode);
        string[] json = decoded.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(610, json.Length);
        using var climate = JsonDocument.Parse(json[2]);
        Assert.Equal("Climate", climate.RootElement.GetProperty("message").GetString());
        Assert.Equal(0x18FF0000, climate.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(21, climate.RootElement.GetProperty("signals").GetProperty("TargetTemp").GetDouble());
        Assert.StartsWith("edgesdk: 610 frame(s) decoded, 0 with unknown id", decoded.StdErr.Trim());
    }

    [Fact]
    public async Task Sim_encodes_with_a_given_dbc_and_mapping()
    {
        string dbc = Write("car.dbc", Dbc);
        string mapping = Write("map.json", """
            {"signals":[
              {"vss":"Vehicle.Powertrain.CombustionEngine.Speed","message":"Engine","signal":"Rpm","intervalMs":100},
              {"vss":"Vehicle.Exterior.AirTemperature","message":"Engine","signal":"Temp","intervalMs":100}]}
            """);
        var result = await EdgeSdkProcess.RunAsync($"can sim --dbc {dbc} --mapping {mapping} --duration 5");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(50, lines.Length);
        Assert.All(lines, l => Assert.Contains(" vcan0 123#", l, StringComparison.Ordinal));
        Assert.EndsWith("123#0000", lines[0][..^4], StringComparison.Ordinal); // engine off at the start: Rpm 0
    }

    [Fact]
    public async Task Sim_mapping_errors_are_one_line_and_exit_2()
    {
        string dbc = Write("car.dbc", Dbc);
        string mapping = Write("map.json", """{"signals":[{"vss":"Vehicle.Speed","message":"Engine","signal":"Speed"}]}""");
        var result = await EdgeSdkProcess.RunAsync($"can sim --dbc {dbc} --mapping {mapping}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: {mapping}: entry 1 (Vehicle.Speed): message Engine has no signal 'Speed'", result.StdErr.Trim());

        var half = await EdgeSdkProcess.RunAsync($"can sim --dbc {dbc}");
        Assert.Equal(2, half.ExitCode);
        Assert.StartsWith("edgesdk: give --dbc and --mapping together", half.StdErr.Trim());
    }
}
