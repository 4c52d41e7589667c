using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using MQTTnet;

namespace EdgeSdk.Fleet.Tests;

public sealed class BrokerRestartTests
{

    // Found by the load test: after mosquitto is restarted (SIGTERM, persistence on), an ingestor on its persistent
    // session must keep storing. Fixes published before and after the restart all land once. With a shared subscription
    // (issue 16) mosquitto 2.0 does not save the subscription (only non-shared ones go into mosquitto.db), so until the
    // ingestor has subscribed again the broker answers the devices "no matching subscribers" (PUBACK 0x10) and drops
    // the message; the devices here send again on that answer, as TelemetryPublisher.HoldWhenNoSubscriber does.
    [Theory]
    [InlineData(null)]
    [InlineData("platform")]
    public async Task An_ingestor_keeps_storing_after_the_broker_is_restarted(string? group)
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("restart");
        await using Mosquitto broker = await Mosquitto.StartAsync("allow_anonymous true\nmax_inflight_messages 1000\nlog_type all");
        await using var ingestor = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-restart", group: group));
        await ingestor.StartAsync();
        GnssFix[] drive = FleetTest.Fixes(300, 10, 30, FleetTest.Day.AddHours(6));

        async Task PublishAsync(int fromBatch, int toBatch)
        {
            using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);
            for (int batch = fromBatch; batch < toBatch; batch++)
            {
                await FleetTest.PublishAsync(device, "truck-r", 5, (ulong)(batch * 10) + 1, drive[(batch * 10)..((batch + 1) * 10)]);
            }
        }

        await PublishAsync(0, 10);
        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.FixesInserted == 100), TimeSpan.FromSeconds(10), () => $"{ingestor.Status}");
        await broker.StopAsync();
        await broker.StartAsync();
        await PublishAsync(10, 30);
        await FleetTest.WaitUntilAsync(async () => await ingestor.Store.CountFixesAsync() == 300, TimeSpan.FromSeconds(20),
            () => $"stored {ingestor.Store.CountFixesAsync().Result} of 300; {ingestor.Status}; broker log: " +
                string.Join('\n', broker.Log().Split('\n').Where(line => line.Contains("platform-restart", StringComparison.Ordinal)).TakeLast(60)));
        // The ingestor counts a batch after its commit is visible to other connections: wait for the count too.
        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.FixesInserted == 300), TimeSpan.FromSeconds(20), () => $"{ingestor.Status}");
        Assert.Null(ingestor.Status.LastError);
        Assert.Equal(300, ingestor.Status.FixesInserted);
    }

    // The same restart for a plain TelemetryConsumer that acknowledges on receipt (no store): narrows the stall above
    // down to the acknowledge-after-commit mode or not.
    [Theory]
    [InlineData(null)]
    [InlineData("platform")]
    public async Task A_consumer_acknowledging_on_receipt_keeps_receiving_after_the_broker_is_restarted(string? group)
    {
        await using Mosquitto broker = await Mosquitto.StartAsync("allow_anonymous true\nmax_inflight_messages 1000");
        TelemetryConsumerOptions options = FleetTest.Ingestor("unused", broker.Uri, clientId: "platform-auto", group: group).Consumer;
        await using var consumer = new TelemetryConsumer(options);
        await consumer.StartAsync();
        GnssFix[] drive = FleetTest.Fixes(300, 10, 30, FleetTest.Day.AddHours(7));
        int received = 0;
        using var reading = new CancellationTokenSource();
        Task reader = Task.Run(async () =>
        {
            await foreach (ReceivedFix _ in consumer.ReadFixesAsync(reading.Token))
            {
                Interlocked.Increment(ref received);
            }
        });

        async Task PublishAsync(int fromBatch, int toBatch)
        {
            using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);
            for (int batch = fromBatch; batch < toBatch; batch++)
            {
                await FleetTest.PublishAsync(device, "truck-a", 6, (ulong)(batch * 10) + 1, drive[(batch * 10)..((batch + 1) * 10)]);
            }
        }

        await PublishAsync(0, 10);
        await FleetTest.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref received) == 100), TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        await broker.StopAsync();
        await broker.StartAsync();
        await PublishAsync(10, 30);
        await FleetTest.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref received) == 300), TimeSpan.FromSeconds(20), () => $"received {received} of 300; {consumer.Counters}");
        await reading.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal(300, consumer.Counters.Fixes);
    }
}
