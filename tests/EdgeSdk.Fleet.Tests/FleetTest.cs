using System.Diagnostics;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeSdk.Fleet.Tests;

/// <summary>What the fleet tests share: quick reconnects and retries, a raw device that publishes exact envelopes, waiting.</summary>
public static class FleetTest
{
    /// <summary>How much slower than idle a busy shared 2-core machine may be before a wait counts as failed.</summary>
    public const int BusyMachineFactor = 6;

    public static readonly DateTime Day = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    public static FleetIngestorOptions Ingestor(string connectionString, Uri broker, string? clientId = null, string? group = null) => new()
    {
        ConnectionString = connectionString,
        RetryInitialDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        Consumer = new TelemetryConsumerOptions
        {
            Fleet = "test",
            SharedSubscriptionGroup = group,
            Connection = new MqttConnectionOptions
            {
                BrokerUri = broker,
                ClientId = clientId,
                ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
                ReconnectMaxDelay = TimeSpan.FromSeconds(1),
                ConnectTimeout = TimeSpan.FromSeconds(3),
            },
        },
    };

    /// <summary>Fixes along the equator eastwards from longitude <paramref name="startLongitude"/>, one per second, 0.001° apart.</summary>
    public static GnssFix[] Fixes(int count, double startLongitude, double latitude, DateTime start) =>
        Enumerable.Range(0, count).Select(i => new GnssFix
        {
            TimeUtc = start.AddSeconds(i),
            Mode = EdgeSdk.Gnss.FixMode.ThreeD,
            Quality = FixQuality.Autonomous,
            LatitudeDegrees = latitude,
            LongitudeDegrees = Math.Round(startLongitude + (0.001 * i), 7),
            AltitudeMslMeters = 50,
            SpeedMetersPerSecond = 12.5,
            CourseDegrees = 90,
            SatellitesUsed = 12,
        }).ToArray();

    public static async Task<IMqttClient> DeviceAsync(Uri broker)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).Build());
        return client;
    }

    /// <summary>Publishes one fix batch (QoS 1) as the telemetry publisher would: sequence numbers from <paramref name="sequence"/> upwards.</summary>
    public static async Task PublishAsync(IMqttClient device, string deviceId, ulong queueInstance, ulong sequence, IReadOnlyList<GnssFix> fixes)
    {
        long sent = new DateTimeOffset(fixes[^1].TimeUtc!.Value).ToUnixTimeMilliseconds();
        var envelope = new Envelope { DeviceId = deviceId, Sequence = sequence, QueueInstance = queueInstance, SentTimeUnixMs = sent, Fixes = FixBatchCodec.Encode(fixes, sent) };
        await PublishAsync(device, TelemetryTopics.Fix("test", deviceId), envelope.ToByteArray());
    }

    /// <summary>
    /// Publishes at QoS 1 until the broker has a subscriber for it, as a <see cref="TelemetryPublisher"/> with
    /// <see cref="TelemetryPublisherOptions.HoldWhenNoSubscriber"/> does: right after a restart mosquitto 2.0 has no
    /// shared subscriptions (it does not save them) and acknowledges with "no matching subscribers", dropping the message.
    /// </summary>
    public static async Task PublishAsync(IMqttClient device, string topic, byte[] payload)
    {
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            MqttClientPublishResult result = await device.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True(result.IsSuccess, result.ReasonString);
            if (result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                return;
            }

            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(10 * BusyMachineFactor), $"still no subscriber for {topic}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for a condition, giving up after <see cref="BusyMachineFactor"/> times the idle-machine expectation.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        timeout *= BusyMachineFactor;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"condition not met within {timeout.TotalSeconds} s. {describe?.Invoke()}");
            }

            await Task.Delay(50);
        }
    }
}
