using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Faults;
using EdgeSdk.Simulation.Receiver;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation;

/// <summary>How to run a simulation; every property has a usable default.</summary>
public sealed class SimulationOptions
{
    /// <summary>Built-in scenario name or path to a scenario JSON file (ignored when <see cref="ScenarioDefinition"/> is set).</summary>
    public string Scenario { get; init; } = "chongqing-logistics";

    /// <summary>An already loaded scenario; takes precedence over <see cref="Scenario"/>.</summary>
    public Scenario? ScenarioDefinition { get; init; }

    /// <summary>Random seed; null uses the scenario's. Same scenario + seed + options ⇒ byte-identical output.</summary>
    public int? Seed { get; init; }

    /// <summary>Simulated seconds to run; null uses the scenario's duration (or until the route ends).</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Epochs per second: 1, 5 or 10.</summary>
    public int RateHz { get; init; } = 1;

    /// <summary>The receiver whose output is imitated.</summary>
    public ReceiverModel Receiver { get; init; } = ReceiverModel.Casic;

    /// <summary>Serial baud rate that bounds the bytes per epoch (8N1: baud/10 bytes per second); null uses the receiver's default (CASIC 115200, u-blox M9 38400, legacy 9600).</summary>
    public int? BaudRate { get; init; }

    /// <summary>Pace epochs on the wall clock instead of running as fast as the output accepts.</summary>
    public bool Realtime { get; init; }

    /// <summary>With <see cref="Realtime"/>: simulated seconds per wall-clock second (e.g. 10).</summary>
    public double Speedup { get; init; } = 1;

    /// <summary>Faults to inject.</summary>
    public FaultSpec Faults { get; init; } = FaultSpec.None;

    /// <summary>One-sigma user range error in meters; the position noise is this times the DOP (doubled in urban canyons).</summary>
    public double NoiseMeters { get; init; } = 2.0;

    /// <summary>Where to write the ground truth as JSON lines (one per epoch), or null.</summary>
    public Stream? Truth { get; init; }

    /// <summary>A virtual board whose PPS pin pulses each simulated second and whose button the scenario presses; or null.</summary>
    public VirtualGpioDriver? Gpio { get; init; }

    internal void Validate()
    {
        if (RateHz is not (1 or 5 or 10))
        {
            throw new ArgumentException($"rate {RateHz} Hz is not supported: use 1, 5 or 10");
        }

        if (Speedup <= 0 || double.IsNaN(Speedup))
        {
            throw new ArgumentException("speedup must be greater than 0 (e.g. 10)");
        }

        if (DurationSeconds is <= 0)
        {
            throw new ArgumentException("duration must be greater than 0 seconds");
        }

        if (BaudRate is < 300)
        {
            throw new ArgumentException($"baud rate {BaudRate} is too low: use 4800 or more");
        }

        if (NoiseMeters < 0)
        {
            throw new ArgumentException("noise must be 0 meters or more");
        }
    }
}
