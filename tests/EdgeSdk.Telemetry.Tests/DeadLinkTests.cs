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
        // The publisher's open connection goes silent for good (a tunnel, a new cellular address): no FIN, no RST.
        // MQTTnet pings only after a keep-alive period without sending, and the publisher kept retrying on that
        // connection, so before this it waited for TCP to give up (~15 min). Keep-alive: the default 15 s.
        (long[] sequences, int relayed, long gaps) = await SendThroughFaultAsync("truck-tunnel",
            c => c with { ConnectTimeout = TimeSpan.FromSeconds(1), AcknowledgeTimeout = TimeSpan.FromSeconds(2) },
            before: 10, total: 20, relay => relay.Silence());

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), sequences.Distinct().Order());
        Assert.InRange(relayed, 2, 10);
        Assert.Equal(0, gaps);
    }

    [Fact]
    public async Task A_slow_link_that_still_answers_is_kept_and_delivers()
    {
        // A congested cell or a loaded broker: every byte 1.5 s late, a 3 s round trip, longer than the connect timeout
        // (2 s) and inside the acknowledge timeout (10 s, the default). When a PUBACK had only the connect timeout,
        // each publish dropped the connection and connecting again over the slow link timed out too: nothing arrived.
        (long[] sequences, int relayed, long gaps) = await SendThroughFaultAsync("truck-slow-cell",
            c => c with { ConnectTimeout = TimeSpan.FromSeconds(2) },
            before: 4, total: 10, relay => relay.Latency = TimeSpan.FromSeconds(1.5));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), sequences.Order());
        Assert.Equal(1, relayed); // the slow connection was never given up
        Assert.Equal(0, gaps);
    }

    // A publisher reaches mosquitto through a TcpOutageRelay; `before` fixes are acknowledged, then the fault hits the
    // relay and the rest follow. Returns once all are acknowledged and received: the sequences the platform got, the
    // relayed connections and the platform's gaps.
    private async Task<(long[] Sequences, int Relayed, long Gaps)> SendThroughFaultAsync(string device,
        Func<MqttConnectionOptions, MqttConnectionOptions> tune, int before, int total, Action<TcpOutageRelay> fault)
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: $"platform-{device}"));
        await using TelemetryConsumer _ = consumer;
        await using var relay = new TcpOutageRelay(new IPEndPoint(IPAddress.Loopback, broker.Port));
        await using TelemetryPublisher publisher = Telemetry.Publisher(tune(Telemetry.Connection(new Uri($"mqtt://127.0.0.1:{relay.Port}"))), device, _queue, batch: 2);
        await publisher.StartAsync();
        GnssFix[] fixes = SyntheticDrive.Fixes(total).ToArray();
        foreach (GnssFix fix in fixes[..before])
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Acknowledged == before, Wait, () => $"{publisher.Counters}");
        fault(relay);
        foreach (GnssFix fix in fixes[before..])
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        await Collector.WaitUntilAsync(() => publisher.Counters.Acknowledged == total, Wait, () => $"{publisher.Counters}; relayed connections {relay.Relayed}");
        await Collector.WaitUntilAsync(() => collector.Sequences(device).Distinct().Count() == total, Wait, () => $"{consumer.Counters}");
        return (collector.Sequences(device).ToArray(), relay.Relayed, consumer.Counters.Gaps);
    }
}
