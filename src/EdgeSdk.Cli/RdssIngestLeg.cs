using System.CommandLine;
using System.Globalization;
using EdgeSdk.Fleet;
using EdgeSdk.Rdss;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk fleet ingest ... --rdss PORT --rdss-device CARD=DEVICE</c>: the command centre's BeiDou card beside
/// the MQTT subscription. Its identified position reports go through an <see cref="RdssReportForwarder"/> into the
/// <see cref="FleetIngestor"/> (path <c>satellite</c>); their MQTT copies upgrade those rows later.
/// </summary>
internal sealed class RdssIngestLeg : IAsyncDisposable
{
    private readonly RdssTerminal _terminal;
    private readonly RdssReportForwarder _forwarder;
    private readonly CancellationTokenSource _stop = new();

    private RdssIngestLeg(RdssTerminal terminal, RdssReportForwarder forwarder)
    {
        _terminal = terminal;
        _forwarder = forwarder;
        Forwarding = forwarder.RunAsync(terminal.Messages, _stop.Token);
    }

    public sealed record Options(Option<string?> Port, Option<string[]> Devices, Option<int> Baud);

    /// <summary>Ends when the terminal goes away (faulted, with the reason) or the leg is disposed.</summary>
    public Task Forwarding { get; }

    public static Options Add(Command command)
    {
        var options = new Options(
            new Option<string?>("--rdss") { Description = "The command centre's BeiDou RDSS terminal: the trucks' satellite position reports go into the store too" },
            new Option<string[]>("--rdss-device")
            {
                Description = "With --rdss: CARD=DEVICE, a truck card's user ID and its telemetry device ID (repeat for each truck)",
                AllowMultipleArgumentsPerToken = true,
            },
            new Option<int>("--rdss-baud") { Description = "With --rdss: baud rate of the terminal's port", DefaultValueFactory = _ => 115200 });
        command.Options.Add(options.Port);
        command.Options.Add(options.Devices);
        command.Options.Add(options.Baud);
        return options;
    }

    /// <summary>Checks the options before anything connects; returns the card-to-device map (null without --rdss).</summary>
    /// <exception cref="ArgumentException">A missing or bad option: one line naming it and the fix.</exception>
    public static Dictionary<int, string>? ReadDevices(ParseResult parse, Options options, string fleet)
    {
        if (parse.GetValue(options.Port) == null)
        {
            return null;
        }

        if (fleet == "+")
        {
            throw new ArgumentException("--rdss needs one fleet: give --fleet NAME (the fleet the --rdss-device trucks belong to)");
        }

        string[] given = parse.GetValue(options.Devices) ?? [];
        if (given.Length == 0)
        {
            throw new ArgumentException("--rdss needs --rdss-device CARD=DEVICE for each truck, e.g. --rdss-device 179773=truck-042");
        }

        var devices = new Dictionary<int, string>();
        foreach (string pair in given)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1 || !int.TryParse(pair.AsSpan(0, equals), NumberStyles.None, CultureInfo.InvariantCulture, out int card) || card is < 1 or > 9_999_999)
            {
                throw new ArgumentException($"--rdss-device '{pair}' is not CARD=DEVICE with a user ID from 1 to 9999999, e.g. 179773=truck-042");
            }

            string device = pair[(equals + 1)..];
            TelemetryNames.Validate(device, "device");
            if (!devices.TryAdd(card, device))
            {
                throw new ArgumentException($"--rdss-device: card {card} is given twice");
            }
        }

        return devices;
    }

    /// <summary>Opens the terminal and starts forwarding into <paramref name="ingestor"/>.</summary>
    /// <exception cref="ArgumentException">The terminal cannot be opened or read: one line naming it and the fix.</exception>
    public static async Task<RdssIngestLeg> StartAsync(ParseResult parse, Options options, IReadOnlyDictionary<int, string> devices, string fleet,
        FleetIngestor ingestor, CancellationToken cancellationToken)
    {
        string port = parse.GetValue(options.Port)!;
        (RdssTerminal terminal, RdssCardInfo card) = await RdssPort.OpenAsync(port, parse.GetValue(options.Baud), cancellationToken);
        Console.Error.WriteLine($"edgesdk fleet ingest: satellite reports from {port} (card {card.UserId}) for {devices.Count} truck(s) of fleet {fleet}");
        return new RdssIngestLeg(terminal, new RdssReportForwarder(ingestor, fleet, devices));
    }

    /// <summary>The forwarder's counts, for the status and summary lines.</summary>
    public string Counts() =>
        $"{_forwarder.Reports} satellite reports, {_forwarder.UnknownSender} from unknown cards, {_forwarder.NotReports + _forwarder.Unidentified} not usable";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Forwarding.ContinueWith(_ => { }, TaskScheduler.Default);
        await _terminal.DisposeAsync();
        _stop.Dispose();
    }
}
