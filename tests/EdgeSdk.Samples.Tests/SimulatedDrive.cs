using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Samples.Tests;

/// <summary>The simulator driving a scenario in (sped-up) real time into a pseudo-terminal, as a GNSS module on a UART would.</summary>
public sealed class SimulatedDrive : IAsyncDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly MemoryStream _truth = new();
    private readonly CancellationTokenSource _stop = new();

    private SimulatedDrive(string scenario, double seconds, double speedup, VirtualGpioDriver? gpio)
    {
        _pty = PseudoTerminal.Open();
        _pty.WriteTimeout = TimeSpan.FromSeconds(30); // never drop: the tests want every epoch
        Completion = GnssSimulator.RunAsync(new SimulationOptions
        {
            Scenario = scenario, DurationSeconds = seconds, Realtime = true, Speedup = speedup, Truth = _truth, Gpio = gpio,
        }, _pty.Stream, _stop.Token);
    }

    /// <summary>The receiver's source URI, as the samples take it (the simulator is a CASIC module at 115200 Bd).</summary>
    public string Source => $"serial:{_pty.SlavePath}?baud=115200";

    public Task<SimulationSummary> Completion { get; }

    public static SimulatedDrive Start(string scenario, double seconds, double speedup, VirtualGpioDriver? gpio = null)
        => new(scenario, seconds, speedup, gpio);

    /// <summary>What the simulator did, one entry per epoch; complete once <see cref="Completion"/> has.</summary>
    public async Task<IReadOnlyList<TruthEpoch>> TruthAsync()
    {
        await Completion;
        return Encoding.UTF8.GetString(_truth.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => TruthEpoch.Parse(JsonDocument.Parse(line).RootElement)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Completion.ContinueWith(_ => { }, TaskScheduler.Default);
        _pty.Dispose();
        _truth.Dispose();
        _stop.Dispose();
    }
}

/// <summary>One epoch of the simulator's truth output.</summary>
public sealed record TruthEpoch(DateTime TimeUtc, int FixMode, double LatitudeDegrees, double LongitudeDegrees,
    double ReportedLatitudeDegrees, double ReportedLongitudeDegrees, double ErrorBoundMeters)
{
    public bool HasFix => FixMode >= 2;

    public static TruthEpoch Parse(JsonElement e)
    {
        bool fix = e.GetProperty("fixMode").GetInt32() >= 2;
        return new TruthEpoch(
            DateTime.Parse(e.GetProperty("timeUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            e.GetProperty("fixMode").GetInt32(),
            e.GetProperty("latitudeDegrees").GetDouble(),
            e.GetProperty("longitudeDegrees").GetDouble(),
            fix ? e.GetProperty("reportedLatitudeDegrees").GetDouble() : double.NaN,
            fix ? e.GetProperty("reportedLongitudeDegrees").GetDouble() : double.NaN,
            fix ? e.GetProperty("horizontalErrorBoundMeters").GetDouble() : double.NaN);
    }

    /// <summary>
    /// Checks a reported position: it must be what the NMEA said (to its 5-decimal minutes, ~2 cm, plus 1e-7° telemetry
    /// rounding) and within the simulator's noise bound of the true position.
    /// </summary>
    public void AssertPosition(double latitudeDegrees, double longitudeDegrees)
    {
        double fromReported = Meters(ReportedLatitudeDegrees, ReportedLongitudeDegrees, latitudeDegrees, longitudeDegrees);
        double fromTruth = Meters(LatitudeDegrees, LongitudeDegrees, latitudeDegrees, longitudeDegrees);
        Assert.True(fromReported < 0.05, $"{TimeUtc:O}: {fromReported:F3} m from the NMEA position");
        Assert.True(fromTruth <= ErrorBoundMeters + 0.05, $"{TimeUtc:O}: {fromTruth:F2} m from the truth (bound {ErrorBoundMeters:F2} m)");
    }

    /// <summary>Equirectangular distance: plenty for a few meters.</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        double north = (lat2 - lat1) * 111_320;
        double east = (lon2 - lon1) * 111_320 * Math.Cos(lat1 * Math.PI / 180);
        return Math.Sqrt((north * north) + (east * east));
    }
}
