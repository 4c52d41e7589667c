namespace EdgeSdk.Telemetry;

/// <summary>Settings of a <see cref="TelemetryConsumer"/>.</summary>
public sealed class TelemetryConsumerOptions
{
    /// <summary>The broker. Give a fixed <see cref="MqttConnectionOptions.ClientId"/> to get a persistent session.</summary>
    public MqttConnectionOptions Connection { get; init; } = new();

    /// <summary>Fleet to follow, or <c>+</c> for all (default).</summary>
    public string Fleet { get; init; } = "+";

    /// <summary>Device to follow (its <see cref="TelemetryPublisherOptions.DeviceId"/>), or <c>+</c> for all (default).</summary>
    public string DeviceId { get; init; } = "+";

    /// <summary>
    /// MQTT 5 shared-subscription group: consumers with the same group split the fleet's messages between
    /// them (<c>$share/GROUP/...</c>). Null for a plain subscription that sees everything.
    /// </summary>
    public string? SharedSubscriptionGroup { get; init; }

    /// <summary>
    /// With a fixed client ID, how long the broker keeps this consumer's session and queues its messages
    /// while it is away (default 1 h). Ignored without a client ID (a clean session each time).
    /// </summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Largest payload decoded (default 64 KiB); larger ones are counted as oversized and skipped.</summary>
    public int MaxPayloadBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// Largest MQTT packet this consumer accepts (default 1 MiB), announced to the broker as the MQTT 5
    /// Maximum Packet Size: the broker then never sends a bigger one (mosquitto drops it for this client
    /// and logs it), so a 200 MB junk message, retained or not, costs the consumer nothing and cannot
    /// break its connection. Payloads between <see cref="MaxPayloadBytes"/> and this limit still arrive
    /// and are counted in <see cref="TelemetryConsumerCounters.Oversized"/>; bigger ones are dropped by
    /// the broker, which does not tell the client. Must be larger than <see cref="MaxPayloadBytes"/>.
    /// </summary>
    public int MaxPacketBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Fixes buffered for the reader of <see cref="TelemetryConsumer.ReadFixesAsync"/> (default 10,000). When full,
    /// receiving waits (the broker holds the rest: nothing is dropped), so read the fixes.
    /// </summary>
    public int Capacity { get; init; } = 10_000;

    /// <summary>
    /// Device statuses, and separately device events, buffered for <see cref="TelemetryConsumer.ReadDeviceStatusAsync"/>
    /// and <see cref="TelemetryConsumer.ReadDeviceEventsAsync"/> (default 1,024 each). These never hold up fixes:
    /// when one is full, its oldest entry is dropped and counted in <see cref="TelemetryConsumerCounters.DeviceUpdatesDropped"/>
    /// (a consumer that reads only fixes keeps the newest of each; <see cref="TelemetryConsumer.DeviceStatuses"/> always has every device's latest).
    /// </summary>
    public int DeviceUpdateCapacity { get; init; } = 1_024;

    /// <summary>
    /// For a store (EdgeSdk.Fleet): when true, fix batches and device events go to
    /// <see cref="TelemetryConsumer.Messages"/> instead of <see cref="TelemetryConsumer.ReadFixesAsync"/>, are not
    /// de-duplicated in memory (the store does that, durably), and are acknowledged to the broker only when the
    /// reader calls <see cref="ReceivedMessage.AcknowledgeAsync"/>. Skipped messages (malformed, oversized, status)
    /// are acknowledged at once. Default false.
    /// </summary>
    public bool AcknowledgeAfterStore { get; init; }
}
