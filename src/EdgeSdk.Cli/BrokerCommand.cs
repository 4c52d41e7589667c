using System.CommandLine;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk broker [--port 1883]</c>: an MQTT broker in this process, on loopback only.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 1883 };
        var command = new Command("broker", "Run an MQTT broker (MQTTnet) on 127.0.0.1 until Ctrl+C: no setup needed for track/subscribe/demo.");
        var state = new Option<string?>("--state")
        {
            Description = "Directory keeping persistent sessions across restarts (default: ~/.local/state/edgesdk/broker/PORT; 'none' keeps them in memory only)",
        };
        command.Options.Add(port);
        command.Options.Add(state);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            int portNumber = parseResult.GetValue(port);
            string? stateDirectory = parseResult.GetValue(state) switch
            {
                "none" => null,
                null when portNumber != 0 => DefaultStateDirectory(portNumber),
                string given => given,
                null => null, // a random port has no identity to come back to
            };
            await using var broker = new EmbeddedBroker(portNumber, stateDirectory: stateDirectory);
            await broker.StartAsync(cancellationToken);
            Console.WriteLine($"edgesdk broker: listening on mqtt://127.0.0.1:{broker.Port} (loopback only); Ctrl+C stops it");
            if (broker.SessionsRestored > 0)
            {
                Console.WriteLine($"edgesdk broker: {broker.SessionsRestored} persistent sessions restored from {stateDirectory}");
            }
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine($"edgesdk broker: stopped after {broker.MessagesReceived} messages from {broker.ConnectionsAccepted} connections");
            }

            return ExitCodes.Interrupted; // the only way a broker ends
        });
        return command;
    }

    private static string DefaultStateDirectory(int port)
    {
        string? root = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(root, "edgesdk", "broker", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
