using System.CommandLine;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary>
/// The broker options <c>track</c> and <c>subscribe</c> share (--mqtt, --username, --ca, --cert, --key); the
/// parsing, the PEM loading and the password's environment variable live in <see cref="MqttConnectionOptions"/>.
/// </summary>
internal sealed record MqttOptions(Option<string> Mqtt, Option<string?> Username, Option<string?> Ca, Option<string?> Cert, Option<string?> Key)
{
    /// <summary>Adds the options to a command.</summary>
    public static MqttOptions AddTo(Command command)
    {
        var options = new MqttOptions(
            new Option<string>("--mqtt") { Description = "Broker: mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" },
            new Option<string?>("--username") { Description = $"MQTT user name (the password is read from ${MqttConnectionOptions.PasswordEnvironmentVariable})" },
            new Option<string?>("--ca") { Description = "PEM file of the CA that signed the broker's certificate (mqtts)" },
            new Option<string?>("--cert") { Description = "PEM file of this client's certificate (mqtts)" },
            new Option<string?>("--key") { Description = "PEM file of the client certificate's private key" });
        command.Options.Add(options.Mqtt);
        command.Options.Add(options.Username);
        command.Options.Add(options.Ca);
        command.Options.Add(options.Cert);
        command.Options.Add(options.Key);
        return options;
    }

    /// <summary>The connection the user asked for.</summary>
    public MqttConnectionOptions Read(ParseResult parseResult) => MqttConnectionOptions.FromUser(
        parseResult.GetValue(Mqtt)!,
        parseResult.GetValue(Username),
        Environment.GetEnvironmentVariable(MqttConnectionOptions.PasswordEnvironmentVariable),
        parseResult.GetValue(Ca),
        parseResult.GetValue(Cert),
        parseResult.GetValue(Key));
}
