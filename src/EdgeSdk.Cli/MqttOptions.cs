using System.CommandLine;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary>
/// The broker options <c>track</c>, <c>subscribe</c> and <c>fleet ingest</c> share (--mqtt, --username,
/// --password-file, --ca, --cert, --key, --insecure); the parsing, the PEM loading, the password file and the
/// plain-text rule live in <see cref="MqttConnectionOptions"/>. There is no --password: argv is visible to every
/// user through ps and /proc.
/// </summary>
internal sealed record MqttOptions(Option<string> Mqtt, Option<string?> Username, Option<string?> Ca, Option<string?> Cert, Option<string?> Key)
{
    /// <summary>--password-file: the password's first line, in a file only its owner can read.</summary>
    public Option<string?> PasswordFile { get; } = new("--password-file")
    {
        Description = $"File holding the MQTT password on its first line, mode 600 (instead of ${MqttConnectionOptions.PasswordEnvironmentVariable})",
    };

    /// <summary>--insecure: allows plain mqtt:// to a broker that is not on this machine.</summary>
    public Option<bool> Insecure { get; } = new("--insecure")
    {
        Description = "Allow plain mqtt:// to a broker that is not on this machine (fixes and the password cross the network unencrypted)",
    };

    /// <summary>Adds the options to a command.</summary>
    public static MqttOptions AddTo(Command command)
    {
        var options = new MqttOptions(
            new Option<string>("--mqtt") { Description = "Broker: mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS (required for a broker not on this machine)", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" },
            new Option<string?>("--username") { Description = $"MQTT user name (the password is read from ${MqttConnectionOptions.PasswordEnvironmentVariable} or --password-file)" },
            new Option<string?>("--ca") { Description = "PEM file of the CA that signed the broker's certificate (mqtts)" },
            new Option<string?>("--cert") { Description = "PEM file of this client's certificate (mqtts)" },
            new Option<string?>("--key") { Description = "PEM file of the client certificate's private key" });
        command.Options.Add(options.Mqtt);
        command.Options.Add(options.Username);
        command.Options.Add(options.PasswordFile);
        command.Options.Add(options.Ca);
        command.Options.Add(options.Cert);
        command.Options.Add(options.Key);
        command.Options.Add(options.Insecure);
        return options;
    }

    /// <summary>
    /// The connection the user asked for. Plain text to a remote broker is refused here, before anything is opened,
    /// so the one-line error comes first (the library checks again when it connects).
    /// </summary>
    public MqttConnectionOptions Read(ParseResult parseResult)
    {
        string? passwordFile = parseResult.GetValue(PasswordFile);
        MqttConnectionOptions options = MqttConnectionOptions.FromUser(
            parseResult.GetValue(Mqtt)!,
            parseResult.GetValue(Username),
            passwordFile != null ? MqttConnectionOptions.ReadPasswordFile(passwordFile) : Environment.GetEnvironmentVariable(MqttConnectionOptions.PasswordEnvironmentVariable),
            parseResult.GetValue(Ca),
            parseResult.GetValue(Cert),
            parseResult.GetValue(Key)) with { AllowInsecure = parseResult.GetValue(Insecure) };
        options.EnsureTransportAllowed();
        return options;
    }
}
