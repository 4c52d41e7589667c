using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// Issue 16: a store that acknowledges after its commit may do so after the connection that delivered the message is
/// gone (a broker restart in between). That must not throw and must not lose the message: the broker redelivers it on
/// the new connection, where it is acknowledged. (The NullReferenceException MQTTnet 5.2 threw from an acknowledgement
/// during the reconnect itself, which stopped the fleet writer, needs that exact timing; the load test with broker
/// restarts covers it.)
/// </summary>
public sealed class AcknowledgeAcrossReconnectTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Theory]
    [InlineData(null)]
    [InlineData("platform")]
    public async Task A_message_acknowledged_after_a_broker_restart_is_redelivered_and_acknowledged_again(string? group)
    {
        await using Mosquitto broker = await Mosquitto.StartAsync("allow_anonymous true");
        TimeSpan wait = TimeSpan.FromSeconds(30) * Collector.BusyMachineFactor;
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = Telemetry.Connection(broker.Uri, clientId: $"store-{group}"),
            Fleet = "test",
            SharedSubscriptionGroup = group,
            AcknowledgeAfterStore = true,
        });
        await consumer.StartAsync();
        await using TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(broker.Uri), "truck-k", _queue, batch: 1);
        await publisher.StartAsync();
        Assert.True(publisher.TryEnqueue(SyntheticDrive.Fixes(1).First()));

        using var timeout = new CancellationTokenSource(wait);
        ReceivedMessage first = await consumer.Messages.ReadAsync(timeout.Token);
        await broker.StopAsync();
        await broker.StartAsync();
        ReceivedMessage again = await consumer.Messages.ReadAsync(timeout.Token); // the broker resends the unacknowledged one
        await first.AcknowledgeAsync(timeout.Token); // of the lost connection: skipped, no exception
        await again.AcknowledgeAsync(timeout.Token);

        Assert.Equal((first.DeviceId, first.QueueInstance, first.Sequence), (again.DeviceId, again.QueueInstance, again.Sequence));
        Assert.True(consumer.Counters.Connected);
        Assert.Null(consumer.Counters.LastError);
    }
}
