namespace EdgeSdk.Telemetry;

/// <summary>A snapshot of a <see cref="TelemetryPublisher"/>'s counters (and its queue and connection state).</summary>
public sealed record TelemetryPublisherCounters
{
    /// <summary>Fixes accepted by <see cref="TelemetryPublisher.TryEnqueue"/> or <see cref="TelemetryPublisher.EnqueueAsync"/>.</summary>
    public long Accepted { get; init; }

    /// <summary>Fixes refused at the hand-off: by TryEnqueue because it was full, or by either call because the publisher was stopping.</summary>
    public long HandoffDropped { get; init; }

    /// <summary>Fixes waiting in the durable queue (sent or not, until acknowledged), from this run or earlier ones.</summary>
    public int Queued { get; init; }

    /// <summary>Fixes the full durable queue dropped, oldest first, since this publisher started.</summary>
    public long Dropped { get; init; }

    /// <summary>Fixes refused because the queue could not be written (disk full, permissions, I/O errors); they got no sequence number.</summary>
    public long StoreFailures { get; init; }

    /// <summary>Fixes that were queued but destroyed by damage to the queue's files, found at start (see <see cref="QueueRecoveryReport.LostSequences"/>).</summary>
    public long Lost { get; init; }

    /// <summary>Why the queue cannot be written right now (disk full, ...), or null when it can.</summary>
    public string? StoreError { get; init; }

    /// <summary>Fixes sent in MQTT messages, resends included.</summary>
    public long Published { get; init; }

    /// <summary>Fixes the broker acknowledged (PUBACK) and that left the queue.</summary>
    public long Acknowledged { get; init; }

    /// <summary>Fixes the broker refused (PUBACK reason code), removed from the queue.</summary>
    public long Rejected { get; init; }

    /// <summary>
    /// Fixes that will never be acknowledged: <see cref="Dropped"/> + <see cref="HandoffDropped"/> +
    /// <see cref="StoreFailures"/> + <see cref="Lost"/> + <see cref="Rejected"/>. Non-zero means something was lost
    /// (and the counters say where); fixes still <see cref="Queued"/> are not in it.
    /// </summary>
    public long Undelivered => Dropped + HandoffDropped + StoreFailures + Lost + Rejected;

    /// <summary>MQTT messages with fixes acknowledged.</summary>
    public long Batches { get; init; }

    /// <summary>Average payload bytes per fix sent (envelope included, MQTT header excluded), or 0.</summary>
    public double BytesPerFix { get; init; }

    /// <summary>True while connected to the broker.</summary>
    public bool Connected { get; init; }

    /// <summary>True when connected with MQTT 5 (false: 3.1.1).</summary>
    public bool Mqtt5 { get; init; }

    /// <summary>The last connection or publish error, or null.</summary>
    public string? LastError { get; init; }

    /// <summary>Sequence number the next fix gets.</summary>
    public long NextSequence { get; init; }

    /// <summary>
    /// The numbering epoch of the durable queue (sent with every batch): consumers track sequence numbers per
    /// device and queue instance (see <see cref="TelemetryConsumer.Unreceived"/>). 0 before the queue is open.
    /// </summary>
    public long QueueInstanceId { get; init; }
}
