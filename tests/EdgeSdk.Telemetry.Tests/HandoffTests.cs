using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>The producer → queue hand-off counts and reports everything it refuses (issue 19 item 8).</summary>
public sealed class HandoffTests : IDisposable
{
    private readonly string _dir = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_full_hand_off_refuses_counts_and_reports_once_and_a_stopping_publisher_refuses_counted()
    {
        var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-handoff",
            QueueDirectory = _dir,
            HandoffCapacity = 4,
            Connection = Telemetry.Connection(new Uri("mqtt://127.0.0.1:1")),
        });
        var events = new List<TelemetryEvent>();
        publisher.EventRaised += (_, e) => events.Add(e);
        GnssFix[] fixes = SyntheticDrive.Fixes(12).ToArray();

        // Not started: nothing takes from the hand-off, so exactly its capacity is accepted.
        bool[] accepted = fixes[..10].Select(publisher.TryEnqueue).ToArray();
        Assert.Equal([true, true, true, true, false, false, false, false, false, false], accepted);
        Assert.Equal((4L, 6L), (publisher.Counters.Accepted, publisher.Counters.HandoffDropped));
        TelemetryEvent full = Assert.Single(events); // one line for the episode, not one per fix
        Assert.Equal(TelemetryEventKind.HandoffFull, full.Kind);

        await publisher.DisposeAsync();
        Assert.False(publisher.TryEnqueue(fixes[10]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await publisher.EnqueueAsync(fixes[11]));
        Assert.Equal((4L, 8L), (publisher.Counters.Accepted, publisher.Counters.HandoffDropped)); // 12 handed = 4 accepted + 8 refused
    }
}
