using System.CommandLine;
using EdgeSdk.Gnss;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk fixes [SOURCE]</c>: one gpsd JSON report per line (TPV, SKY) from a receiver.</summary>
internal static class FixesCommand
{
    public static Command Create()
    {
        Argument<string> source = SourceArgument();
        source.DefaultValueFactory = _ => "-";
        Option<bool> realtime = RealtimeOption();
        var command = new Command("fixes", "Print one gpsd-compatible JSON object per line (TPV and SKY) for each epoch of a receiver.");
        command.Arguments.Add(source);
        command.Options.Add(realtime);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new GnssReceiverOptions { Realtime = parseResult.GetValue(realtime) };
            await using GnssReceiver receiver = GnssReceiver.Open(parseResult.GetValue(source)!, options);
            receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"edgesdk: {e.Text}");
            using var reports = new GpsdReportWriter();
            using Stream stdout = Console.OpenStandardOutput();
            // Reports collect in a block and reach stdout when the next fix is not ready yet (a live receiver: at
            // once; a file: once per block), not with a write and a flush per fix.
            using var block = new BufferedStream(stdout, OutputBlockBytes);
            IAsyncEnumerator<GnssFix> fixes = receiver.ReadFixesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    ValueTask<bool> next = fixes.MoveNextAsync();
                    if (!next.IsCompleted)
                    {
                        await block.FlushAsync(cancellationToken);
                    }

                    if (!await next)
                    {
                        break;
                    }

                    block.Write(reports.Format(fixes.Current).Span);
                }

                await block.FlushAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
            finally
            {
                await fixes.DisposeAsync();
            }

            // A file that held no NMEA at all is an error the user should see in the exit code.
            return receiver.Counters.ValidSentences == 0 ? ExitCodes.DataProblem : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Size of the block of reports written to stdout at once.</summary>
    private const int OutputBlockBytes = 32 * 1024;

    /// <summary>The SOURCE argument, shared with <c>serve</c>.</summary>
    internal static Argument<string> SourceArgument() => new("source")
    {
        Description = "serial:/dev/ttyUSB0?baud=9600 (or baud=auto), tcp://host:port, udp://:port, a file, or - for stdin",
    };

    /// <summary>The --realtime option, shared with <c>serve</c>.</summary>
    internal static Option<bool> RealtimeOption() => new("--realtime") { Description = "Replay a file at the pace of its sentence times" };
}
