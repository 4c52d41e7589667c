using System.Collections.Concurrent;
using EdgeSdk.Telemetry.Broker;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// The embedded broker's process restarted from its state directory: every QoS 1 message it acknowledged to a
/// device reaches the persistent subscriber it was routed to (the loss DeviceStreamTests' own-events test saw now
/// and then against this broker, never against mosquitto). Plain MQTTnet clients, so the only moving parts are
/// the broker's.
/// </summary>
public sealed class BrokerRestartPersistenceTests
{
    private const string Topic = "fleet/test/own/truck-x";

    [Fact]
    public async Task Every_acknowledged_message_reaches_a_subscriber_taking_its_session_back_right_after_a_restart()
    {
        const int Rounds = 20;
        var lost = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            string? missing = await RoundAsync(round);
            if (missing != null)
            {
                lost.Add($"round {round}: {missing}");
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} of {Rounds} rounds lost acknowledged messages: {string.Join("; ", lost)}");
    }

    /// <summary>
    /// What the broker acknowledged to a device and still owed a persistent subscriber when its process stopped:
    /// queued while the subscriber was offline, or delivered but not yet acknowledged by it. Both must reach the
    /// subscriber after the restart, as with mosquitto's persistence.
    /// </summary>
    [Theory]
    [InlineData("queued-while-offline")]
    [InlineData("delivered-not-acknowledged")]
    public async Task What_the_broker_owed_a_persistent_subscriber_when_it_stopped_reaches_it_after_the_restart(string owed)
    {
        const int Messages = 20;
        TimeSpan wait = TimeSpan.FromSeconds(5);
        string state = Telemetry.TempDirectory();
        var broker = new EmbeddedBroker(stateDirectory: state);
        int port = broker.Port;
        var received = new ConcurrentDictionary<int, int>();
        var holdAcknowledgements = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int delivered = 0;
        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += async e =>
        {
            int n = int.Parse(e.ApplicationMessage.ConvertPayloadToString(), System.Globalization.CultureInfo.InvariantCulture);
            if (owed == "delivered-not-acknowledged" && !holdAcknowledgements.Task.IsCompleted)
            {
                Interlocked.Increment(ref delivered);
                await holdAcknowledgements.Task; // the PUBACK waits: the message stays in flight at the broker
                return; // delivered on a connection that is gone by now: not processed, the broker owes it
            }

            received.AddOrUpdate(n, 1, (_, c) => c + 1);
        };
        MqttClientOptions subscriberOptions = PersistentSubscriber(port, "platform-owed").WithReceiveMaximum(Messages).Build();
        try
        {
            await broker.StartAsync();
            await subscriber.ConnectAsync(subscriberOptions);
            await SubscribeAsync(subscriber);
            if (owed == "queued-while-offline")
            {
                await subscriber.DisconnectAsync();
            }

            using (IMqttClient device = new MqttClientFactory().CreateMqttClient())
            {
                await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("truck-owed").Build());
                for (int n = 0; n < Messages; n++)
                {
                    MqttClientPublishResult result = await device.PublishAsync(new MqttApplicationMessageBuilder()
                        .WithTopic(Topic)
                        .WithPayload(n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build());
                    Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
                }
            }

            if (owed == "delivered-not-acknowledged")
            {
                await Collector.WaitUntilAsync(() => Volatile.Read(ref delivered) > 0, wait); // the first in its handler, the rest behind it
            }

            await broker.DisposeAsync(); // the process stops
            await Collector.WaitUntilAsync(() => !subscriber.IsConnected, wait);
            holdAcknowledgements.SetResult();
            broker = new EmbeddedBroker(port, stateDirectory: state);
            await broker.StartAsync();
            // MQTTnet may still be tearing the dropped connection down ("connect/disconnect is pending"): retry until let in.
            using var giveUp = new CancellationTokenSource(wait * Collector.BusyMachineFactor);
            MqttClientConnectResult back = await ConnectWhenLetInAsync(subscriber, subscriberOptions, giveUp.Token);
            Assert.True(back.IsSessionPresent);

            await Collector.WaitUntilAsync(() => received.Count == Messages, wait, () => $"received {string.Join(", ", received.Keys.Order())}");
            Assert.Equal(Enumerable.Range(0, Messages), received.Keys.Order());
        }
        finally
        {
            holdAcknowledgements.TrySetResult();
            await broker.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Messages_delivered_to_a_qos0_subscription_are_not_delivered_again_after_a_restart()
    {
        // A QoS 1 message goes to a QoS 0 subscription at QoS 0: never acknowledged, so never owed. Kept as owed, the
        // broker sent all of them once more after its restart.
        await WithRestartAsync("platform-qos0", MqttQualityOfServiceLevel.AtMostOnce, stayConnected: true,
            [("0", 0), ("1", 0), ("2", 0), ("3", 0), ("4", 0)],
            received => Assert.Equal(["end"], received.Select(m => m.Payload)));
    }

    [Fact]
    public async Task A_restart_passes_on_only_the_message_expiry_left_and_drops_what_ran_out()
    {
        // Owed to an offline subscriber: one message that may wait 2 s, one an hour. The broker is down for longer
        // than 2.5 s. Restored with their full expiry, the first was still delivered and the second's clock restarted.
        await WithRestartAsync("platform-expiry", MqttQualityOfServiceLevel.AtLeastOnce, stayConnected: false,
            [("short", 2), ("long", 3600)],
            received =>
            {
                Assert.Equal(["long", "end"], received.Select(m => m.Payload));
                Assert.InRange(received[0].ExpirySeconds, 1u, 3598u); // at least 2.5 s gone, rounded up
            },
            downFor: TimeSpan.FromSeconds(2.5));
    }

    // A persistent subscriber at the given QoS (connected throughout, or offline while the messages come); a device
    // publishes the messages (payload, expiry seconds; 0 = none) at QoS 1; the broker restarts from its state
    // directory (at least downFor after the last message was acknowledged); the subscriber takes its session back and
    // the device sends "end". Checks what the subscriber got after the restart, "end" last.
    private static async Task WithRestartAsync(string clientId, MqttQualityOfServiceLevel subscriptionQos, bool stayConnected,
        (string Payload, uint Expiry)[] messages, Action<List<(string Payload, uint ExpirySeconds)>> check, TimeSpan downFor = default)
    {
        TimeSpan wait = TimeSpan.FromSeconds(5);
        string state = Telemetry.TempDirectory();
        var broker = new EmbeddedBroker(stateDirectory: state);
        int port = broker.Port;
        var received = new List<(string Payload, uint ExpirySeconds)>();
        bool restarted = false;
        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                if (Volatile.Read(ref restarted))
                {
                    received.Add((e.ApplicationMessage.ConvertPayloadToString(), e.ApplicationMessage.MessageExpiryInterval));
                }
                else
                {
                    received.Add(("before:" + e.ApplicationMessage.ConvertPayloadToString(), 0));
                }
            }

            return Task.CompletedTask;
        };
        MqttClientOptions subscriberOptions = PersistentSubscriber(port, clientId).Build();
        try
        {
            await broker.StartAsync();
            await subscriber.ConnectAsync(subscriberOptions);
            await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic("fleet/test/own/#").WithQualityOfServiceLevel(subscriptionQos)).Build());
            if (!stayConnected)
            {
                await subscriber.DisconnectAsync();
            }

            await PublishAsync(port, messages);
            var published = System.Diagnostics.Stopwatch.StartNew();
            if (stayConnected)
            {
                await Collector.WaitUntilAsync(() => { lock (received) { return received.Count == messages.Length; } }, wait);
                lock (received)
                {
                    received.Clear();
                }
            }

            await broker.DisposeAsync(); // the process stops
            await Collector.WaitUntilAsync(() => !subscriber.IsConnected, wait);
            if (published.Elapsed < downFor)
            {
                await Task.Delay(downFor - published.Elapsed); // a lower bound on the outage: a busy machine only lengthens it
            }

            Volatile.Write(ref restarted, true);
            broker = new EmbeddedBroker(port, stateDirectory: state);
            await broker.StartAsync();
            using var giveUp = new CancellationTokenSource(wait * Collector.BusyMachineFactor);
            Assert.True((await ConnectWhenLetInAsync(subscriber, subscriberOptions, giveUp.Token)).IsSessionPresent);
            await PublishAsync(port, [("end", 0)]);
            await Collector.WaitUntilAsync(() => { lock (received) { return received.Any(m => m.Payload == "end"); } }, wait);
            lock (received)
            {
                check(received);
            }
        }
        finally
        {
            await broker.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task PublishAsync(int port, (string Payload, uint Expiry)[] messages)
    {
        using IMqttClient device = new MqttClientFactory().CreateMqttClient();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(5) * Collector.BusyMachineFactor);
        await ConnectWhenLetInAsync(device, new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId("truck-restart").Build(), giveUp.Token);
        foreach ((string payload, uint expiry) in messages)
        {
            MqttClientPublishResult result = await device.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithMessageExpiryInterval(expiry)
                .Build());
            Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        }

        await device.DisconnectAsync();
    }

    /// <summary>One restart; returns what the subscriber never got, or null.</summary>
    private static async Task<string?> RoundAsync(int round)
    {
        const int Messages = 40;
        TimeSpan wait = TimeSpan.FromSeconds(5);
        string state = Telemetry.TempDirectory();
        var broker = new EmbeddedBroker(stateDirectory: state);
        int port = broker.Port;
        var received = new ConcurrentDictionary<int, int>();
        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.AddOrUpdate(int.Parse(e.ApplicationMessage.ConvertPayloadToString()), 1, (_, n) => n + 1);
            return Task.CompletedTask;
        };
        MqttClientOptions subscriberOptions = PersistentSubscriber(port, $"platform-takeover-{round}").Build();
        try
        {
            await broker.StartAsync();
            await subscriber.ConnectAsync(subscriberOptions);
            await SubscribeAsync(subscriber);

            // The restart of the process, with the subscriber connected when the broker stops (as the platform
            // was): a new broker on the same port, whose sessions come only from the state directory.
            await broker.DisposeAsync();
            await Collector.WaitUntilAsync(() => !subscriber.IsConnected, wait);
            broker = new EmbeddedBroker(port, stateDirectory: state);

            // Both retry through the outage, as the platform and a tracker do, and so come back the moment the
            // broker lets clients in: the subscriber takes its restored session back (no new SUBSCRIBE, the session
            // is present) while the device publishes.
            using IMqttClient device = new MqttClientFactory().CreateMqttClient();
            MqttClientOptions deviceOptions = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithClientId($"truck-x-{round}")
                .Build();
            using var giveUp = new CancellationTokenSource(wait * Collector.BusyMachineFactor);
            Task<MqttClientConnectResult> takeBack = ConnectWhenLetInAsync(subscriber, subscriberOptions, giveUp.Token);
            Task<List<int>> publishing = Task.Run(async () =>
            {
                await ConnectWhenLetInAsync(device, deviceOptions, giveUp.Token);
                var acknowledged = new List<int>();
                for (int n = 0; n < Messages; n++)
                {
                    MqttClientPublishResult result;
                    try
                    {
                        result = await device.PublishAsync(new MqttApplicationMessageBuilder()
                            .WithTopic(Topic)
                            .WithPayload(n.ToString(System.Globalization.CultureInfo.InvariantCulture))
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                            .Build(), giveUp.Token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        await ConnectWhenLetInAsync(device, deviceOptions, giveUp.Token); // not acknowledged: the broker owes nothing
                        continue;
                    }

                    if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                    {
                        acknowledged.Add(n); // routed to a subscriber: the broker now owes it to the platform
                    }
                }

                return acknowledged;
            });
            await broker.StartAsync();
            if (broker.SessionsRestored != 1)
            {
                return $"{broker.SessionsRestored} sessions restored";
            }

            List<int> acknowledged = await publishing;
            MqttClientConnectResult connected = await takeBack;
            if (!connected.IsSessionPresent)
            {
                return "the restored session was not present";
            }

            if (acknowledged.Count == 0)
            {
                return "nothing was routed to the restored session";
            }

            try
            {
                await Collector.WaitUntilAsync(() => acknowledged.All(received.ContainsKey), wait);
            }
            catch (TimeoutException)
            {
                // Reported below with the round's other losses, not as this round's failure alone.
            }
            int[] missing = acknowledged.Where(n => !received.ContainsKey(n)).ToArray();
            return missing.Length == 0 ? null : $"{missing.Length} of {acknowledged.Count} acknowledged never arrived (#{string.Join(", #", missing)})";
        }
        finally
        {
            await broker.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<MqttClientConnectResult> ConnectWhenLetInAsync(IMqttClient client, MqttClientOptions options, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                MqttClientConnectResult result = await client.ConnectAsync(options, cancellationToken);
                if (result.ResultCode == MqttClientConnectResultCode.Success && client.IsConnected)
                {
                    return result;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Task.Yield(); // not listening yet, or ServerBusy while the saved sessions are restored
            }
        }
    }

    // A persistent session (clean start false, an hour's expiry), as the platform's consumer keeps.
    private static MqttClientOptionsBuilder PersistentSubscriber(int port, string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithClientId(clientId)
        .WithCleanStart(false)
        .WithSessionExpiryInterval(3600);

    private static Task<MqttClientSubscribeResult> SubscribeAsync(IMqttClient subscriber) => subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
        .WithTopicFilter(f => f.WithTopic("fleet/test/own/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
}
