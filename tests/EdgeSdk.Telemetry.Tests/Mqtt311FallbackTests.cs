using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;
using EdgeSdk.Telemetry.V1;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// A broker that speaks only MQTT 3.1.1: neither mosquitto nor MQTTnet refuse 5 by default, so this
/// MQTTnet.Server answers every MQTT 5 CONNECT with UnsupportedProtocolVersion.
/// </summary>
public sealed class Mqtt311FallbackTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory(), _killedQueue = Telemetry.TempDirectory();

    public void Dispose()
    {
        Directory.Delete(_queue, recursive: true);
        Directory.Delete(_killedQueue, recursive: true);
    }

    [Fact]
    public async Task A_broker_that_refuses_MQTT_5_gets_3_1_1_with_fixes_deduplication_status_and_Last_Will()
    {
        int port = FreeLoopbackPort();
        var refused = new ConcurrentQueue<string>();
        var accepted = new ConcurrentQueue<(string ClientId, MqttProtocolVersion Version)>();
        var fixMessages = new ConcurrentQueue<MqttApplicationMessage>();
        using MqttServer server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(port).Build());
        server.ValidatingConnectionAsync += e =>
        {
            if (e.ProtocolVersion == MqttProtocolVersion.V500)
            {
                e.ReasonCode = MqttConnectReasonCode.UnsupportedProtocolVersion;
                refused.Enqueue(e.ClientId);
            }
            else
            {
                accepted.Enqueue((e.ClientId, e.ProtocolVersion));
            }

            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += e =>
        {
            if (e.ApplicationMessage.Topic.EndsWith("/fix", StringComparison.Ordinal))
            {
                fixMessages.Enqueue(e.ApplicationMessage);
            }

            return Task.CompletedTask;
        };
        await server.StartAsync();
        var uri = new Uri($"mqtt://127.0.0.1:{port}");

        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(uri, clientId: "platform-311"));
        await using var _ = consumer;
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(uri), "truck-311", _queue);
        await publisher.StartAsync();
        const int total = 30;
        foreach (GnssFix fix in SyntheticDrive.Fixes(total))
        {
            Assert.True(publisher.TryEnqueue(fix));
        }

        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(20)), $"{publisher.Counters}");
        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= total, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        Assert.True(publisher.Counters.Connected);
        Assert.False(publisher.Counters.Mqtt5);
        Assert.Null(publisher.Counters.LastError);
        Assert.Equal(["platform-311", "edgesdk-test-truck-311"], refused.ToArray());
        Assert.Equal([("platform-311", MqttProtocolVersion.V311), ("edgesdk-test-truck-311", MqttProtocolVersion.V311)], accepted.ToArray());

        // 3.1.1 carries no user properties or content type; the fixes still decode and keep their order.
        MqttApplicationMessage first = fixMessages.First();
        Assert.Null(first.ContentType);
        Assert.Null(first.UserProperties);
        Assert.Equal(3, fixMessages.Count); // 30 fixes in batches of 10
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), collector.Sequences("truck-311"));
        Assert.Equal(SyntheticDrive.Start.AddSeconds(total - 1), collector.Fixes[^1].TimeUtc);

        // A resent batch (as after a lost PUBACK) is dropped by (device, seq).
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
            .WithTopic(first.Topic).WithPayload(first.Payload.ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
        await Collector.WaitUntilAsync(() => consumer.Counters.Duplicates == 10, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        Assert.Equal(total, collector.Fixes.Length);
        Assert.Equal(total, consumer.Counters.Fixes);
        Assert.Equal(0, consumer.Counters.Gaps);

        Assert.True(Status(await server.GetRetainedMessagesAsync(), "truck-311").Online);

        // Last Will: a publisher process killed with SIGKILL leaves a retained "offline" behind.
        using Process killed = StartPublisher(uri, _killedQueue);
        try
        {
            while (await killed.StandardOutput.ReadLineAsync() is { } line && !(line.StartsWith("fix", StringComparison.Ordinal) && int.Parse(line.Split(' ')[5]) >= 5))
            {
            }

            Assert.True(Status(await server.GetRetainedMessagesAsync(), "truck-311-kill").Online);
            killed.Kill(); // no DISCONNECT: the broker publishes the will
            await killed.WaitForExitAsync();
            await Collector.WaitUntilAsync(() => server.GetRetainedMessagesAsync().Result.Any(m => IsOffline(m, "truck-311-kill")),
                TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        }
        finally
        {
            if (!killed.HasExited)
            {
                killed.Kill();
            }
        }

        Assert.Equal(MqttProtocolVersion.V311, accepted.Last().Version);
        Assert.Equal("edgesdk-test-truck-311-kill", refused.Last());
        await server.StopAsync();
    }

    [Fact]
    public async Task A_3_1_1_only_broker_that_answers_MQTT_5_with_return_code_1_gets_3_1_1()
    {
        // What a 3.1.1 broker does with a protocol level it does not know (spec 3.1.2.2): CONNACK with
        // return code 0x01 in the 3.1.1 format, then close. The front answers level 5 so and passes 4 to mosquitto.
        await using Mosquitto broker = await Mosquitto.StartAsync();
        using var front = new TcpListener(IPAddress.Loopback, 0);
        front.Start();
        var levels = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        Task serving = ServeAsync(front, broker.Port, levels, stop.Token);
        var uri = new Uri($"mqtt://127.0.0.1:{((IPEndPoint)front.LocalEndpoint).Port}");

        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, clientId: "platform-level"));
        await using var _ = consumer;
        await using (TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(uri), "truck-level", _queue))
        {
            await publisher.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(20))
            {
                Assert.True(publisher.TryEnqueue(fix));
            }

            Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(20)), $"{publisher.Counters}");
            Assert.False(publisher.Counters.Mqtt5);
        }

        await Collector.WaitUntilAsync(() => collector.Fixes.Length >= 20, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), collector.Sequences("truck-level"));
        Assert.Equal([5, 4], levels.ToArray());
        await stop.CancelAsync();
        front.Stop();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task ServeAsync(TcpListener front, int backendPort, ConcurrentQueue<int> levels, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client = await front.AcceptTcpClientAsync(cancellationToken);
            _ = Task.Run(async () =>
            {
                using TcpClient c = client;
                NetworkStream stream = c.GetStream();
                // CONNECT: fixed header, remaining length (varint), then 00 04 'M' 'Q' 'T' 'T' and the level.
                var head = new List<byte> { await ReadByteAsync(stream) };
                byte b;
                do
                {
                    b = await ReadByteAsync(stream);
                    head.Add(b);
                }
                while ((b & 0x80) != 0);

                byte[] name = new byte[7];
                await stream.ReadExactlyAsync(name, cancellationToken);
                levels.Enqueue(name[6]);
                if (name[6] != 4)
                {
                    await stream.WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x01 }, cancellationToken);
                    return;
                }

                using var backend = new TcpClient();
                await backend.ConnectAsync(IPAddress.Loopback, backendPort, cancellationToken);
                NetworkStream upstream = backend.GetStream();
                await upstream.WriteAsync(head.Concat(name).ToArray(), cancellationToken);
                await Task.WhenAny(stream.CopyToAsync(upstream, cancellationToken), upstream.CopyToAsync(stream, cancellationToken));
            }, CancellationToken.None);
        }
    }

    private static async Task<byte> ReadByteAsync(NetworkStream stream)
    {
        byte[] one = new byte[1];
        await stream.ReadExactlyAsync(one);
        return one[0];
    }

    private static DeviceStatus Status(IList<MqttApplicationMessage> retained, string device) =>
        Envelope.Parser.ParseFrom(retained.Single(m => m.Topic == TelemetryTopics.Status("test", device)).Payload.ToArray()).Status;

    private static bool IsOffline(MqttApplicationMessage message, string device) =>
        message.Topic == TelemetryTopics.Status("test", device) && !Envelope.Parser.ParseFrom(message.Payload.ToArray()).Status.Online;

    private static Process StartPublisher(Uri broker, string queue)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string arg in new[] { typeof(SyntheticDrive).Assembly.Location, broker.ToString(), "truck-311-kill", queue, "0", "600", "20", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
