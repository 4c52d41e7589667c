using System.CommandLine;
using EdgeSdk.Rdss;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk track SOURCE --mqtt URI --device ID --rdss PORT --rdss-centre ID</c>: the MQTT path with the BeiDou
/// satellite fallback beside it (<see cref="RdssFallbackReporter"/>): when the broker has been unreachable for
/// <c>--rdss-after</c> seconds, the newest unsent fixes go to the command centre's card as identified compact reports
/// at the card's service interval; every fix still goes over MQTT when the broker is back.
/// </summary>
internal sealed class RdssTrackLeg : IAsyncDisposable
{
    private readonly RdssTerminal _terminal;
    private readonly RdssFallbackReporter _reporter;

    private RdssTrackLeg(RdssTerminal terminal, RdssFallbackReporter reporter)
    {
        _terminal = terminal;
        _reporter = reporter;
    }

    public sealed record Options(Option<string?> Port, Option<int?> Centre, Option<double> After, Option<double> Every, Option<int> Baud);

    public static Options Add(Command command)
    {
        var options = new Options(
            new Option<string?>("--rdss") { Description = "A BeiDou RDSS terminal's serial port: during a long MQTT outage, positions also go by satellite" },
            new Option<int?>("--rdss-centre") { Description = "With --rdss: the command centre card's user ID (the reports' destination)" },
            new Option<double>("--rdss-after") { Description = "With --rdss: seconds the broker must be unreachable before reports go by satellite", DefaultValueFactory = _ => 300 },
            new Option<double>("--rdss-every") { Description = "With --rdss: minutes between the fixes sent (0: the newest fixes, as many as fit)", DefaultValueFactory = _ => 0 },
            new Option<int>("--rdss-baud") { Description = "With --rdss: baud rate of the terminal's port", DefaultValueFactory = _ => 115200 });
        command.Options.Add(options.Port);
        command.Options.Add(options.Centre);
        command.Options.Add(options.After);
        command.Options.Add(options.Every);
        command.Options.Add(options.Baud);
        return options;
    }

    /// <summary>Opens the terminal and starts the reporter when <c>--rdss</c> is given (null when not).</summary>
    /// <exception cref="ArgumentException">A missing or bad option, or a terminal that cannot be opened or read: one line naming it and the fix.</exception>
    public static async Task<RdssTrackLeg?> StartAsync(ParseResult parse, Options options, TelemetryPublisher publisher, CancellationToken cancellationToken)
    {
        string? port = parse.GetValue(options.Port);
        if (port == null)
        {
            return null;
        }

        int centre = parse.GetValue(options.Centre)
            ?? throw new ArgumentException("--rdss needs --rdss-centre: the command centre card's user ID, e.g. --rdss-centre 4207733");
        double after = parse.GetValue(options.After), every = parse.GetValue(options.Every);
        if (centre is < 1 or > 9_999_999 || after < 0 || every < 0)
        {
            throw new ArgumentException($"--rdss-centre {centre} must be a user ID (1 to 9999999), --rdss-after and --rdss-every not negative");
        }

        (RdssTerminal terminal, RdssCardInfo card) = await RdssPort.OpenAsync(port, parse.GetValue(options.Baud), cancellationToken);
        var reporter = new RdssFallbackReporter(publisher, terminal, centre, new RdssFallbackOptions
        {
            OutageThreshold = TimeSpan.FromSeconds(after),
            MinimumFixSpacing = TimeSpan.FromMinutes(every),
        });
        Console.Error.WriteLine($"edgesdk track: satellite fallback on {port} (card {card.UserId}, one message per {card.ServiceInterval.TotalSeconds:0} s, " +
            $"{card.MaxMessageBits} bits) to card {centre} after {after:0.#} s without the broker");
        return new RdssTrackLeg(terminal, reporter);
    }

    /// <summary>One line for the end of the run.</summary>
    public string Summary() =>
        $"edgesdk track: by satellite: {_reporter.FixesSent} fixes in {_reporter.ReportsSent} reports, {_reporter.ReportsFailed} reports not sent" +
        (_reporter.LastFailure is { } f ? $" (last: {f.Detail})" : string.Empty);

    public async ValueTask DisposeAsync()
    {
        await _reporter.DisposeAsync();
        await _terminal.DisposeAsync();
    }
}
