using System.CommandLine;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk subscribe --mqtt URI [--fleet F] [--device ID]</c>: decoded fixes as JSON lines.</summary>
internal static class SubscribeCommand
{
    /// <summary>The environment variable holding the MQTT password: never on the command line, where <c>ps</c> shows it.</summary>
    public const string PasswordVariable = "EDGESDK_MQTT_PASSWORD";

    public static Command Create()
    {
        var fleet = new Option<string>("--fleet") { Description = "Fleet to follow (+ for all)", DefaultValueFactory = _ => "+" };
        var device = new Option<string>("--device") { Description = "Device to follow (+ for all)", DefaultValueFactory = _ => "+" };
        var group = new Option<string?>("--group") { Description = "MQTT 5 shared-subscription group: consumers in one group split the fleet" };
        var count = new Option<int>("--count") { Description = "Exit after this many fixes (0: run until Ctrl+C)" };
        var clientId = new Option<string?>("--client-id")
        {
            Description = "Fixed MQTT client ID: a persistent session, so the broker keeps what arrives while this subscriber is away (default: a new ID, nothing kept)",
        };
        var command = new Command("subscribe", "Print each fix received over MQTT as one JSON line with its device and sequence number (duplicates dropped).");
        Connection connection = AddConnectionOptions(command);
        command.Options.Add(fleet);
        command.Options.Add(device);
        command.Options.Add(group);
        command.Options.Add(count);
        command.Options.Add(clientId);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            MqttConnectionOptions user = connection.Read(parseResult);
            await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
            {
                Connection = new MqttConnectionOptions
                {
                    BrokerUri = user.BrokerUri, Username = user.Username, Password = user.Password,
                    TrustedCaCertificate = user.TrustedCaCertificate, ClientCertificate = user.ClientCertificate,
                    ClientId = string.IsNullOrEmpty(parseResult.GetValue(clientId)) ? null : parseResult.GetValue(clientId),
                },
                Fleet = parseResult.GetValue(fleet)!,
                Device = parseResult.GetValue(device)!,
                SharedSubscriptionGroup = parseResult.GetValue(group),
            });
            await consumer.StartAsync(cancellationToken);
            int limit = parseResult.GetValue(count), printed = 0;
            var devices = new HashSet<(string Fleet, string Device)>();
            try
            {
                await foreach (ReceivedFix fix in consumer.Fixes.ReadAllAsync(cancellationToken))
                {
                    Console.Out.WriteLine(TelemetryJson.Format(fix));
                    devices.Add((fix.Fleet, fix.DeviceId));
                    if (++printed == limit)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the summary below is the goodbye.
            }

            // The summary counts what was printed: a batch of ten that arrives for --count 3 prints three.
            TelemetryConsumerStatus status = consumer.Status;
            long unprinted = status.Fixes - printed;
            Console.Error.WriteLine($"edgesdk subscribe: {printed} fixes from {devices.Count} devices, {status.Duplicates} duplicates dropped, " +
                $"{status.Gaps} missing, {status.Malformed} malformed and {status.Oversized} oversized messages skipped" +
                (unprinted > 0 ? $"; {unprinted} more received after --count {limit} and not printed" : string.Empty));
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Adds --mqtt, --username, --ca, --cert, --key to a command (shared with <c>track</c>).</summary>
    public static Connection AddConnectionOptions(Command command)
    {
        var connection = new Connection(
            new Option<string>("--mqtt") { Description = "Broker: mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" },
            new Option<string?>("--username") { Description = $"MQTT user name (the password is read from ${PasswordVariable})" },
            new Option<string?>("--ca") { Description = "PEM file of the CA that signed the broker's certificate (mqtts)" },
            new Option<string?>("--cert") { Description = "PEM file of this client's certificate (mqtts)" },
            new Option<string?>("--key") { Description = "PEM file of the client certificate's private key" });
        command.Options.Add(connection.Mqtt);
        command.Options.Add(connection.Username);
        command.Options.Add(connection.Ca);
        command.Options.Add(connection.Cert);
        command.Options.Add(connection.Key);
        return connection;
    }

    /// <summary>The connection options of one command.</summary>
    internal sealed record Connection(Option<string> Mqtt, Option<string?> Username, Option<string?> Ca, Option<string?> Cert, Option<string?> Key)
    {
        public MqttConnectionOptions Read(ParseResult parseResult) => MqttConnectionOptions.FromUser(
            parseResult.GetValue(Mqtt)!,
            parseResult.GetValue(Username),
            Environment.GetEnvironmentVariable(PasswordVariable),
            parseResult.GetValue(Ca),
            parseResult.GetValue(Cert),
            parseResult.GetValue(Key));
    }
}
