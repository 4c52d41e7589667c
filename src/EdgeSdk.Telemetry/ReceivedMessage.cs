using MQTTnet;

namespace EdgeSdk.Telemetry;

/// <summary>
/// One decoded fix batch or device event from a <see cref="TelemetryConsumer"/> with
/// <see cref="TelemetryConsumerOptions.AcknowledgeAfterStore"/> set. The broker keeps it (unacknowledged,
/// redelivered to the session after a reconnect) until the reader calls <see cref="AcknowledgeAsync"/>,
/// which a store does only after its transaction committed.
/// </summary>
public sealed class ReceivedMessage
{
    private readonly MqttApplicationMessageReceivedEventArgs _delivery;
    private readonly Func<bool> _connectionStands;

    internal ReceivedMessage(MqttApplicationMessageReceivedEventArgs delivery, Func<bool> connectionStands, string fleet, string deviceId, ulong queueInstance,
        long sequence, DateTime sentUtc, IReadOnlyList<ReceivedFix> fixes, ReceivedDeviceEvent? deviceEvent)
    {
        _delivery = delivery;
        _connectionStands = connectionStands;
        Fleet = fleet;
        DeviceId = deviceId;
        QueueInstance = queueInstance;
        Sequence = sequence;
        SentUtc = sentUtc;
        Fixes = fixes;
        Event = deviceEvent;
    }

    /// <summary>Fleet, from the topic.</summary>
    public string Fleet { get; }

    /// <summary>Device, from the topic.</summary>
    public string DeviceId { get; }

    /// <summary>The publisher's queue instance: sequence numbers are unique per (device, queue instance).</summary>
    public ulong QueueInstance { get; }

    /// <summary>Sequence number of the envelope (of its first fix for a batch).</summary>
    public long Sequence { get; }

    /// <summary>When the device sent it.</summary>
    public DateTime SentUtc { get; }

    /// <summary>The batch's fixes, sequence numbers <see cref="Sequence"/> upwards; empty for an event. Not de-duplicated.</summary>
    public IReadOnlyList<ReceivedFix> Fixes { get; }

    /// <summary>The device event, or null for a fix batch.</summary>
    public ReceivedDeviceEvent? Event { get; }

    /// <summary>Sends the PUBACK. A lost connection is not an error: the broker redelivers and the store ignores the copy.</summary>
    public async Task AcknowledgeAsync(CancellationToken cancellationToken = default)
    {
        if (!_connectionStands())
        {
            return; // the connection that delivered it is gone: the broker resends it on the next one
        }

        try
        {
            await _delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or ObjectDisposedException or InvalidOperationException or OperationCanceledException
                                   or NullReferenceException) // MQTTnet 5.2 when the connection drops during the call
        {
            // The session that delivered it is gone; the broker resends it on the next one.
        }
    }
}
