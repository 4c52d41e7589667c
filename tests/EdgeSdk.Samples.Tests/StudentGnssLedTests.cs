using System.Device.Gpio;
using System.Globalization;
using System.Text.RegularExpressions;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Devices;
using StudentGnssLed;

namespace EdgeSdk.Samples.Tests;

/// <summary>StudentGnssLed on the virtual GPIO chip, reading the simulated receiver from its UART (a pty).</summary>
public sealed partial class StudentGnssLedTests
{
    private const int LedPin = 27;

    [Fact]
    public async Task The_led_blinks_the_fix_state_from_no_fix_to_3D_and_the_button_prints_the_position()
    {
        var chip = new VirtualGpioDriver();
        var log = new List<string>(); // cycle starts and LED writes, in order
        using var gpio = new GpioController(new RecordingGpioDriver(chip, (pin, value) =>
        {
            if (pin == LedPin)
            {
                lock (log)
                {
                    log.Add(value == PinValue.High ? "on" : "off");
                }
            }
        }));
        var output = new LineWriter();
        var app = new GnssLedApp(gpio, LedPin, chip.ButtonPin, output,
            new BlinkTiming(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)));
        app.Led.CycleStarted += mode =>
        {
            lock (log)
            {
                log.Add(mode.ToString());
            }
        };

        // 2x speed: each fix state lasts at least 0.5 s, many LED cycles.
        await using SimulatedDrive drive = SimulatedDrive.Start("campus-loop", seconds: 12, speedup: 2, gpio: chip);
        await using GnssReceiver receiver = GnssReceiver.Open(drive.Source);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task running = app.RunAsync(receiver, stop.Token);
        await Await.UntilAsync(() => Snapshot(log).Count(e => e == nameof(FixMode.ThreeD)) >= 3, () => string.Join(' ', Snapshot(log)));

        chip.PressButton();
        await Await.UntilAsync(() => output.Lines.Any(l => l.StartsWith("position:", StringComparison.Ordinal)), () => string.Join('|', output.Lines));
        await stop.CancelAsync();
        await running;

        // Every complete cycle is exactly its mode's number of on/off blinks: none dark, 1 no fix, 2 2D, 3 3D.
        List<string> entries = Snapshot(log);
        Assert.Equal("off", entries[0]); // opening the pin: LED off
        var cycles = new List<(FixMode Mode, List<string> Writes)>();
        foreach (string entry in entries.Skip(1))
        {
            if (Enum.TryParse(entry, out FixMode mode))
            {
                cycles.Add((mode, new List<string>()));
            }
            else
            {
                cycles[^1].Writes.Add(entry);
            }
        }

        var blinks = new Dictionary<FixMode, int> { [FixMode.Unknown] = 0, [FixMode.NoFix] = 1, [FixMode.TwoD] = 2, [FixMode.ThreeD] = 3 }; // as the README says
        foreach ((FixMode mode, List<string> writes) in cycles.SkipLast(1))
        {
            Assert.Equal(Enumerable.Repeat(new[] { "on", "off" }, blinks[mode]).SelectMany(w => w), writes);
        }

        Assert.Equal(PinValue.Low, gpio.Read(LedPin)); // stopped: LED off

        // The cycles show the fix states the receiver reported, in order: dark before the first sentence,
        // then no fix, then (through 2D when the sky gives exactly 3 satellites) 3D. And those are the simulator's.
        List<FixMode> shown = Changes(cycles.Select(c => c.Mode));
        List<FixMode> reported = output.Lines.Where(l => l.StartsWith("fix:", StringComparison.Ordinal))
            .Select(l => l switch { _ when l.StartsWith("fix: 3D", StringComparison.Ordinal) => FixMode.ThreeD, _ when l.StartsWith("fix: 2D", StringComparison.Ordinal) => FixMode.TwoD, _ => FixMode.NoFix })
            .ToList();
        Assert.Equal([FixMode.Unknown, .. reported], shown);
        Assert.Equal(FixMode.NoFix, reported[0]);
        Assert.Equal(FixMode.ThreeD, reported[^1]);
        IReadOnlyList<TruthEpoch> truth = await drive.TruthAsync();
        List<FixMode> simulated = Changes(truth.Select(t => (FixMode)t.FixMode));
        Assert.Equal(simulated.Take(reported.Count), reported);

        // The button line is the latest fix: a real epoch's position, near the truth.
        string line = output.Lines.Single(l => l.StartsWith("position:", StringComparison.Ordinal));
        Match m = PositionLine().Match(line);
        Assert.True(m.Success, line);
        TruthEpoch epoch = truth.Single(t => t.TimeUtc.ToString("HH:mm:ss", CultureInfo.InvariantCulture) == m.Groups["time"].Value);
        Assert.Equal(3, epoch.FixMode);
        Assert.True(TruthEpoch.Meters(epoch.ReportedLatitudeDegrees, epoch.ReportedLongitudeDegrees,
            double.Parse(m.Groups["lat"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["lon"].Value, CultureInfo.InvariantCulture)) < 0.15, line);
    }

    private static List<string> Snapshot(List<string> log)
    {
        lock (log)
        {
            return [.. log];
        }
    }

    private static List<FixMode> Changes(IEnumerable<FixMode> modes)
    {
        var changes = new List<FixMode>();
        foreach (FixMode mode in modes)
        {
            if (changes.Count == 0 || changes[^1] != mode)
            {
                changes.Add(mode);
            }
        }

        return changes;
    }

    [GeneratedRegex(@"^position: (?<lat>-?\d+\.\d{6}), (?<lon>-?\d+\.\d{6}) \(3D fix, \d+ satellites\) at (?<time>\d\d:\d\d:\d\d) UTC$")]
    private static partial Regex PositionLine();
}
