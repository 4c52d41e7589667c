namespace EdgeSdk.Telemetry;

/// <summary>One record of a <see cref="DurableQueue"/>.</summary>
public sealed class QueuedRecord
{
    internal QueuedRecord(long sequence, byte[] payload, long enqueuedTimestamp)
    {
        Sequence = sequence;
        Payload = payload;
        EnqueuedTimestamp = enqueuedTimestamp;
    }

    /// <summary>Sequence number, assigned at append: 1, 2, 3, ... for the queue's whole life (per <see cref="DurableQueue.InstanceId"/>).</summary>
    public long Sequence { get; }

    /// <summary>The bytes appended.</summary>
    public byte[] Payload { get; }

    // When it was appended (Stopwatch.GetTimestamp), or 0 when recovered from disk: the publisher's batch timer.
    internal long EnqueuedTimestamp { get; }
}
