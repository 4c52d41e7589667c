namespace EdgeSdk.Tracker;

/// <summary>
/// The MQTT client of the board (glue: nanoFramework.M2Mqtt over Wi-Fi; tests: MQTTnet against mosquitto).
/// Blocking by design: the firmware is one loop, and a publish returns only when the broker acknowledged it
/// (QoS 1) or the link gave up. Failures return false and leave the reason in <see cref="LastError"/>.
/// </summary>
public interface IMqttLink
{
    /// <summary>True while connected to the broker.</summary>
    bool IsConnected { get; }

    /// <summary>Why the last connect or publish failed, or null.</summary>
    string LastError { get; }

    /// <summary>
    /// Connects with a clean session and a retained QoS 1 Last Will. True when the broker accepted.
    /// </summary>
    /// <param name="clientId">The MQTT client ID.</param>
    /// <param name="willTopic">Topic of the Last Will.</param>
    /// <param name="willPayload">Payload of the Last Will (exactly <paramref name="willLength"/> bytes of it).</param>
    /// <param name="willLength">Bytes of <paramref name="willPayload"/> used.</param>
    bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength);

    /// <summary>Publishes at QoS 1 and waits for the broker's PUBACK; false when it did not come (the link is then usually down).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The message (exactly <paramref name="length"/> bytes of it).</param>
    /// <param name="length">Bytes of <paramref name="payload"/> used.</param>
    /// <param name="retain">The retain flag.</param>
    bool Publish(string topic, byte[] payload, int length, bool retain);
}
