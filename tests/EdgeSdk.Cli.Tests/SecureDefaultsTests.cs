using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Cli.Tests;

/// <summary>
/// Issue 16, item 5 through the CLI (docs/security.md): every listener defaults to loopback, plain MQTT to a
/// remote broker is one line and exit 2, no password reaches stdout or stderr, queue folders are 0700.
/// </summary>
[UnsupportedOSPlatform("windows")] // /proc/net and Unix file modes
public sealed class SecureDefaultsTests : IDisposable
{
    private const string MqttPassword = "hunter2-mqtt-Zq7";
    private const string DatabasePassword = "hunter2-db-Xw9";
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-security-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_address_a_command_listens_on_or_connects_to_by_default_is_loopback()
    {
        var endpoints = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var clients = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(CommandTree.Build(), string.Empty, endpoints, clients);

        // Every HOST:PORT default, listeners and clients alike (vss --server connects), is loopback...
        Assert.All(endpoints, pair => Assert.True(IPAddress.IsLoopback(IPEndPoint.Parse(pair.Value).Address), $"{pair.Key} {pair.Value}"));

        // ...and among them is each server the CLI can start (the embedded broker has no address option: it
        // always binds 127.0.0.1, checked against the kernel below).
        foreach ((string option, string address) in new[]
        {
            ("cockpit --grpc", "127.0.0.1:55555"), ("cockpit --http", "127.0.0.1:8080"), ("databroker --grpc", "127.0.0.1:55555"),
            ("jt808 platform --listen", "127.0.0.1:6808"), ("serve --gpsd", "127.0.0.1:2947"),
        })
        {
            Assert.Equal(address, endpoints.GetValueOrDefault(option));
        }

        Assert.Contains("track --mqtt", clients.Keys);
        Assert.Contains("subscribe --mqtt", clients.Keys);
        Assert.Contains("fleet ingest --mqtt", clients.Keys);
        Assert.All(clients, pair => Assert.True(new MqttConnectionOptions { BrokerUri = new Uri(pair.Value) }.IsLoopbackBroker, $"{pair.Key} {pair.Value}"));
    }

    [Fact]
    public async Task The_embedded_broker_and_a_udp_source_without_an_address_listen_on_127_0_0_1_only()
    {
        await using var broker = new EmbeddedBroker(port: 0);
        await broker.StartAsync();
        Assert.Equal(["127.0.0.1"], ProcNet.Listening("tcp", broker.Port));
        Assert.Empty(ProcNet.Listening("tcp6", broker.Port));

        await using var udp = (UdpGnssSource)GnssSource.Parse($"udp://:{FreeUdpPort()}");
        await udp.OpenAsync();
        Assert.Equal(IPAddress.Loopback, udp.LocalEndpoint!.Address);
        Assert.Equal(["127.0.0.1"], ProcNet.Listening("udp", udp.LocalEndpoint.Port));
    }

    [Theory]
    [InlineData("subscribe --mqtt mqtt://192.0.2.10:1883")]
    [InlineData("track - --device truck-1 --mqtt mqtt://192.0.2.10")]
    [InlineData("fleet ingest --db Host=127.0.0.1 --mqtt mqtt://192.0.2.10:1883")]
    public async Task Plain_MQTT_to_a_remote_broker_is_one_line_naming_the_fix_and_exit_2(string arguments)
    {
        // TEST-NET-1 (RFC 5737): the refusal comes before any connection, so nothing leaves the machine.
        var result = await EdgeSdkProcess.RunAsync(arguments, stdin: string.Empty);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("edgesdk: the broker mqtt://192.0.2.10:1883 is not on this machine and mqtt:// is not encrypted: " +
            "use mqtts://192.0.2.10:8883, or --insecure (AllowInsecure) to send in plain text on purpose", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task A_refused_connection_never_prints_the_MQTT_password_from_the_environment_or_a_file()
    {
        int closed = BrokerCommandTests.FreePort();
        var environment = new Dictionary<string, string?> { [MqttConnectionOptions.PasswordEnvironmentVariable] = MqttPassword };
        var fromEnvironment = await EdgeSdkProcess.RunAsync($"subscribe --mqtt mqtt://127.0.0.1:{closed} --username truck-1", environment: environment);
        Assert.Equal(ExitCodes.Usage, fromEnvironment.ExitCode);
        Assert.StartsWith($"edgesdk: cannot connect to the MQTT broker at mqtt://127.0.0.1:{closed} as 'truck-1':", fromEnvironment.StdErr, StringComparison.Ordinal);
        AssertNoSecret(fromEnvironment, MqttPassword);

        string passwordFile = Path.Combine(_dir, "mqtt-password");
        File.WriteAllText(passwordFile, MqttPassword + "\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var fromFile = await EdgeSdkProcess.RunAsync($"subscribe --mqtt mqtt://127.0.0.1:{closed} --username truck-1 --password-file {passwordFile}");
        Assert.Equal(ExitCodes.Usage, fromFile.ExitCode);
        AssertNoSecret(fromFile, MqttPassword);

        // A file others can read is refused, naming the fix; its content is not shown.
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var shared = await EdgeSdkProcess.RunAsync($"subscribe --mqtt mqtt://127.0.0.1:{closed} --password-file {passwordFile}");
        Assert.Equal(ExitCodes.Usage, shared.ExitCode);
        Assert.Equal($"edgesdk: password file {passwordFile} can be read by other users: chmod 600 {passwordFile}", shared.StdErr.Trim());
        AssertNoSecret(shared, MqttPassword);
    }

    [Fact]
    public async Task Track_status_lines_while_the_broker_is_down_never_print_the_password_and_the_queue_folder_is_0700()
    {
        string queue = Path.Combine(_dir, "state", "queue", "truck-1");
        var environment = new Dictionary<string, string?> { [MqttConnectionOptions.PasswordEnvironmentVariable] = MqttPassword };
        var result = await EdgeSdkProcess.RunAsync(
            $"track {Recording()} --device truck-1 --username truck-1 --mqtt mqtt://127.0.0.1:{BrokerCommandTests.FreePort()} --queue {queue} --drain-seconds 1",
            environment: environment);
        Assert.Equal(ExitCodes.DeliveredLater, result.ExitCode);
        Assert.Contains("10 fixes, 0 acknowledged, 10 queued", result.StdOut);
        Assert.Contains("as 'truck-1'", result.StdErr); // the broker and user are named in the status lines...
        AssertNoSecret(result, MqttPassword);          // ...the password never is

        Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(queue));
        Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(Path.GetDirectoryName(queue)!));
        Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(Path.Combine(_dir, "state")));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=PORT;Database=fleet;Username=fleet;Password=" + DatabasePassword, true)]
    [InlineData("Host=127.0.0.1;Port=PORT;Username=fleet;Password=" + DatabasePassword + ";Timeout=notanumber", true)]
    [InlineData("Host=127.0.0.1;Port=PORT;Username=fleet;Pasword=" + DatabasePassword, false)]
    public async Task A_database_that_cannot_be_used_is_one_line_without_the_password(string connectionString, bool warned)
    {
        string db = connectionString.Replace("PORT", BrokerCommandTests.FreePort().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var result = await EdgeSdkProcess.RunAsync($"fleet last --db {db}");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        AssertNoSecret(result, DatabasePassword);
        string[] lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(warned ? 2 : 1, lines.Length);
        Assert.Equal(warned, lines[0] == "edgesdk: warning: the database password in --db is visible to every user (ps, /proc); put it in PGPASSWORD or ~/.pgpass (mode 600) instead");
        Assert.StartsWith("edgesdk: the database", lines[^1], StringComparison.Ordinal);

        // From the environment: no warning (only the owner and root can read /proc/PID/environ), same error, no password.
        var fromEnvironment = await EdgeSdkProcess.RunAsync("fleet last", environment: new Dictionary<string, string?> { ["EDGESDK_FLEET_DB"] = db });
        Assert.Equal(ExitCodes.Usage, fromEnvironment.ExitCode);
        Assert.Equal(lines[^1], fromEnvironment.StdErr.Trim());
        AssertNoSecret(fromEnvironment, DatabasePassword);
    }

    [Theory]
    [InlineData("fleet last --fleet # --db Host=127.0.0.1;Port=1", "edgesdk: fleet '#' is not allowed: use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'")]
    [InlineData("fleet distance --fleet ../x --db Host=127.0.0.1;Port=1", "edgesdk: fleet '../x' is not allowed: use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'")]
    [InlineData("fleet track truck/1 --from 2026-01-01 --to 2026-01-02 --db Host=127.0.0.1;Port=1", "edgesdk: device 'truck/1' is not allowed: use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'")]
    public async Task Fleet_queries_check_names_with_the_same_rule_before_connecting(string arguments, string expected)
    {
        var result = await EdgeSdkProcess.RunAsync(arguments);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal(expected, result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }

    private static void AssertNoSecret(EdgeSdkProcess.Result result, string secret)
    {
        Assert.DoesNotContain(secret, result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.StdErr, StringComparison.Ordinal);
    }

    private static void Walk(Command command, string path, IDictionary<string, string> endpoints, IDictionary<string, string> clients)
    {
        foreach (Option option in command.Options)
        {
            if (option.HasDefaultValue && option.GetDefaultValue() is string value)
            {
                string key = $"{path} {option.Name}".Trim();
                if (value.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && uri.Scheme.StartsWith("mqtt", StringComparison.Ordinal))
                {
                    clients[key] = value;
                }
                else if (value.Contains(':', StringComparison.Ordinal) && IPEndPoint.TryParse(value, out _))
                {
                    endpoints[key] = value;
                }
            }
        }

        foreach (Command sub in command.Subcommands)
        {
            Walk(sub, $"{path} {sub.Name}".Trim(), endpoints, clients);
        }
    }

    private string Recording()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            string body = $"GNRMC,0800{i:00}.00,A,3954.5220,N,11623.{8500 + (i * 62):0000},E,10.0,90.0,261126,,,A";
            text.Append('$').Append(body).Append('*').Append(body.Aggregate(0, (sum, c) => sum ^ c).ToString("X2", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        string path = Path.Combine(_dir, "drive.nmea");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static int FreeUdpPort()
    {
        using var probe = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    /// <summary>The kernel's own list of sockets: what a port is bound to, independent of what the code says.</summary>
    private static class ProcNet
    {
        // /proc/net/{tcp,tcp6,udp}: "sl local_address rem_address st ...", addresses as hex IP:PORT (IPv4 little-endian);
        // st 0A is LISTEN for TCP, 07 is an unconnected (bound) UDP socket.
        public static string[] Listening(string table, int port) => File.ReadAllLines($"/proc/net/{table}").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == (table.StartsWith("tcp", StringComparison.Ordinal) ? "0A" : "07")
                && int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            .Select(f => Address(f[1].Split(':')[0]))
            .ToArray();

        private static string Address(string hex)
        {
            byte[] bytes = Convert.FromHexString(hex);
            if (bytes.Length == 4)
            {
                Array.Reverse(bytes);
            }

            return new IPAddress(bytes).ToString(); // IPv6 is four little-endian words: only compared for emptiness here
        }
    }
}
