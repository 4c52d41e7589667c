namespace EdgeSdk.Telemetry;

/// <summary>Consecutive sequence numbers, both ends included: e.g. the records a damaged segment lost.</summary>
/// <param name="First">The first sequence number of the range.</param>
/// <param name="Last">The last sequence number of the range (at least <paramref name="First"/>).</param>
public readonly record struct SequenceRange(long First, long Last)
{
    /// <summary>How many sequence numbers the range holds.</summary>
    public long Count => Last - First + 1;

    /// <summary><c>First..Last</c>, or the single number.</summary>
    public override string ToString() => First == Last ? $"{First}" : $"{First}..{Last}";
}
