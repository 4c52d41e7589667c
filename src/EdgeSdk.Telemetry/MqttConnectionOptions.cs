using System.Security.Cryptography.X509Certificates;

namespace EdgeSdk.Telemetry;

/// <summary>
/// How to reach an MQTT broker: address, TLS, credentials and reconnect pacing. Shared by
/// <see cref="TelemetryPublisher"/> and <see cref="TelemetryConsumer"/>: build one from what a user typed with
/// <see cref="FromUser"/>, then vary it with <c>with</c> (e.g. <c>options with { ClientId = "platform" }</c>).
/// <see cref="ToString"/> never shows secrets.
/// </summary>
public sealed record MqttConnectionOptions
{
    /// <summary>
    /// The environment variable a program should read the MQTT password from (as <c>edgesdk track</c> and
    /// <c>subscribe</c> do): never the command line, where <c>ps</c> shows it to every user.
    /// </summary>
    public const string PasswordEnvironmentVariable = "EDGESDK_MQTT_PASSWORD";

    /// <summary>
    /// Reads a password from the first line of <paramref name="path"/> (a trailing line break is not part of it):
    /// the other way besides <see cref="PasswordEnvironmentVariable"/> to keep it off the command line. On Unix
    /// the file must be readable by its owner only (<c>chmod 600</c>), as ssh and libpq's <c>.pgpass</c> require,
    /// because a password in a file others can read is no secret.
    /// </summary>
    /// <param name="path">The password file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file is readable or writable by group or others, or is empty; the message names the file and the fix.</exception>
    public static string ReadPasswordFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"password file {path} not found", path);
        }

        const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOthers) != 0)
        {
            throw new IOException($"password file {path} can be read by other users: chmod 600 {path}");
        }

        using var reader = new StreamReader(path);
        string? password = reader.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            throw new IOException($"password file {path} is empty: put the password on its first line");
        }

        return password;
    }

    /// <summary>Broker address: <c>mqtt://HOST[:PORT]</c> (default port 1883) or <c>mqtts://HOST[:PORT]</c> for TLS (8883).</summary>
    public Uri BrokerUri { get; init; } = new("mqtt://127.0.0.1:1883");

    /// <summary>MQTT client identifier; null lets the publisher or consumer choose one.</summary>
    public string? ClientId { get; init; }

    /// <summary>User name, or null for none.</summary>
    public string? Username { get; init; }

    /// <summary>Password; never logged, never shown by <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// With TLS: the CA the broker's certificate must chain to (a private CA). Null trusts the system's CAs.
    /// The broker's host name must match its certificate either way.
    /// </summary>
    public X509Certificate2? TrustedCaCertificate { get; init; }

    /// <summary>With TLS: this device's certificate, with its private key, sent when the broker asks.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>How long one connection attempt may take (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a QoS 1 message may wait for the broker's acknowledgement before the connection is taken for dead,
    /// closed and made anew (default 10 s). A silent link (a tunnel, a changed cellular address) is noticed after
    /// this; a link slower than this round trip (a congested cell, a loaded broker) would reconnect for every
    /// message, so it is kept apart from <see cref="ConnectTimeout"/> and set well above the slowest round trip.
    /// </summary>
    public TimeSpan AcknowledgeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT keep-alive; a dead link is noticed after about 1.5 times this (default 15 s).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Wait before the first reconnect attempt; doubles per failure, with jitter (default 0.5 s).</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between reconnect attempts (default 30 s).</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allows plain <c>mqtt://</c> to a broker that is not on this machine. Off by default: fixes, the device's
    /// identity and the password would cross the network readable by anyone on the path, so a remote broker needs
    /// <c>mqtts://</c> unless this says otherwise (the CLI's <c>--insecure</c>). A loopback broker is plain either way.
    /// </summary>
    public bool AllowInsecure { get; init; }

    /// <summary>True for <c>mqtts://</c>.</summary>
    public bool UseTls => BrokerUri.Scheme == "mqtts";

    /// <summary>
    /// True when the broker is on this machine: <c>localhost</c> or a loopback address (127.0.0.0/8, ::1). No
    /// name is resolved, so a host name that happens to resolve to loopback still counts as remote.
    /// </summary>
    public bool IsLoopbackBroker => IsLoopbackHost(BrokerUri);

    /// <summary>Port from the URI, or the scheme's default.</summary>
    public int Port => BrokerUri.IsDefaultPort || BrokerUri.Port <= 0 ? (UseTls ? 8883 : 1883) : BrokerUri.Port;

    /// <summary>Parses a broker address given by a user.</summary>
    /// <exception cref="ArgumentException">Not an <c>mqtt://</c> or <c>mqtts://</c> URI; the message says what is expected.</exception>
    public static Uri ParseBrokerUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "mqtt" && uri.Scheme != "mqtts") || uri.Host.Length == 0)
        {
            throw new ArgumentException($"'{text}' is not a broker address: use mqtt://HOST:PORT (or mqtts://HOST:PORT for TLS)");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException("put the MQTT user name and password in options, not in the broker address");
        }

        return uri;
    }

    /// <summary>
    /// Options from what a user typed: a broker address, credentials, and PEM files (CA certificate,
    /// client certificate and its key). Missing or unreadable files fail with a message naming the file.
    /// </summary>
    /// <param name="brokerUri">mqtt://HOST:PORT or mqtts://HOST:PORT.</param>
    /// <param name="username">User name, or null.</param>
    /// <param name="password">Password, or null (read it from <see cref="PasswordEnvironmentVariable"/>, not from the command line).</param>
    /// <param name="caFile">PEM file of the CA the broker's certificate must chain to, or null for the system's CAs.</param>
    /// <param name="certificateFile">PEM file of this client's certificate, or null.</param>
    /// <param name="keyFile">PEM file of the client certificate's private key (null: in the certificate file).</param>
    /// <exception cref="ArgumentException">A bad broker address.</exception>
    /// <exception cref="IOException">A file is missing or is not PEM.</exception>
    public static MqttConnectionOptions FromUser(string brokerUri, string? username = null, string? password = null,
        string? caFile = null, string? certificateFile = null, string? keyFile = null)
    {
        Uri uri = ParseBrokerUri(brokerUri);
        if ((caFile != null || certificateFile != null) && uri.Scheme != "mqtts")
        {
            throw new ArgumentException($"certificates need TLS: use mqtts://{uri.Host}:{(uri.IsDefaultPort ? 8883 : uri.Port)}");
        }

        return new MqttConnectionOptions
        {
            BrokerUri = uri,
            Username = username,
            Password = password,
            TrustedCaCertificate = caFile == null ? null : LoadPem(caFile, () => X509CertificateLoader.LoadCertificateFromFile(caFile)),
            ClientCertificate = certificateFile == null ? null : LoadPem(certificateFile, () => X509Certificate2.CreateFromPemFile(certificateFile, keyFile)),
        };
    }

    /// <summary>
    /// Throws unless the connection may be made: TLS, a loopback broker, or <see cref="AllowInsecure"/>. Publishers
    /// and consumers call it before they connect, so no byte goes out in clear by accident.
    /// </summary>
    /// <exception cref="ArgumentException">Plain MQTT to a remote broker; the message names the broker and both fixes.</exception>
    public void EnsureTransportAllowed()
    {
        if (!UseTls && !IsLoopbackBroker && !AllowInsecure)
        {
            throw new ArgumentException(
                $"the broker {BrokerUri.Scheme}://{BrokerUri.Host}:{Port} is not on this machine and mqtt:// is not encrypted: " +
                $"use mqtts://{BrokerUri.Host}:8883, or --insecure (AllowInsecure) to send in plain text on purpose");
        }
    }

    // "localhost" by name (RFC 6761 reserves it), otherwise only a literal loopback address: resolving a name
    // here would trust whatever DNS answers.
    private static bool IsLoopbackHost(Uri uri)
    {
        string host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out System.Net.IPAddress? address) && System.Net.IPAddress.IsLoopback(address));
    }

    private static X509Certificate2 LoadPem(string file, Func<X509Certificate2> load)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"certificate file {file} not found", file);
        }

        try
        {
            return load();
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new IOException($"cannot read the certificate or key in {file}: {ex.Message}", ex);
        }
    }

    /// <summary>The broker address and which security is on; never the password.</summary>
    public override string ToString() =>
        $"{BrokerUri.Scheme}://{BrokerUri.Host}:{Port}" +
        (Username != null ? $" as '{Username}'" : string.Empty) +
        (ClientCertificate != null ? " with a client certificate" : string.Empty) +
        (TrustedCaCertificate != null ? " trusting a private CA" : string.Empty) +
        (AllowInsecure && !UseTls && !IsLoopbackBroker ? " (insecure: plain text)" : string.Empty);
}
