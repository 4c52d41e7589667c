using System.Globalization;
using System.Runtime.InteropServices;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace AotTracker;

/// <summary>
/// One run: open the source and the queue, hand every fix to the publisher, print a status line now and then,
/// and on Ctrl+C or SIGTERM give the broker a few seconds to acknowledge what is queued; the rest stays on disk
/// for the next start. A file (or stdin) is replayed with back-pressure, so none of its fixes is refused, and
/// the run ends when the broker has acknowledged all of them.
/// </summary>
public static class TrackerRun
{
    public const int ExitOk = 0, ExitCannotOpen = 1, ExitBadArguments = 2;

    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error)
    {
        TrackerArguments? arguments;
        TelemetryPublisherOptions options;
        GnssSource source;
        try
        {
            arguments = TrackerArguments.Parse(args);
            if (arguments is null)
            {
                await output.WriteLineAsync(TrackerArguments.Usage);
                return ExitOk;
            }

            options = PublisherOptions(arguments);
            source = GnssSource.Parse(arguments.Source);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"AotTracker: {ex.Message}");
            return ExitBadArguments;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"AotTracker: the GNSS source cannot be opened: {ex.Message}");
            return ExitCannotOpen;
        }

        await using var receiver = new GnssReceiver(source);
        TelemetryPublisher publisher;
        try
        {
            publisher = new TelemetryPublisher(options);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"AotTracker: {ex.Message}");
            return ExitBadArguments;
        }

        await using (publisher)
        {
            try
            {
                await publisher.StartAsync();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"AotTracker: the queue cannot be used: {ex.Message} (pass another --queue DIR)");
                return ExitCannotOpen;
            }

            using var stop = new CancellationTokenSource();
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
            using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
            return await new TrackerLoop(arguments, receiver, publisher, output, error).RunAsync(stop.Token);
        }
    }

    private static TelemetryPublisherOptions PublisherOptions(TrackerArguments arguments)
    {
        MqttConnectionOptions connection = MqttConnectionOptions.FromUser(arguments.Mqtt, arguments.User,
            arguments.User is null ? null : Environment.GetEnvironmentVariable(MqttConnectionOptions.PasswordEnvironmentVariable))
            with { AllowInsecure = arguments.Insecure };
        connection.EnsureTransportAllowed(); // a remote mqtt:// broker is a bad argument now, not a silent retry loop later
        return new TelemetryPublisherOptions
        {
            DeviceId = arguments.Device,
            Fleet = arguments.Fleet,
            Connection = connection,
            QueueDirectory = arguments.Queue ?? TelemetryPublisherOptions.DefaultQueueDirectory(arguments.Fleet, arguments.Device),
            HoldWhenNoSubscriber = arguments.HoldWithoutSubscriber,
        };
    }

    // The first signal asks for the drain; the process is not killed by it (Cancel = true keeps it alive).
    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };

    internal static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
