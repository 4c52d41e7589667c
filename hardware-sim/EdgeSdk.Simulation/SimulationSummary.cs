namespace EdgeSdk.Simulation;

/// <summary>Counts from a finished (or cancelled) simulation run.</summary>
public sealed class SimulationSummary
{
    /// <summary>Epochs simulated.</summary>
    public int Epochs { get; internal set; }

    /// <summary>Epochs in which the receiver reported a 2-D or 3-D fix.</summary>
    public int FixEpochs { get; internal set; }

    /// <summary>Bytes written to the output.</summary>
    public long BytesWritten { get; internal set; }

    /// <summary>Sentences dropped because the epoch did not fit the baud rate.</summary>
    public int DroppedSentences { get; internal set; }

    /// <summary>Bytes of those dropped sentences.</summary>
    public long DroppedBytes { get; internal set; }

    /// <summary>Faults injected, all kinds together (each is named in the truth output).</summary>
    public int FaultsInjected { get; internal set; }
}
