using System.CommandLine;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Faults;
using EdgeSdk.Simulation.Output;
using EdgeSdk.Simulation.Receiver;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk sim</c>: runs the GNSS receiver simulator (EdgeSdk.Simulation) to an output.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "Built-in scenario (chongqing-logistics, campus-loop) or a scenario JSON file", DefaultValueFactory = _ => "chongqing-logistics" };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default: the scenario's)" };
        var duration = new Option<double?>("--duration") { Description = "Simulated seconds (default: the scenario's, or until the route ends)" };
        var rate = new Option<int>("--rate") { Description = "Epochs per second: 1, 5 or 10", DefaultValueFactory = _ => 1 };
        var receiver = new Option<string>("--receiver") { Description = "Receiver to imitate: " + ReceiverModels.NamesText, DefaultValueFactory = _ => ReceiverModels.NameOf(ReceiverModel.Casic) };
        var baud = new Option<int?>("--baud") { Description = "Baud rate bounding each epoch's bytes (default: the receiver's)" };
        var output = new Option<string>("--out") { Description = "-, FILE, tcp://127.0.0.1:PORT or pty[:LINKPATH]", DefaultValueFactory = _ => "-" };
        var truth = new Option<string?>("--truth") { Description = "Write the ground truth as JSON lines to FILE" };
        var realtime = new Option<bool>("--realtime") { Description = "Pace epochs on the wall clock (default: as fast as possible)" };
        var speedup = new Option<double>("--speedup") { Description = "With --realtime: simulated seconds per second", DefaultValueFactory = _ => 1 };
        var faults = new Option<string?>("--faults") { Description = "Fault rates, e.g. checksum=0.01,truncate=0.005,garbage=0.01,binary=0.002,drop=0.01,duplicate=0.01,reset=0.001" };
        var noise = new Option<double>("--noise") { Description = "One-sigma user range error in meters (position noise = this x DOP)", DefaultValueFactory = _ => 2.0 };

        var command = new Command("sim", "Simulate a BeiDou/GNSS receiver driving a scenario: NMEA to stdout, a file, a TCP server or a virtual serial port.");
        foreach (Option option in new Option[] { scenario, seed, duration, rate, receiver, baud, output, truth, realtime, speedup, faults, noise })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string target = parse.GetValue(output)!;
            string? truthPath = parse.GetValue(truth);
            await using SimulationOutput sink = OpenOutput(target);
            await using FileStream? truthFile = truthPath == null ? null : OpenTruth(truthPath);
            if (target != "-")
            {
                // A reading program needs the device path or port; stdout stays pure NMEA.
                Console.Error.WriteLine($"edgesdk sim: writing to {sink.Description}");
            }

            var options = new SimulationOptions
            {
                Scenario = parse.GetValue(scenario)!,
                Seed = parse.GetValue(seed),
                DurationSeconds = parse.GetValue(duration),
                RateHz = parse.GetValue(rate),
                Receiver = ParseReceiver(parse.GetValue(receiver)!),
                BaudRate = parse.GetValue(baud),
                Realtime = parse.GetValue(realtime),
                Speedup = parse.GetValue(speedup),
                Faults = FaultSpec.Parse(parse.GetValue(faults)),
                NoiseMeters = parse.GetValue(noise),
                Truth = truthFile,
            };
            SimulationSummary summary = await GnssSimulator.RunAsync(options, sink.Stream, cancellationToken);
            Console.Error.WriteLine(
                $"edgesdk sim: {summary.Epochs} epochs, {summary.FixEpochs} with a fix, {summary.BytesWritten} bytes, " +
                $"{summary.DroppedSentences} sentences dropped for the baud rate, {summary.FaultsInjected} faults injected");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ReceiverModel ParseReceiver(string name) => ReceiverModels.TryParse(name, out ReceiverModel model)
        ? model
        : throw new ArgumentException($"unknown receiver '{name}': use {ReceiverModels.NamesText}");

    private static FileStream OpenTruth(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the truth file {path}: {UserErrors.FileReason(path, ex)}", ex);
        }
    }

    // A file that cannot be created is one line in the user's words, not .NET's ("Access to the path ... is denied").
    private static SimulationOutput OpenOutput(string target)
    {
        try
        {
            return SimulationOutput.Open(target);
        }
        catch (IOException ex) when (ex.InnerException is UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new IOException($"cannot write the output file {target}: {UserErrors.FileReason(target, ex.InnerException)}", ex);
        }
    }
}
