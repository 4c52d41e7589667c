using System.CommandLine;
using EdgeSdk.Gnss;
using EdgeSdk.Jt808.Terminal;
using EdgeSdk.Positioning;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk track SOURCE --jt808 tcp://HOST:PORT --phone N [--queue DIR]</c>: a receiver's fixes to a JT/T 808
/// platform through <see cref="Jt808Terminal"/> (registration, reports at the platform's intervals, alarms, blind-area
/// upload). Kept apart from the MQTT path of <see cref="TrackCommand"/>, which calls <see cref="RunAsync"/> when
/// <c>--jt808</c> is given.
/// </summary>
internal static class Jt808TrackLeg
{
    public sealed record Options(Option<string?> Platform, Option<string?> Phone, Option<bool> Version2019);

    public static Options Add(Command command)
    {
        var options = new Options(
            new Option<string?>("--jt808") { Description = "Report to a JT/T 808 platform instead of MQTT: tcp://HOST:PORT" },
            new Option<string?>("--phone") { Description = "With --jt808: the terminal's phone (SIM) number, up to 12 digits (20 with --jt808-2019)" },
            new Option<bool>("--jt808-2019") { Description = "With --jt808: speak the 2019 version of the protocol (default 2013)" });
        command.Options.Add(options.Platform);
        command.Options.Add(options.Phone);
        command.Options.Add(options.Version2019);
        return options;
    }

    public static bool Requested(ParseResult parseResult, Options options) => parseResult.GetValue(options.Platform) != null;

    /// <summary>Runs the terminal over the source's fixes; the exit code follows the MQTT path's (0 delivered, 3 still queued, 1 lost, 130 Ctrl+C).</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Options options, string sourceUri, string? queueOption, bool realtime, int drainSeconds,
        CancellationToken cancellationToken)
    {
        string platform = parseResult.GetValue(options.Platform)!;
        if (!Uri.TryCreate(platform, UriKind.Absolute, out Uri? uri) || uri.Scheme != "tcp" || uri.Port <= 0 || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"--jt808 '{platform}' is not tcp://HOST:PORT (e.g. tcp://127.0.0.1:6808)");
        }

        string phone = parseResult.GetValue(options.Phone)
            ?? throw new ArgumentException("--jt808 needs --phone: the terminal's phone (SIM) number, e.g. --phone 013800000000");
        string queueDirectory = queueOption ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "edgesdk", "jt808", phone);
        OutputFolder.Prepare(queueDirectory, queueOption == null ? "the queue folder" : "--queue", ownerOnly: true);
        await using var terminal = new Jt808Terminal(new Jt808TerminalOptions
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.Port,
            Phone = phone,
            StateDirectory = queueDirectory,
            Version2019 = parseResult.GetValue(options.Version2019),
        });
        terminal.TextMessageReceived += (_, e) => Console.Error.WriteLine($"edgesdk track: text from the platform: {e.Text}");
        if (terminal.QueueRecovery.RecordsRecovered > 0)
        {
            Console.Error.WriteLine($"edgesdk track: {terminal.QueueRecovery.RecordsRecovered} reports from a previous run are still queued in {queueDirectory}");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task running = terminal.RunAsync(stop.Token);
        long fixes = 0;
        try
        {
            await using GnssReceiver receiver = GnssReceiver.Open(sourceUri, new GnssReceiverOptions { Realtime = realtime });
            receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"edgesdk track: {e.Text}");
            await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken))
            {
                if (fix.TryGetPositionSample(out PositionSample sample))
                {
                    fixes++;
                    terminal.Report(sample);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what is queued stays on disk for the next run.
        }

        bool interrupted = cancellationToken.IsCancellationRequested;
        bool drained = await terminal.WaitUntilDrainedAsync(TimeSpan.FromSeconds(interrupted ? 3 : drainSeconds), CancellationToken.None);
        await stop.CancelAsync();
        await running;
        Jt808TerminalStatus status = terminal.Status;
        Console.WriteLine($"edgesdk track: {fixes} fixes, {status.ReportsMade} reports, {status.Acknowledged} acknowledged " +
            $"({status.BatchedReportsAcknowledged} in 0x0704 batches), {status.Queued} queued, {status.Dropped} dropped, {status.Rejected} refused by the platform, " +
            $"{status.StoreFailures + status.Lost} lost, {status.Retransmissions} retransmissions, {status.Connections} connections");
        if (status.Dropped + status.Rejected + status.StoreFailures + status.Lost > 0)
        {
            Console.Error.WriteLine($"edgesdk track: not every report was delivered: {status.Dropped} dropped from the full queue, {status.Rejected} refused by " +
                $"the platform, {status.StoreFailures} refused by the queue in {queueDirectory}, {status.Lost} lost to queue damage");
            return ExitCodes.DataProblem;
        }

        if (drained)
        {
            return interrupted ? ExitCodes.Interrupted : ExitCodes.Ok;
        }

        Console.Error.WriteLine($"edgesdk track: {status.Queued} reports are still queued in {queueDirectory} " +
            $"({status.LastError ?? $"platform {platform}: no acknowledgement yet"}); the next run sends them");
        return interrupted ? ExitCodes.Interrupted : ExitCodes.DeliveredLater;
    }
}
