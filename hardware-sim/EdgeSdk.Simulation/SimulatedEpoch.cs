namespace EdgeSdk.Simulation;

/// <summary>One simulated epoch: the bytes on the wire and its ground-truth JSON line.</summary>
internal sealed record SimulatedEpoch(
    DateTime TimeUtc,
    double ElapsedSeconds,
    int FixDimension,
    byte[] Bytes,
    byte[] TruthLine,
    int DroppedSentences,
    int DroppedBytes,
    int Faults);
