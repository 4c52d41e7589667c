namespace EdgeSdk.Telemetry;

/// <summary>What a <see cref="TelemetryEvent"/> reports.</summary>
public enum TelemetryEventKind
{
    /// <summary>Connected to the broker.</summary>
    Connected,
    /// <summary>The broker went away (or never answered); fixes are being queued on disk.</summary>
    BrokerDown,
    /// <summary>A backlog was sent and acknowledged: the queue is empty again.</summary>
    QueueFlushed,
    /// <summary>The durable queue was full and dropped its oldest fixes.</summary>
    FixesDropped,
    /// <summary>The broker refused a batch (MQTT 5 PUBACK reason code, e.g. NotAuthorized); it was removed from the queue.</summary>
    PublishRejected,
    /// <summary>The hand-off to the queue writer was full: fixes were refused at <see cref="TelemetryPublisher.TryEnqueue"/>.</summary>
    HandoffFull,
    /// <summary>The durable queue could not be written (disk full, permissions, I/O error): fixes are refused, counted, until it can.</summary>
    StoreFailed,
    /// <summary>The durable queue can be written again after <see cref="StoreFailed"/>; the count says how many fixes were refused meanwhile.</summary>
    StoreRecovered,
    /// <summary>Recovery at start found damaged queue records: those fixes are lost; the message lists their sequence numbers.</summary>
    FixesLost,
}
