using System.CommandLine;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk broker [--port 1883]</c>: an MQTT broker in this process, on loopback only.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 1883 };
        var command = new Command("broker", "Run an MQTT broker (MQTTnet) on 127.0.0.1 until Ctrl+C: no setup needed for track/subscribe/demo.");
        command.Options.Add(port);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var broker = new EmbeddedBroker(parseResult.GetValue(port));
            await broker.StartAsync();
            Console.WriteLine($"edgesdk broker: listening on mqtt://127.0.0.1:{broker.Port} (loopback only); Ctrl+C stops it");
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
}
