using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeSdk.Fleet;

/// <summary>
/// A rogue device flooding the fleet's topics with messages no consumer may store: each kind below is one way a
/// broken or hostile device gets it wrong, and every one must be counted (malformed or oversized) and skipped.
/// </summary>
internal static class RogueClient
{
    // Larger than TelemetryConsumerOptions.MaxPayloadBytes (64 KiB), smaller than its MaxPacketBytes: delivered, then counted as oversized.
    private const int OversizedBytes = 70 * 1024;

    /// <summary>The kinds, in the order the burst cycles through them.</summary>
    private static readonly Func<string, int, Random, (string Kind, byte[] Payload)>[] Kinds =
    [
        (device, _, random) => ("fix", Garbage(random, 40)),                                               // not protobuf
        (device, i, _) => ("fix", FixEnvelope("someone-else", i, new FixBatch { Count = 1, TimeMs = { 1 } })),  // spoofs another device's ID
        (device, i, _) => ("fix", FixEnvelope(device, i, new FixBatch { Count = 2, TimeMs = { 1, 2, 3, 4 } })), // columns longer than the count
        (device, i, _) => ("fix", new Envelope { DeviceId = device, Sequence = (ulong)i, Status = new DeviceStatus { Online = true } }.ToByteArray()), // a status on the fix topic
        (device, _, _) => ("fix", new Envelope { DeviceId = device, Sequence = ulong.MaxValue, Fixes = new FixBatch { Count = 1, TimeMs = { 1 } } }.ToByteArray()), // sequence out of range
        (device, i, _) => ("command", FixEnvelope(device, i, new FixBatch { Count = 1, TimeMs = { 1 } })),     // a kind no consumer knows
        (device, _, random) => ("fix", Garbage(random, OversizedBytes)),                                    // oversized
    ];

    /// <summary>Publishes <paramref name="count"/> bad messages at QoS 1 as fast as the broker takes them; returns how many the broker accepted.</summary>
    public static async Task<int> BurstAsync(Uri broker, string fleet, int count, CancellationToken cancellationToken)
    {
        var random = new Random(16); // the same burst every run
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId($"{fleet}-rogue")
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build(), cancellationToken).ConfigureAwait(false);
        int accepted = 0;
        for (int i = 0; i < count; i++)
        {
            string device = $"rogue-{i % 10}";
            (string kind, byte[] payload) = Kinds[i % Kinds.Length](device, i, random);
            MqttClientPublishResult result = await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"{TelemetryTopics.Root}/{fleet}/{device}/{kind}").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                accepted++;
            }
        }

        await client.DisconnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return accepted;
    }

    private static byte[] FixEnvelope(string device, int sequence, FixBatch batch) =>
        new Envelope { DeviceId = device, Sequence = (ulong)sequence + 1, SentTimeUnixMs = 1, Fixes = batch }.ToByteArray();

    private static byte[] Garbage(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        bytes[0] = 0x00; // tag 0 is never a valid protobuf tag, so no random chance of a well-formed envelope
        return bytes;
    }
}
