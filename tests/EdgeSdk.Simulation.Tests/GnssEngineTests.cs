using System.Globalization;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Tests;

/// <summary>The GNSS engine (EdgeSdk.Gnss) reads the simulator through a real pseudo-terminal.</summary>
public class GnssEngineTests
{
    [Fact]
    public async Task Engine_reading_the_pty_gets_fixes_within_the_noise_bound_for_the_whole_drive_and_none_in_the_tunnel()
    {
        using var pty = PseudoTerminal.Open();
        pty.WriteTimeout = TimeSpan.FromSeconds(30); // never drop: the test wants every epoch
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var receiver = GnssReceiver.Open($"serial:{pty.SlavePath}?baud=115200");
        var fixes = new List<GnssFix>();
        using var truth = new MemoryStream();
        var options = new SimulationOptions { Truth = truth };

        DateTime lastEpoch = DateTime.MinValue;
        Task reading = Task.Run(async () =>
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(timeout.Token))
            {
                lock (fixes)
                {
                    fixes.Add(fix);
                }

                if (fix.TimeUtc == lastEpoch)
                {
                    return;
                }
            }
        });

        SimulationSummary summary = await GnssSimulator.RunAsync(options, pty.Stream, timeout.Token);
        var truthLines = SimRun.ParseTruth(truth.ToArray());
        lastEpoch = Time(truthLines[^1]);
        // The last epoch may already have been read before lastEpoch was known: stop on either.
        while (!reading.IsCompleted && !fixes.ToArray().Any(f => f.TimeUtc == lastEpoch))
        {
            await Task.WhenAny(reading, Task.Delay(50, timeout.Token));
        }

        // Stop the reader before the pty goes: left running, its serial source would keep reopening this
        // /dev/pts/N after the test, and read the next test's terminal that gets the same number (gpsd's).
        await timeout.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
            // stopped here
        }

        Assert.Equal(0, pty.DroppedBytes);
        var byTime = fixes.Where(f => f.TimeUtc.HasValue).GroupBy(f => f.TimeUtc!.Value).ToDictionary(g => g.Key, g => g.Last());
        int compared = 0, inTunnel = 0;
        foreach (JsonElement t in truthLines)
        {
            DateTime time = Time(t);
            bool tunnel = t.GetProperty("environment").GetString() == "tunnel";
            bool simulatedFix = t.GetProperty("fixMode").GetInt32() >= 2;
            if (tunnel)
            {
                inTunnel++;
                Assert.False(byTime.TryGetValue(time, out GnssFix? f) && f.HasPosition, $"fix inside the tunnel at {time:O}");
                continue;
            }

            if (!simulatedFix)
            {
                continue;
            }

            Assert.True(byTime.TryGetValue(time, out GnssFix? fix) && fix.HasPosition, $"no engine fix at {time:O}; {fixes.Count} fixes, first {fixes.FirstOrDefault()?.TimeUtc:O} mode {fixes.FirstOrDefault()?.Mode}; {receiver.Counters}; {receiver.StatusText}");
            double error = SimRun.Meters(t.GetProperty("latitudeDegrees").GetDouble(), t.GetProperty("longitudeDegrees").GetDouble(), fix!.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value);
            Assert.True(error <= t.GetProperty("horizontalErrorBoundMeters").GetDouble() + 0.05, $"{time:O}: {error:F2} m");
            compared++;
        }

        Assert.True(inTunnel > 120);
        Assert.True(compared > summary.Epochs * 0.8, $"{compared} of {summary.Epochs} epochs compared");
    }

    private static DateTime Time(JsonElement truth) =>
        DateTime.Parse(truth.GetProperty("timeUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
