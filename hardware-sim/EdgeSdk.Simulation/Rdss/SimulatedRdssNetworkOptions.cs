namespace EdgeSdk.Simulation.Rdss;

/// <summary>How the simulated satellite link behaves.</summary>
public sealed class SimulatedRdssNetworkOptions
{
    /// <summary>Time from an accepted send to the <c>$BDTXR</c> at the destination. Default 1 s (real RDSS: about 1–5 s).</summary>
    public TimeSpan DeliveryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Probability (0–1) that an accepted message never arrives. Default 0.</summary>
    public double LossProbability { get; init; }

    /// <summary>Seed of the loss draws, so a run is reproducible. Default 15.</summary>
    public int Seed { get; init; } = 15;

    /// <summary>The clock for intervals and delays (tests may pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
