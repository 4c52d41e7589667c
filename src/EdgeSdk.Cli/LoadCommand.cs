using System.CommandLine;
using EdgeSdk.Fleet;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk load</c>: the fleet load test with faults (<see cref="FleetLoadTest"/>). The consumers are this program's
/// own <c>fleet ingest</c>, started as separate processes. Exit 0 when nothing was lost or duplicated, 1 otherwise.
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var command = new Command("load",
            "Fleet load test: N simulated vehicles publish through MQTT to K `fleet ingest` processes writing PostgreSQL, while the broker is " +
            "restarted twice, one consumer is SIGKILLed and a rogue client floods malformed messages; prints fixes/s, latency, lost/duplicated and RSS.");
        var vehicles = new Option<int>("--vehicles") { Description = "Simulated vehicles (each its own durable queue, sequence numbers and MQTT connection)", Required = true };
        var rate = new Option<double>("--rate") { Description = "Fixes per second per vehicle", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration") { Description = "Seconds the vehicles drive; settling and checking follow", Required = true };
        var mqtt = new Option<string?>("--mqtt") { Description = "A loopback broker to use (mqtt://127.0.0.1:PORT); default: start a private mosquitto, which is the only broker ever restarted" };
        var consumers = new Option<int>("--consumers") { Description = "Consumer processes in one shared-subscription group", DefaultValueFactory = _ => 2 };
        var db = new Option<string?>("--db") { Description = $"Npgsql connection string of the store (default: ${FleetCommand.DatabaseVariable})" };
        var fleet = new Option<string?>("--fleet") { Description = "Fleet name in the store (default: load + the UTC start time)" };
        var rogue = new Option<int>("--rogue") { Description = "Malformed messages in the rogue burst", DefaultValueFactory = _ => 200 };
        var restarts = new Option<int>("--broker-restarts") { Description = "Restarts of the private broker (0-2)", DefaultValueFactory = _ => 2 };
        var noFaults = new Option<bool>("--no-faults") { Description = "Run without the faults (a baseline)" };
        var queueDir = new Option<string?>("--queue-dir") { Description = "Where the vehicles' durable queues live (default: a temporary directory)" };
        foreach (Option option in new Option[] { vehicles, rate, duration, mqtt, consumers, db, fleet, rogue, restarts, noFaults, queueDir })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new FleetLoadOptions
            {
                Vehicles = parseResult.GetValue(vehicles),
                RateHertz = parseResult.GetValue(rate),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                BrokerUri = parseResult.GetValue(mqtt) is { } uri ? MqttConnectionOptions.ParseBrokerUri(uri) : null,
                Consumers = parseResult.GetValue(consumers),
                ConnectionString = FleetCommand.ConnectionString(parseResult.GetValue(db)),
                ConsumerCommand = OwnCommand("fleet", "ingest"),
                Fleet = parseResult.GetValue(fleet),
                RogueMessages = parseResult.GetValue(rogue),
                Faults = !parseResult.GetValue(noFaults),
                BrokerRestarts = parseResult.GetValue(restarts),
                QueueRoot = parseResult.GetValue(queueDir),
            };
            FleetLoadReport report = await FleetLoadTest.RunAsync(options, line => Console.Error.WriteLine(line), cancellationToken);
            Console.Out.WriteLine(report.ToString());
            return report.Passed ? ExitCodes.Ok : ExitCodes.DataProblem;
        });
        return command;
    }

    // This very program: `edgesdk ...` as an apphost, or `dotnet edgesdk.dll ...`.
    private static string[] OwnCommand(params string[] arguments)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        // Under `dotnet`, the first command-line argument is edgesdk.dll (Assembly.Location is empty in a single-file
        // or NativeAOT build, and the AOT gate refuses it).
        string[] program = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, Path.GetFullPath(Environment.GetCommandLineArgs()[0])] : [host];
        return [.. program, .. arguments];
    }
}
