using System.CommandLine;
using System.Net;
using EdgeSdk.Cockpit.Hmi;
using EdgeSdk.Gnss;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk cockpit</c>: the whole cockpit on one machine, for a prototype team's first look: the simulated vehicle
/// (GNSS and CAN, as <c>edgesdk databroker --simulate</c> runs it), the VSS databroker (kuksa.val.v2 on --grpc), and the
/// browser HMI (on --http). Runs until Ctrl+C (exit 130) or for --duration seconds (exit 0).
/// </summary>
internal static class CockpitCommand
{
    public static Command Create()
    {
        var http = new Option<string>("--http") { Description = "Address to serve the browser HMI on (port 0 picks a free one)", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var grpc = new Option<string>("--grpc") { Description = "Address to serve gRPC on: kuksa.val.v2 (port 0 picks a free one)", DefaultValueFactory = _ => "127.0.0.1:55555" };
        var duration = new Option<double>("--duration") { Description = "Stop after this many seconds (0: run until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var speedup = new Option<double>("--speedup") { Description = "Drive the simulated vehicle this many times faster than real time", DefaultValueFactory = _ => 1 };
        var scenario = new Option<string>("--scenario") { Description = "Built-in scenario or scenario JSON file the simulated vehicle drives", DefaultValueFactory = _ => "chongqing-logistics" };
        var command = new Command("cockpit", "Run the simulated vehicle, the VSS databroker and the browser HMI together; prints the HMI's URL.");
        foreach (Option option in new Option[] { http, grpc, duration, speedup, scenario })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            IPEndPoint httpEndpoint = Address("--http", parse.GetValue(http)!);
            IPEndPoint grpcEndpoint = Address("--grpc", parse.GetValue(grpc)!);
            double seconds = parse.GetValue(duration);
            double factor = parse.GetValue(speedup);
            if (!(seconds >= 0) || double.IsInfinity(seconds))
            {
                throw new ArgumentException($"--duration {seconds} is not a number of seconds: give 0 (until Ctrl+C) or more");
            }

            if (!(factor > 0 && factor <= 1000))
            {
                throw new ArgumentException($"--speedup {factor} is out of range: give more than 0 and at most 1000");
            }

            string drive = parse.GetValue(scenario)!;
            using var broker = new VssDatabroker(VssTree.LoadDefault());
            using CanVssFeeder canFeeder = DatabrokerCan.CreateFeeder(broker, null, null, null, simulated: true)!;
            using VssProvider carActuators = broker.CreateProvider("simulated car");
            using var gnssFeeder = new GnssVssFeeder(broker);
            var fixes = new GnssFixHub();
            var hmi = new CockpitHmi(broker);

            // Both addresses are bound before anything runs: a port in use fails here, as one line.
            await using var grpcServer = new VssGrpcServer(broker, grpcEndpoint);
            await grpcServer.StartAsync(cancellationToken);
            await using var hmiServer = new CockpitHmiServer(hmi, httpEndpoint);
            await hmiServer.StartAsync(cancellationToken);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (seconds > 0)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            CancellationToken running = stop.Token;
            Task[] parts =
            [
                hmi.RunVssFeedAsync(running),
                hmi.RunGnssFeedAsync(fixes.SubscribeAsync(256, running), running),
                DatabrokerCommand.SimulateAsync(gnssFeeder, drive, running, factor, fixes),
                DatabrokerCan.SimulateAsync(canFeeder, drive, running, factor, carActuators),
            ];

            Console.WriteLine($"edgesdk cockpit: HMI on {hmiServer.Url}");
            Console.WriteLine($"edgesdk cockpit: up: simulated vehicle '{drive}' (GNSS + CAN, x{factor}), VSS databroker ({broker.Tree.Signals.Count} signals), " +
                $"kuksa.val.v2 gRPC on {grpcServer.LocalEndpoint}, HMI on {hmiServer.Url}");
            Console.WriteLine(seconds > 0 ? $"edgesdk cockpit: running for {seconds} s (Ctrl+C stops)" : "edgesdk cockpit: running (Ctrl+C stops)");
            try
            {
                await Task.WhenAll(parts);
            }
            catch (OperationCanceledException) when (running.IsCancellationRequested)
            {
            }

            // The stream of each browser ends with the server; then the counters are final.
            await hmiServer.StopAsync();
            CockpitHmiHub hub = hmi.Hub;
            Console.WriteLine($"edgesdk cockpit: HMI: {hub.ClientsConnected} browser(s) connected, {hub.ClientsDisconnected} disconnected, {hub.Published} messages, " +
                $"{hub.Dropped} dropped for slow browsers, {hmi.VssDropped} signal updates dropped, {hmi.Actuations} requests, {hmi.Refused} refused");
            VssDatabrokerCounters counters = broker.Counters;
            Console.WriteLine($"edgesdk cockpit: databroker: {counters.Updates} updates, {counters.Actuations} actuations, {counters.SubscriberDrops} dropped for slow subscribers");
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }

    private static IPEndPoint Address(string option, string address) =>
        IPEndPoint.TryParse(address, out IPEndPoint? endpoint) && address.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : throw new ArgumentException($"{option} '{address}' is not an address:port such as 127.0.0.1:8080");
}
