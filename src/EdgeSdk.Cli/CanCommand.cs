using System.CommandLine;
using System.Text.Json;
using EdgeSdk.Can;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Simulation.Vehicle;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk can decode --dbc FILE [LOG|-]</c>: decodes a candump log with a DBC into one JSON object per frame
/// (<see cref="CanJson"/>); unknown ids, short frames and garbage lines are counted in a summary on stderr.
/// <c>edgesdk can sim [--dbc FILE --mapping FILE] [--out FILE]</c>: writes the simulated vehicle's frames as a candump log.
/// </summary>
internal static class CanCommand
{
    public static Command Create()
    {
        var command = new Command("can", "CAN bus tools: decode candump logs with a DBC, simulate a vehicle's CAN traffic.");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreateSim());
        return command;
    }

    private static Command CreateDecode()
    {
        var dbc = new Option<string>("--dbc") { Description = "The DBC file describing the messages.", Required = true };
        var log = new Argument<string>("log")
        {
            Description = "candump log file (candump -l format), or - for stdin.",
            DefaultValueFactory = _ => "-",
        };
        var realtime = new Option<bool>("--realtime") { Description = "Replay at the pace of the log's timestamps instead of as fast as possible." };
        var command = new Command("decode", "Decode a candump log with a DBC: one JSON object per frame, {\"time\",\"id\",\"message\",\"signals\"}.");
        command.Options.Add(dbc);
        command.Arguments.Add(log);
        command.Options.Add(realtime);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await DecodeAsync(parseResult.GetValue(dbc)!, parseResult.GetValue(log) ?? "-", parseResult.GetValue(realtime), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    private static async Task<int> DecodeAsync(string dbcPath, string logPath, bool realtime, CancellationToken cancellationToken)
    {
        DbcDatabase database = DbcDatabase.Load(dbcPath);
        if (database.Warnings.Count > 0)
        {
            Console.Error.WriteLine($"edgesdk: {database.Warnings.Count} DBC construct(s) skipped, first: {database.Warnings[0]}");
        }

        CandumpReplayPace pace = realtime ? CandumpReplayPace.Recorded : CandumpReplayPace.Fast;
        CandumpFileSource source;
        if (logPath == "-")
        {
            source = new CandumpFileSource(Console.OpenStandardInput(), pace);
        }
        else if (File.Exists(logPath))
        {
            source = new CandumpFileSource(logPath, pace);
        }
        else
        {
            throw new FileNotFoundException($"candump log '{logPath}' not found: give an existing log file (candump -l), or - to read stdin.");
        }

        CanDecoder decoder = database.CreateDecoder();
        CanDecodedFrame decoded = decoder.CreateResult();
        var unknownIds = new HashSet<(uint, bool)>();
        long remote = 0;
        await using Stream stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
        await using var json = new Utf8JsonWriter(stdout);
        await foreach (CanFrame frame in source.ReadFramesAsync(cancellationToken))
        {
            if (frame.IsRemote)
            {
                remote++;
                continue;
            }

            CanDecodeStatus status = decoder.TryDecode(frame.Id, frame.IsExtended, frame.Data, 0, frame.Data.Length, decoded);
            if (status == CanDecodeStatus.UnknownId)
            {
                unknownIds.Add((frame.Id, frame.IsExtended));
                continue;
            }

            if (status != CanDecodeStatus.Decoded)
            {
                continue;
            }

            CanJson.WriteFrame(json, frame.TimestampMicroseconds, decoded);
            json.Flush();
            json.Reset();
            stdout.WriteByte((byte)'\n');
            if (realtime)
            {
                await stdout.FlushAsync(cancellationToken);
            }
        }

        await stdout.FlushAsync(cancellationToken);
        Console.Error.WriteLine(
            $"edgesdk: {decoder.DecodedFrames} frame(s) decoded, {decoder.UnknownIdFrames} with unknown id ({unknownIds.Count} distinct), " +
            $"{decoder.ShortFrames} shorter than their DLC, {remote} remote, {source.ErrorFrames} error frame(s), {source.MalformedLines} garbage line(s)" +
            (source.FirstMalformedLine > 0 ? $" (first at line {source.FirstMalformedLine})" : ""));
        return ExitCodes.Ok;
    }

    private static Command CreateSim()
    {
        var dbc = new Option<string?>("--dbc") { Description = "DBC to encode with (default: the built-in simulated-car.dbc; give --mapping with it)." };
        var mapping = new Option<string?>("--mapping") { Description = "JSON mapping of VSS quantities to DBC signals (default: the built-in one; give --dbc with it)." };
        var output = new Option<string?>("--out") { Description = "candump log file to write (default: stdout)." };
        var scenario = new Option<string>("--scenario") { Description = $"Drive to follow: {string.Join(", ", Scenario.BuiltInNames)} or a scenario JSON file.", DefaultValueFactory = _ => "campus-loop" };
        var duration = new Option<double>("--duration") { Description = "Simulated seconds.", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sensor noise; the same seed gives the same log.", DefaultValueFactory = _ => 1 };
        var command = new Command("sim", "Simulate a vehicle following a drive and write its CAN frames, encoded with a DBC, as a candump log (as fast as it computes).");
        command.Options.Add(dbc);
        command.Options.Add(mapping);
        command.Options.Add(output);
        command.Options.Add(scenario);
        command.Options.Add(duration);
        command.Options.Add(seed);
        command.SetAction(parseResult => Simulate(
            parseResult.GetValue(dbc), parseResult.GetValue(mapping), parseResult.GetValue(output), parseResult.GetValue(scenario)!,
            parseResult.GetValue(duration), parseResult.GetValue(seed)));
        return command;
    }

    private static int Simulate(string? dbcPath, string? mappingPath, string? outputPath, string scenarioName, double seconds, int seed)
    {
        if ((dbcPath == null) != (mappingPath == null))
        {
            throw new ArgumentException("give --dbc and --mapping together (the mapping names the DBC's messages and signals), or neither for the built-in simulated car");
        }

        if (seconds <= 0)
        {
            throw new ArgumentException($"--duration {seconds}: give a positive number of seconds");
        }

        DbcDatabase database = dbcPath == null ? SimulatedCar.LoadDbc() : DbcDatabase.Load(dbcPath);
        CanVssMapping map = mappingPath == null ? SimulatedCar.LoadMapping() : CanVssMapping.Load(mappingPath);
        map.Validate(database, mappingPath ?? "simulated-car.mapping.json", SimulatedVehicleSignals.Check);
        var vehicle = new SimulatedVehicle(Scenario.Load(scenarioName), seed);
        var emitter = new VehicleCanEmitter(vehicle, database, map);
        using Stream stream = outputPath == null ? Console.OpenStandardOutput() : File.Create(outputPath);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        long frames = emitter.Run(seconds, frame => writer.WriteLine(CandumpFormat.FormatLine(frame)));
        writer.Flush();
        Console.Error.WriteLine(
            $"edgesdk: {frames} frame(s), {seconds:0.###} s of {vehicle.Scenario.Name} (seed {seed}), {emitter.OutOfRangeFrames} with a value out of its signal's range" +
            (outputPath == null ? "" : $" -> {outputPath}"));
        return ExitCodes.Ok;
    }
}
