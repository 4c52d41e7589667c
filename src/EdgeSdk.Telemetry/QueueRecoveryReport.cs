namespace EdgeSdk.Telemetry;

/// <summary>What <see cref="DurableQueue.Open"/> found on disk.</summary>
/// <param name="SegmentsRead">Segment files read.</param>
/// <param name="RecordsRecovered">Records still waiting for acknowledgement, kept.</param>
/// <param name="CorruptRecords">
/// Damaged regions found in segment files (a torn write, a flipped bit, a foreign byte): each is skipped up to
/// the next record whose header and CRC are valid, and counted once.
/// </param>
/// <param name="TruncatedBytes">Bytes of those damaged regions, removed from the segment files.</param>
public sealed record QueueRecoveryReport(int SegmentsRead, int RecordsRecovered, int CorruptRecords, long TruncatedBytes)
{
    /// <summary>
    /// Unacknowledged records that the damage destroyed, as ranges of their sequence numbers (known from the
    /// valid records, segment names and state on both sides of the damage). Empty when nothing was lost.
    /// </summary>
    public IReadOnlyList<SequenceRange> LostSequences { get; init; } = [];

    /// <summary>How many records <see cref="LostSequences"/> holds.</summary>
    public long LostRecords => LostSequences.Sum(r => r.Count);

    /// <summary>True when state files were there but none was valid (damaged): the head fell back to the oldest record on disk.</summary>
    public bool StateDamaged { get; init; }

    /// <summary>
    /// True when the queue could not prove which sequence numbers it had already used (state and newest segment
    /// damaged), so it started a new <see cref="DurableQueue.InstanceId"/>: consumers key sequence numbers by
    /// instance, so the new numbers cannot be mistaken for duplicates of old ones.
    /// </summary>
    public bool NewInstance { get; init; }
}
