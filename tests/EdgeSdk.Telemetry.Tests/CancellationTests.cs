using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>Every async start honours its token: a cancelled start leaves nothing running or locked.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task A_cancelled_publisher_start_opens_nothing_and_leaves_the_queue_free()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var unused = Mosquitto.Create();
        await using (TelemetryPublisher publisher = Telemetry.Publisher(Telemetry.Connection(unused.Uri), "truck-cancel", _queue))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.StartAsync(cancelled.Token));
            Assert.Null(publisher.Recovery);
            Assert.Equal(0, publisher.Counters.QueueInstanceId);
        }

        // The directory is not locked: a second publisher on it starts, and once started cannot start again.
        await using TelemetryPublisher second = Telemetry.Publisher(Telemetry.Connection(unused.Uri), "truck-cancel", _queue);
        await second.StartAsync();
        Assert.NotEqual(0, second.Counters.QueueInstanceId);
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
        await unused.DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_broker_start_does_not_listen()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var broker = new EmbeddedBroker();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => broker.StartAsync(cancelled.Token));
        Assert.False(broker.IsRunning);
        await broker.StartAsync(CancellationToken.None);
        Assert.True(broker.IsRunning);
        await broker.StopAsync(CancellationToken.None);
        Assert.False(broker.IsRunning);
    }
}
