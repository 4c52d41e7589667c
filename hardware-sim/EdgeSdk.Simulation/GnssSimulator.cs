using System.Diagnostics;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation;

/// <summary>
/// Runs a scenario and writes the simulated receiver's bytes to a stream (a file, a TCP client, a
/// <see cref="Devices.PseudoTerminal"/>, a <see cref="MemoryStream"/> in a test).
/// </summary>
/// <example>
/// <code>
/// using var pty = PseudoTerminal.Open("/tmp/gnss0");   // a program opens /tmp/gnss0 like /dev/ttyUSB0
/// var options = new SimulationOptions { Scenario = "campus-loop", Realtime = true, Speedup = 5 };
/// SimulationSummary summary = await GnssSimulator.RunAsync(options, pty.Stream, cancellationToken);
/// </code>
/// </example>
public static class GnssSimulator
{
    /// <summary>
    /// Simulates every epoch of the scenario and writes it to <paramref name="output"/>; the truth
    /// lines go to <see cref="SimulationOptions.Truth"/>. Paced by the wall clock when
    /// <see cref="SimulationOptions.Realtime"/>, otherwise as fast as <paramref name="output"/> accepts.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="FileNotFoundException">The scenario is neither built in nor an existing file.</exception>
    /// <exception cref="InvalidDataException">The scenario file is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<SimulationSummary> RunAsync(SimulationOptions options, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var engine = new SimulationEngine(options);
        var summary = new SimulationSummary();
        var buttons = new ButtonSchedule(engine.Scenario.ButtonPressSeconds, options.Gpio);
        var clock = Stopwatch.StartNew();
        while (engine.Next() is SimulatedEpoch epoch)
        {
            if (options.Realtime)
            {
                TimeSpan due = TimeSpan.FromSeconds(epoch.ElapsedSeconds / options.Speedup) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (epoch.TimeUtc.Ticks % TimeSpan.TicksPerSecond == 0)
            {
                // A receiver pulses at the top of the second, then sends the sentences that name it.
                options.Gpio?.PulsePps();
            }

            await output.WriteAsync(epoch.Bytes, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (options.Truth != null)
            {
                await options.Truth.WriteAsync(epoch.TruthLine, cancellationToken).ConfigureAwait(false);
            }

            buttons.Advance(epoch.ElapsedSeconds);
            summary.Epochs++;
            summary.FixEpochs += epoch.FixDimension > 0 ? 1 : 0;
            summary.BytesWritten += epoch.Bytes.Length;
            summary.DroppedSentences += epoch.DroppedSentences;
            summary.DroppedBytes += epoch.DroppedBytes;
            summary.FaultsInjected += epoch.Faults;
        }

        if (options.Truth != null)
        {
            await options.Truth.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }

    /// <summary>Presses the virtual button at the scenario's times and releases it 0.2 s later.</summary>
    private sealed class ButtonSchedule(IReadOnlyList<double> pressSeconds, VirtualGpioDriver? gpio)
    {
        private int _next;
        private double _releaseAt = double.NaN;

        public void Advance(double elapsedSeconds)
        {
            if (gpio == null)
            {
                return;
            }

            if (!double.IsNaN(_releaseAt) && elapsedSeconds >= _releaseAt)
            {
                gpio.ReleaseButton();
                _releaseAt = double.NaN;
            }

            if (_next < pressSeconds.Count && elapsedSeconds >= pressSeconds[_next])
            {
                gpio.PressButton();
                _releaseAt = pressSeconds[_next++] + 0.2;
            }
        }
    }
}
