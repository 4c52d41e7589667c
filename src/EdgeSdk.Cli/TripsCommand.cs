using System.CommandLine;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Positioning;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk trips SOURCE</c>: reads a receiver (usually a recorded NMEA file), runs the fixes through
/// <see cref="VehicleMonitor"/> and prints trips, stops and alarms as JSON lines, then a summary line
/// with the distance.
/// </summary>
internal static class TripsCommand
{
    public static Command Create()
    {
        Argument<string> source = FixesCommand.SourceArgument();
        var speedLimit = new Option<double?>("--speed-limit-kmh") { Description = "Overspeed limit, km/h (JT/T 808 parameter 0x0055); none by default" };
        var maxStop = new Option<double?>("--max-stop-s") { Description = "Long-stop alarm after this many seconds stationary (parameter 0x005A); none by default" };
        var command = new Command("trips", "Print trips, stops, alarms (overspeed, fatigue, long stop, fix lost) and the distance as JSON lines.");
        command.Arguments.Add(source);
        command.Options.Add(speedLimit);
        command.Options.Add(maxStop);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new DriverAlarmSettings
            {
                SpeedLimitMetersPerSecond = parseResult.GetValue(speedLimit) / 3.6,
                MaximumStopSeconds = parseResult.GetValue(maxStop),
            };
            var monitor = new VehicleMonitor(settings);
            await using GnssReceiver receiver = GnssReceiver.Open(parseResult.GetValue(source)!);
            using Stream stdout = Console.OpenStandardOutput();
            using var json = new Utf8JsonWriter(stdout);
            var events = new List<VehicleEvent>();
            try
            {
                await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken))
                {
                    if (fix.TryGetPositionSample(out PositionSample sample))
                    {
                        monitor.Update(sample, events);
                        await WriteAsync(json, stdout, events, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: still print what the drive so far amounts to.
            }

            monitor.Finish(events);
            await WriteAsync(json, stdout, events, CancellationToken.None);
            VehicleEventJson.WriteSummary(json, monitor);
            await EndLineAsync(json, stdout, CancellationToken.None);

            // A file that held no NMEA at all is an error the user should see in the exit code.
            return receiver.Counters.ValidSentences == 0 ? ExitCodes.DataProblem : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(Utf8JsonWriter json, Stream stdout, List<VehicleEvent> events, CancellationToken cancellationToken)
    {
        foreach (VehicleEvent e in events)
        {
            VehicleEventJson.Write(json, e);
            await EndLineAsync(json, stdout, cancellationToken);
        }

        events.Clear();
    }

    private static async Task EndLineAsync(Utf8JsonWriter json, Stream stdout, CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken);
        json.Reset();
        stdout.WriteByte((byte)'\n');
        await stdout.FlushAsync(cancellationToken);
    }
}
