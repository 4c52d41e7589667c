using System.CommandLine;
using System.IO.Pipelines;
using System.Net;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Receiver;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk databroker</c>: a VSS databroker serving kuksa.val.v2 over gRPC, fed by a GNSS receiver or,
/// with <c>--simulate</c>, by the simulated drive (EdgeSdk.Simulation) without any hardware.
/// </summary>
internal static class DatabrokerCommand
{
    public static Command Create()
    {
        var grpc = new Option<string>("--grpc") { Description = "Address to serve kuksa.val.v2 on (port 0 picks a free one)", DefaultValueFactory = _ => "127.0.0.1:55555" };
        var vss = new Option<string[]>("--vss") { Description = "VSS JSON file(s) instead of the built-in VSS 6.0 tree; later files overlay earlier ones", AllowMultipleArgumentsPerToken = true };
        var overlay = new Option<string[]>("--overlay") { Description = "VSS JSON overlay(s) on the tree (add or override signals)", AllowMultipleArgumentsPerToken = true };
        var gnss = new Option<string?>("--gnss") { Description = "GNSS receiver feeding Vehicle.CurrentLocation.* and Vehicle.Speed: serial:/dev/ttyUSB0?baud=auto, tcp://host:port, a file" };
        var simulate = new Option<bool>("--simulate") { Description = "Feed the broker from the simulated drive (GNSS receiver simulator, real time, looping)" };
        var scenario = new Option<string>("--scenario") { Description = "With --simulate: built-in scenario or scenario JSON file", DefaultValueFactory = _ => "chongqing-logistics" };
        var can = new Option<string?>("--can") { Description = "candump log (candump -l) or - for stdin, decoded with --dbc and --mapping into the VSS signals the mapping names" };
        var dbc = new Option<string?>("--dbc") { Description = "With --can: DBC file to decode the frames with" };
        var mapping = new Option<string?>("--mapping") { Description = "With --can: JSON mapping of DBC signals to VSS paths ({\"signals\":[{\"vss\",\"message\",\"signal\"}]})" };
        var jwtKey = new Option<string?>("--jwt-public-key") { Description = "Require bearer tokens (RS256 JWT, KUKSA scopes read/actuate/provide) checked with this PEM public key" };
        var command = new Command("databroker", "Serve VSS vehicle signals over gRPC, wire-compatible with KUKSA's kuksa.val.v2 (kuksa-client, KUKSA SDKs, HMIs).");
        foreach (Option option in new Option[] { grpc, vss, overlay, gnss, simulate, scenario, can, dbc, mapping, jwtKey })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string address = parse.GetValue(grpc)!;
            if (!IPEndPoint.TryParse(address, out IPEndPoint? endpoint) || !address.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"--grpc '{address}' is not an address:port such as 127.0.0.1:55555");
            }

            string? gnssSource = parse.GetValue(gnss);
            bool simulated = parse.GetValue(simulate);
            if (gnssSource != null && simulated)
            {
                throw new ArgumentException("--gnss and --simulate both feed the GNSS signals: give one of them");
            }

            VssTree tree = LoadTree(parse.GetValue(vss) ?? [], parse.GetValue(overlay) ?? []);
            foreach (string problem in tree.Problems)
            {
                Console.Error.WriteLine($"edgesdk databroker: left out {problem}");
            }

            using VssTokenValidator? tokens = parse.GetValue(jwtKey) is { } keyFile ? VssTokenValidator.FromPemFile(keyFile) : null;
            using var broker = new VssDatabroker(tree);
            string? canSource = parse.GetValue(can); // a bad mapping or a missing log fails before the server starts
            using CanVssFeeder? canFeeder = DatabrokerCan.CreateFeeder(broker, canSource, parse.GetValue(dbc), parse.GetValue(mapping), simulated);
            await using var server = new VssGrpcServer(broker, endpoint, tokenValidator: tokens);
            await server.StartAsync(cancellationToken);
            Console.Error.WriteLine($"edgesdk databroker: serving kuksa.val.v2 on {server.LocalEndpoint} ({tree.Signals.Count} signals from {string.Join(" + ", tree.Sources)}{(tokens == null ? "" : "; bearer tokens required")})");

            using GnssVssFeeder? feeder = gnssSource != null || simulated ? new GnssVssFeeder(broker) : null;
            Task canFeeding = canFeeder == null ? Task.CompletedTask
                : canSource != null ? DatabrokerCan.RunAsync(canFeeder, canSource, cancellationToken)
                : DatabrokerCan.SimulateAsync(canFeeder, parse.GetValue(scenario)!, cancellationToken);
            try
            {
                if (gnssSource != null)
                {
                    await using GnssReceiver receiver = GnssReceiver.Open(gnssSource);
                    receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"edgesdk databroker: gnss: {e.Text}");
                    await feeder!.RunAsync(receiver.ReadFixesAsync(cancellationToken), cancellationToken);
                    Console.Error.WriteLine($"edgesdk databroker: the GNSS source ended after {feeder.Fixes} fixes; still serving (Ctrl+C to stop)");
                }
                else if (simulated)
                {
                    Console.Error.WriteLine($"edgesdk databroker: simulated drive '{parse.GetValue(scenario)}' feeds Vehicle.CurrentLocation.* over GNSS, and Vehicle.Speed, gear, doors, lights and climate over CAN");
                    await SimulateAsync(feeder!, parse.GetValue(scenario)!, cancellationToken);
                }

                await canFeeding;
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            VssDatabrokerCounters counters = broker.Counters;
            Console.Error.WriteLine($"edgesdk databroker: {counters.Updates} updates, {counters.Rejected} refused, {counters.Actuations} actuations, " +
                $"{counters.Delivered} delivered to subscribers, {counters.SubscriberDrops} dropped for slow subscribers");
            return ExitCodes.Interrupted; // it serves until Ctrl+C
        });
        return command;
    }

    private static VssTree LoadTree(string[] files, string[] overlays)
    {
        if (files.Length == 0)
        {
            return VssTree.Load(overlays, overDefault: true);
        }

        return VssTree.Load([.. files, .. overlays]);
    }

    // The simulator writes NMEA in real time into a pipe; the GNSS engine reads it like a receiver's port.
    // The drive starts over when the scenario ends, so the broker keeps being fed until Ctrl+C.
    // `edgesdk cockpit` runs the same drive faster (speedup) and also shows each fix (onFix).
    internal static async Task SimulateAsync(GnssVssFeeder feeder, string scenario, CancellationToken cancellationToken, double speedup = 1, GnssFixHub? fixes = null)
    {
        var pipe = new Pipe();
        await using var receiver = new GnssReceiver(new StreamGnssSource("simulated drive", pipe.Reader.AsStream()));
        Task feeding = feeder.RunAsync(Tee(receiver.ReadFixesAsync(cancellationToken), fixes), cancellationToken);
        Stream nmea = pipe.Writer.AsStream();
        try
        {
            for (int lap = 0; !cancellationToken.IsCancellationRequested; lap++)
            {
                await GnssSimulator.RunAsync(new SimulationOptions
                {
                    Scenario = scenario,
                    Seed = lap == 0 ? null : lap, // another lap, other noise
                    RateHz = 10,
                    Receiver = ReceiverModel.Casic,
                    Realtime = true,
                    Speedup = speedup,
                }, nmea, cancellationToken);
            }
        }
        finally
        {
            await pipe.Writer.CompleteAsync();
            try
            {
                await feeding;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private static async IAsyncEnumerable<GnssFix> Tee(IAsyncEnumerable<GnssFix> fixes, GnssFixHub? hub)
    {
        await foreach (GnssFix fix in fixes)
        {
            hub?.Publish(fix);
            yield return fix;
        }
    }
}
