using System.CommandLine;
using System.Device.Gpio;
using System.Globalization;
using EdgeSdk.Devices;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk time --nmea SOURCE --pps-pin N [--chrony-socket PATH]</c>: a GNSS receiver's PPS on a GPIO pin and
/// its NMEA time as a time source: one line per sample (the system clock's offset), the status when it changes,
/// and optionally each sample to chronyd's SOCK refclock. <c>--simulate</c> replaces the receiver and the pin by
/// the simulator's (a pty and a virtual PPS with a chosen clock error).
/// </summary>
internal static class TimeCommand
{
    public static Command Create()
    {
        var nmea = new Option<string?>("--nmea") { Description = "The receiver's NMEA: serial:/dev/ttyAMA0?baud=9600, tcp://host:port, udp://:port or a file (its RMC/ZDA name each pulse's second)" };
        var pin = new Option<int>("--pps-pin") { Description = "GPIO pin (BCM numbering) the receiver's PPS output is wired to", DefaultValueFactory = _ => 18 };
        var chronySocket = new Option<string?>("--chrony-socket") { Description = "Send each sample to chronyd's 'refclock SOCK PATH refid PPS' socket" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl+C)" };
        var simulate = new Option<bool>("--simulate") { Description = "No receiver or board: the simulator's receiver on a pty and a virtual PPS on the pin" };
        var offset = new Option<double>("--offset-us") { Description = "With --simulate: how far the virtual PPS puts the system clock ahead (negative: behind), microseconds", DefaultValueFactory = _ => 250 };
        var jitter = new Option<double>("--jitter-us") { Description = "With --simulate: RMS jitter the virtual PPS adds to each pulse, microseconds", DefaultValueFactory = _ => 20 };
        var command = new Command("time", "A time source from a receiver's PPS on a GPIO pin and its NMEA time: the system clock's offset and jitter, optionally fed to chrony.");
        foreach (Option option in new Option[] { nmea, pin, chronySocket, duration, simulate, offset, jitter })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            string? source = parse.GetValue(nmea);
            bool simulated = parse.GetValue(simulate);
            if (source == null && !simulated)
            {
                throw new ArgumentException("time: give the receiver's NMEA with --nmea SOURCE (e.g. serial:/dev/ttyAMA0?baud=9600), or add --simulate to try it without a board");
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(duration) is double seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            var options = new PpsTimeSourceOptions { PpsPin = parse.GetValue(pin), WindowSamples = 16 };
            string? socketPath = parse.GetValue(chronySocket);
            int result = simulated
                ? await RunSimulatedAsync(options, socketPath, parse.GetValue(offset) * 1e-6, parse.GetValue(jitter) * 1e-6, stop.Token)
                : await RunOnBoardAsync(source!, options, socketPath, stop.Token);
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : result;
        });
        return command;
    }

    private static async Task<int> RunOnBoardAsync(string source, PpsTimeSourceOptions options, string? socketPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists("/dev") || Directory.GetFiles("/dev", "gpiochip*").Length == 0)
        {
            throw new IOException($"PPS on GPIO {options.PpsPin}: no GPIO chip (/dev/gpiochip*): run this on a Raspberry Pi, or add --simulate to try it without a board");
        }

        using var gpio = new GpioController();
        await using GnssReceiver receiver = GnssReceiver.Open(source);
        receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"edgesdk: {e.Text}");
        return await RunAsync(gpio, receiver, options, socketPath, cancellationToken);
    }

    // The simulator's receiver on a pty, read by the same GnssReceiver as a real port; the virtual PPS on the pin,
    // pulsing from the simulator's epochs against the real clock, with the chosen error.
    private static async Task<int> RunSimulatedAsync(PpsTimeSourceOptions options, string? socketPath, double offsetSeconds, double jitterSeconds, CancellationToken cancellationToken)
    {
        var driver = new VirtualGpioDriver(pinCount: Math.Max(28, options.PpsPin + 1), ppsPin: options.PpsPin, buttonPin: options.PpsPin == 17 ? 16 : 17);
        var pps = new VirtualPpsGenerator(driver, TimeProvider.System, offsetSeconds, jitterSeconds);
        using var pty = PseudoTerminal.Open();
        DateTime now = DateTime.UtcNow;
        DateTime start = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(2);
        var simulation = new SimulationOptions { ScenarioDefinition = Scenario.Load("campus-loop") with { StartTimeUtc = start }, DurationSeconds = 86_400 };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task running = GnssSimulator.RunAsync(simulation, pps.CreateEpochStream(epoch => { pty.Stream.Write(epoch); pty.Stream.Flush(); }), stop.Token);
        Console.WriteLine(FormattableString.Invariant(
            $"simulated receiver on {pty.DevicePath}, virtual PPS on GPIO {options.PpsPin}: clock {offsetSeconds * 1e6:F0} us ahead, {jitterSeconds * 1e6:F0} us RMS jitter; Ctrl+C to stop"));
        using var gpio = new GpioController(driver);
        await using GnssReceiver receiver = GnssReceiver.Open($"serial:{pty.DevicePath}?baud=115200");
        try
        {
            return await RunAsync(gpio, receiver, options, socketPath, stop.Token);
        }
        finally
        {
            await stop.CancelAsync();
            await running.ContinueWith(_ => { }, TaskScheduler.Default); // cancelled: the end of the drive
        }
    }

    private static async Task<int> RunAsync(GpioController gpio, GnssReceiver receiver, PpsTimeSourceOptions options, string? socketPath, CancellationToken cancellationToken)
    {
        using var source = new PpsTimeSource(gpio, options);
        try
        {
            source.Start();
        }
        catch (InvalidOperationException e)
        {
            throw new IOException(e.Message, e);
        }

        using ChronySockClient? chrony = socketPath == null ? null : new ChronySockClient(socketPath);
        Task reading = ReadSentencesAsync(receiver, source, cancellationToken);
        Task watching = WatchStatusAsync(source, cancellationToken);
        string? lastChronyError = null;
        try
        {
            await foreach (TimeSample sample in source.Samples.ReadAllAsync(cancellationToken))
            {
                string chronyNote = "";
                if (chrony != null)
                {
                    chronyNote = chrony.TrySend(sample, out string? error) ? " -> chrony" : " (chrony: not sent)";
                    if (error != null && error != lastChronyError)
                    {
                        Console.Error.WriteLine($"edgesdk: {error}");
                    }

                    lastChronyError = error;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{sample.TrueTimeUtc:yyyy-MM-ddTHH:mm:ssZ} offset {sample.OffsetSeconds * 1e6,9:F1} us{chronyNote}"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(reading, watching).ContinueWith(_ => { }, TaskScheduler.Default);
        PpsTimeStatus status = source.GetStatus();
        Console.WriteLine(status.Message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pulses {status.Pulses}, samples {status.Samples}, pulses without time {status.PulsesWithoutTime}, times without pulse {status.TimesWithoutPulse}, sentences without time {status.SentencesWithoutTime}{(chrony == null ? "" : $", sent to chrony {chrony.Sent}, failed {chrony.Failed}")}"));
        return status.Samples > 0 ? ExitCodes.Ok : ExitCodes.DataProblem;
    }

    private static async Task ReadSentencesAsync(GnssReceiver receiver, PpsTimeSource source, CancellationToken cancellationToken)
    {
        await foreach (string sentence in receiver.ReadSentencesAsync(cancellationToken))
        {
            source.AddSentence(sentence);
        }
    }

    // The status line whenever the state changes (no pulse, no NMEA time, locked), checked every second.
    private static async Task WatchStatusAsync(PpsTimeSource source, CancellationToken cancellationToken)
    {
        PpsTimeState shown = PpsTimeState.NotStarted;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            PpsTimeStatus status = source.GetStatus();
            if (status.State != shown)
            {
                shown = status.State;
                (status.State == PpsTimeState.Locked ? Console.Out : Console.Error).WriteLine(status.State == PpsTimeState.Locked ? status.Message : $"edgesdk: {status.Message}");
            }
        }
    }
}
