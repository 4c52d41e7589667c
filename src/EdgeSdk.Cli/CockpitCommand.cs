using System.CommandLine;
using System.Net;
using EdgeSdk.Cockpit;
using EdgeSdk.Cockpit.Hmi;
using EdgeSdk.Gnss;
using EdgeSdk.Vehicle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk cockpit</c>: the whole cockpit on one machine, for a prototype team's first look: the simulated vehicle
/// (GNSS and CAN, as <c>edgesdk databroker --simulate</c> runs it), the VSS databroker, the five cockpit services
/// (EdgeSdk.Cockpit, gRPC on --grpc) and the browser HMI (EdgeSdk.Cockpit.Hmi, on --http). Runs until Ctrl+C (exit 130)
/// or for --duration seconds (exit 0).
/// </summary>
internal static class CockpitCommand
{
    public static Command Create()
    {
        var http = new Option<string>("--http") { Description = "Address to serve the browser HMI on (port 0 picks a free one)", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var grpc = new Option<string>("--grpc") { Description = "Address to serve the cockpit services (edgesdk.cockpit.v1 gRPC) on (port 0 picks a free one)", DefaultValueFactory = _ => "127.0.0.1:55555" };
        var kuksa = new Option<string?>("--kuksa") { Description = "Also serve the databroker as kuksa.val.v2 gRPC on this address (KUKSA clients and apps)" };
        var duration = new Option<double>("--duration") { Description = "Stop after this many seconds (0: run until Ctrl+C)", DefaultValueFactory = _ => 0 };
        var speedup = new Option<double>("--speedup") { Description = "Drive the simulated vehicle this many times faster than real time", DefaultValueFactory = _ => 1 };
        var scenario = new Option<string>("--scenario") { Description = "Built-in scenario or scenario JSON file the simulated vehicle drives", DefaultValueFactory = _ => "chongqing-logistics" };
        var rules = new Option<string?>("--rules") { Description = "Alert rule file (JSON, see EdgeSdk.Cockpit's README) instead of the built-in rules" };
        var command = new Command("cockpit", "Run the simulated vehicle, the VSS databroker, the cockpit services and the browser HMI together; prints the HMI's URL.");
        foreach (Option option in new Option[] { http, grpc, kuksa, duration, speedup, scenario, rules })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            IPEndPoint httpEndpoint = Address("--http", parse.GetValue(http)!);
            IPEndPoint grpcEndpoint = Address("--grpc", parse.GetValue(grpc)!);
            IPEndPoint? kuksaEndpoint = parse.GetValue(kuksa) is { } kuksaAddress ? Address("--kuksa", kuksaAddress) : null;
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

            string? rulesFile = parse.GetValue(rules);
            if (rulesFile != null && !File.Exists(rulesFile))
            {
                throw new FileNotFoundException($"--rules '{rulesFile}' not found: give an alert rule file (JSON), or leave --rules out for the built-in rules");
            }

            string drive = parse.GetValue(scenario)!;
            using var broker = new VssDatabroker(VssTree.LoadDefault());
            var fixes = new GnssFixHub();
            using CanVssFeeder canFeeder = DatabrokerCan.CreateFeeder(broker, null, null, null, simulated: true)!;
            using var gnssFeeder = new GnssVssFeeder(broker);
            using var hvac = new VssActuatorForwarder(broker, "simulated car", [DatabrokerCan.SimulatedHvacTemperature]);

            // The cockpit services and the HMI's feeds in one Generic Host, sharing this databroker and GNSS hub.
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "edgesdk cockpit", ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(broker);
            builder.Services.AddSingleton(fixes);
            builder.Services.AddEdgeSdkCockpit(configure: options => options.AlertRulesFile = rulesFile ?? options.AlertRulesFile);
            builder.Services.AddEdgeSdkCockpitHmi();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(grpcEndpoint, listen => listen.Protocols = HttpProtocols.Http2));
            await using WebApplication services = builder.Build();
            services.MapEdgeSdkCockpit();

            // Every address is bound before the vehicle drives: a port in use or a bad rule file fails here, as one line.
            await StartAsync(services, grpcEndpoint, cancellationToken);
            CockpitHmi hmi = services.Services.GetRequiredService<CockpitHmi>();
            await using var hmiServer = new CockpitHmiServer(hmi, httpEndpoint);
            await hmiServer.StartAsync(cancellationToken);
            await using VssGrpcServer? kuksaServer = kuksaEndpoint == null ? null : new VssGrpcServer(broker, kuksaEndpoint);
            if (kuksaServer != null)
            {
                await kuksaServer.StartAsync(cancellationToken);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (seconds > 0)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            CancellationToken running = stop.Token;
            Task[] vehicle =
            [
                DatabrokerCommand.SimulateAsync(gnssFeeder, drive, running, factor, fixes),
                DatabrokerCan.SimulateAsync(canFeeder, drive, running, factor, hvac),
            ];

            string grpcAddress = services.Urls.First().Replace("http://", "", StringComparison.Ordinal).TrimEnd('/');
            Console.WriteLine($"edgesdk cockpit: HMI on {hmiServer.Url}");
            Console.WriteLine($"edgesdk cockpit: up: simulated vehicle '{drive}' (GNSS + CAN, x{factor}), VSS databroker ({broker.Tree.Signals.Count} signals)" +
                (kuksaServer == null ? "" : $", kuksa.val.v2 on {kuksaServer.LocalEndpoint}"));
            foreach (ICockpitService service in services.Services.GetRequiredService<CockpitHostedService>().Services)
            {
                Console.WriteLine($"edgesdk cockpit: up: {service.Name} ({service.GetType().Name}, {service.State}) on gRPC {grpcAddress}");
            }

            Console.WriteLine(seconds > 0 ? $"edgesdk cockpit: running for {seconds} s (Ctrl+C stops)" : "edgesdk cockpit: running (Ctrl+C stops)");
            try
            {
                await Task.WhenAll(vehicle);
            }
            catch (OperationCanceledException) when (running.IsCancellationRequested)
            {
            }

            // The browsers' streams end with the HMI server; then the counters are final.
            await hmiServer.StopAsync();
            await services.StopAsync(CancellationToken.None);
            CockpitHmiHub hub = hmi.Hub;
            Console.WriteLine($"edgesdk cockpit: HMI: {hub.ClientsConnected} browser(s) connected, {hub.ClientsDisconnected} disconnected, {hub.Published} messages, " +
                $"{hub.Dropped} dropped for slow browsers, {hmi.VssDropped} signal updates dropped, {hmi.Actuations} requests, {hmi.Refused} refused");
            VssDatabrokerCounters counters = broker.Counters;
            Console.WriteLine($"edgesdk cockpit: databroker: {counters.Updates} updates, {counters.Actuations} actuations, {counters.SubscriberDrops} dropped for slow subscribers; " +
                $"simulated car: {hvac.Forwarded} HVAC request(s) taken, {hvac.Refused} refused");
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task StartAsync(WebApplication services, IPEndPoint grpcEndpoint, CancellationToken cancellationToken)
    {
        try
        {
            await services.StartAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new IOException($"cannot serve the cockpit services on {grpcEndpoint}: the address is in use (is another cockpit running? choose another --grpc address)", ex);
        }
    }

    private static IPEndPoint Address(string option, string address) =>
        IPEndPoint.TryParse(address, out IPEndPoint? endpoint) && address.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : throw new ArgumentException($"{option} '{address}' is not an address:port such as 127.0.0.1:8080");
}
