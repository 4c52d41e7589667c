using System.Net;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Faults;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

public sealed class DeadLinkTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10); // WaitUntilAsync allows a busy machine 6 times that
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task A_connection_that_stops_answering_is_replaced_and_the_fixes_sent_into_it_arrive()
    {
        // The publisher reaches mosquitto through a relay whose open connection then goes silent for good (a tunnel, a
        // new cellular address): no FIN, no RST. MQTTnet pings only after a keep-alive period without sending, and the
        // publisher kept retrying on that connection, so before this it waited for TCP to give up (~15 min).
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-dead-link"));
        await using TelemetryConsumer _ = consumer;
        await using var relay = new TcpOutageRelay(new IPEndPoint(IPAddress.Loopback, broker.Port));
        MqttConnectionOptions connection = Telemetry.Connection(new Uri($"mqtt://127.0.0.1:{relay.Port}")) with
        {
            ConnectTimeout = TimeSpan.FromSeconds(1),
            AcknowledgeTimeout = TimeSpan.FromSeconds(2),
        }; // keep-alive: the default 15 s
        await using TelemetryPublisher publisher = Telemetry.Publisher(connection, "truck-tunnel", _queue, batch: 2);
        await publisher.StartAsync();
        GnssFix[] fixes = SyntheticDrive.Fixes(20).ToArray();
        foreach (GnssFix fix in fixes[..10])
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Acknowledged == 10, Wait, () => $"{publisher.Counters}");
        relay.Silence();
        foreach (GnssFix fix in fixes[10..])
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Acknowledged == 20, Wait, () => $"{publisher.Counters}; relayed connections {relay.Relayed}");
        await Collector.WaitUntilAsync(() => collector.Sequences("truck-tunnel").Distinct().Count() == 20, Wait, () => $"{consumer.Counters}");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), collector.Sequences("truck-tunnel").Distinct().Order());
        Assert.InRange(relay.Relayed, 2, 10);
        Assert.Equal(0, consumer.Counters.Gaps);
    }

    [Fact]
    public async Task A_slow_link_that_still_answers_is_kept_and_delivers()
    {
        // A congested cell or a loaded broker: every byte 1.5 s late, a 3 s round trip, longer than the connect timeout
        // (2 s) and inside the acknowledge timeout (10 s, the default). When a PUBACK had only the connect timeout,
        // each publish dropped the connection and connecting again over the slow link timed out too: nothing arrived.
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-slow-link"));
        await using TelemetryConsumer _ = consumer;
        await using var relay = new TcpOutageRelay(new IPEndPoint(IPAddress.Loopback, broker.Port));
        MqttConnectionOptions connection = Telemetry.Connection(new Uri($"mqtt://127.0.0.1:{relay.Port}")) with { ConnectTimeout = TimeSpan.FromSeconds(2) };
        await using TelemetryPublisher publisher = Telemetry.Publisher(connection, "truck-slow-cell", _queue, batch: 2);
        await publisher.StartAsync();
        GnssFix[] fixes = SyntheticDrive.Fixes(10).ToArray();
        foreach (GnssFix fix in fixes[..4])
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Acknowledged == 4, Wait, () => $"{publisher.Counters}");
        relay.Latency = TimeSpan.FromSeconds(1.5);
        foreach (GnssFix fix in fixes[4..])
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Acknowledged == 10, Wait, () => $"{publisher.Counters}; relayed connections {relay.Relayed}");
        await Collector.WaitUntilAsync(() => collector.Sequences("truck-slow-cell").Distinct().Count() == 10, Wait, () => $"{consumer.Counters}");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), collector.Sequences("truck-slow-cell").Order());
        Assert.Equal(1, relay.Relayed); // the slow connection was never given up
        Assert.Equal(0, consumer.Counters.Gaps);
    }
}
