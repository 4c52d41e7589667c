namespace EdgeSdk.Cli.Demo;

/// <summary>The demo's options, as given on the command line.</summary>
internal sealed class DemoSettings
{
    // 300 simulated seconds at 5x: about a minute, from 900 m before the tunnel (entered after about
    // 110 s, left after about 270 s), with the outage from 75 s to 95 s, before the tunnel.
    public const double DefaultDurationSeconds = 300, DefaultSpeedup = 5, DefaultOutageSeconds = 20;

    /// <summary>Where the drive starts: this far before the scenario's first tunnel (if it has one).</summary>
    public const double TunnelLeadMeters = 900;

    /// <summary>The outage starts this far into the drive.</summary>
    public const double OutageStartFraction = 0.25;

    public required string Scenario { get; init; }

    public double DurationSeconds { get; init; } = DefaultDurationSeconds;

    public double Speedup { get; init; } = DefaultSpeedup;

    public double OutageSeconds { get; init; } = DefaultOutageSeconds;

    public required string OutDirectory { get; init; }

    public bool Dashboard { get; init; }

    /// <summary>Also report over JT/T 808 to a platform simulator (<see cref="DemoJt808Leg"/>).</summary>
    public bool Jt808 { get; init; }

    /// <summary>Also run the BeiDou satellite fallback during the outage (<see cref="DemoRdssLeg"/>).</summary>
    public bool Rdss { get; init; }

    /// <summary>Wall-clock time for a span of simulated seconds.</summary>
    public TimeSpan Wall(double simulatedSeconds) => TimeSpan.FromSeconds(simulatedSeconds / Speedup);

    public void Validate()
    {
        if (!(DurationSeconds > 0) || double.IsInfinity(DurationSeconds))
        {
            throw new ArgumentException($"--duration {DurationSeconds}: give the simulated seconds to drive, more than 0 (e.g. 60)");
        }

        if (!(Speedup > 0) || double.IsInfinity(Speedup))
        {
            throw new ArgumentException($"--speedup {Speedup}: give simulated seconds per second, more than 0 (e.g. 10)");
        }

        if (!(OutageSeconds >= 0) || double.IsInfinity(OutageSeconds))
        {
            throw new ArgumentException($"--outage {OutageSeconds}: give the outage length in simulated seconds, 0 or more (0: no outage)");
        }
    }
}
