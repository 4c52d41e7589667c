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

    /// <summary>
    /// State copies whose CRC was valid but whose numbers no queue writes (a next sequence below 1, a negative head
    /// or dropped total, an impossible generation): rejected like damaged copies, so the other copy or, when both
    /// are rejected, the segments decide (<see cref="StateDamaged"/> is then true).
    /// </summary>
    public int StateCopiesRejected { get; init; }

    /// <summary>
    /// True when the state's head was above every sequence number issued (written by a faulty build or altered): the
    /// numbering was repaired to continue from the head, so new records never land below it and get dropped as
    /// acknowledged at the next open.
    /// </summary>
    public bool NumberingRaisedToHead { get; init; }
}
