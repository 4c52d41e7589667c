using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeSdk.Telemetry.Tests;

public class ConsumerTests
{
    [Fact]
    public async Task Malformed_and_oversized_payloads_are_counted_and_skipped_and_good_ones_still_arrive()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri), maxPayloadBytes: 1024);
        await using var _ = consumer;
        using IMqttClient raw = new MqttClientFactory().CreateMqttClient();
        await raw.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build());
        string topic = TelemetryTopics.Fix("test", "truck-e");
        GnssFix[] fixes = SyntheticDrive.Fixes(3).ToArray();
        Envelope Good(ulong sequence) => new() { DeviceId = "truck-e", Sequence = sequence, SentTimeUnixMs = 1_795_680_000_000, Fixes = FixBatchCodec.Encode(fixes, 1_795_680_000_000) };
        Envelope badColumns = Good(1);
        badColumns.Fixes.Count = 1; // three entries per column for one fix

        async Task Send(string t, byte[] payload) => Assert.True((await raw.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(t).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).IsSuccess);

        await Send(topic, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);                                     // not protobuf
        await Send(topic, new byte[5000]);                                                      // oversized
        await Send(topic, badColumns.ToByteArray());                                            // breaks the column rules
        await Send(topic, new Envelope { DeviceId = "truck-e", Status = new DeviceStatus { Online = true } }.ToByteArray()); // wrong body for the topic
        Envelope spoofed = Good(1);
        spoofed.DeviceId = "truck-x";
        await Send(topic, spoofed.ToByteArray());                                               // device differs from the topic
        await Send(TelemetryTopics.Fix("test", "truck-e") + "/extra", Good(1).ToByteArray());   // not subscribed: never seen
        await Send(topic, Good(1).ToByteArray());
        await Send(topic, Good(1).ToByteArray());                                               // a resend: duplicates
        await Send(topic, Good(7).ToByteArray());                                               // 4..6 missing

        await Collector.WaitUntilAsync(() => consumer.Counters.Messages == 8, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 6, TimeSpan.FromSeconds(5));
        TelemetryConsumerCounters status = consumer.Counters;
        Assert.Equal(4, status.Malformed);
        Assert.Equal(1, status.Oversized);
        Assert.Equal(3, status.Duplicates);
        Assert.Equal(3, status.Gaps);
        Assert.Equal(6, status.Fixes);
        Assert.Equal([1L, 2, 3, 7, 8, 9], collector.Sequences("truck-e"));
        Assert.Equal(fixes[2].TimeUtc, collector.Fixes[2].TimeUtc);
    }

    [Fact]
    public async Task An_unreachable_broker_is_one_clear_error()
    {
        var unused = Mosquitto.Create(); // a free port with nothing listening
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Telemetry.Connection(unused.Uri) });
        IOException error = await Assert.ThrowsAsync<IOException>(() => consumer.StartAsync());
        Assert.Equal($"cannot connect to the MQTT broker at mqtt://127.0.0.1:{unused.Port}: connection refused (is the broker running? `edgesdk broker` starts one)", error.Message);
        await unused.DisposeAsync();
    }
}

public sealed class SharedSubscriptionTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task Consumers_in_one_shared_group_split_the_fleet_between_them()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        var consumers = new List<(TelemetryConsumer Consumer, Collector Collector)>();
        for (int i = 0; i < 2; i++)
        {
            var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Telemetry.Connection(broker.Uri), Fleet = "test", SharedSubscriptionGroup = "platform" });
            await consumer.StartAsync();
            consumers.Add((consumer, new Collector(consumer)));
        }

        try
        {
            await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-shared", _queue);
            await publisher.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(100))
            {
                publisher.TryEnqueue(fix);
            }

            await Collector.WaitUntilAsync(() => consumers.Sum(c => c.Collector.Fixes.Length) >= 100, TimeSpan.FromSeconds(10));
            long[] first = consumers[0].Collector.Sequences("truck-shared"), second = consumers[1].Collector.Sequences("truck-shared");
            Assert.NotEmpty(first);
            Assert.NotEmpty(second);
            Assert.Empty(first.Intersect(second));
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), first.Concat(second).Order());
        }
        finally
        {
            foreach ((TelemetryConsumer consumer, _) in consumers)
            {
                await consumer.DisposeAsync();
            }
        }
    }
}

public sealed class PublisherTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task A_queue_record_that_is_not_a_fix_is_skipped_counted_and_the_rest_still_goes()
    {
        using (DurableQueue queue = DurableQueue.Open(new DurableQueueOptions { Directory = _queue }))
        {
            queue.Append(FixBatchCodec.Encode(SyntheticDrive.Fixes(1).ToArray(), 0).ToByteArray());
            queue.Append([0xFF, 0xFF, 0xFF]);
            queue.Append(FixBatchCodec.Encode(SyntheticDrive.Fixes(1, first: 2).ToArray(), 0).ToByteArray());
        }

        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri));
        await using var _ = consumer;
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-odd", _queue);
        await publisher.StartAsync();
        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 2, TimeSpan.FromSeconds(10), () => $"{publisher.Counters}");
        Assert.Equal([1L, 3], collector.Sequences("truck-odd"));
        Assert.Equal(1, publisher.Counters.StoreFailures);
        Assert.Equal(SyntheticDrive.Start.AddSeconds(2), collector.Fixes[1].TimeUtc);
    }
}
