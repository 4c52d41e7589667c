namespace EdgeSdk.Can.Tests;

public class VirtualCanBusTests
{
    [Fact]
    public async Task Every_subscriber_hears_every_frame_in_order()
    {
        var bus = new VirtualCanBus();
        using VirtualCanBusSubscription a = bus.Subscribe();
        using VirtualCanBusSubscription b = bus.Subscribe();
        for (uint i = 0; i < 100; i++)
        {
            bus.Send(new CanFrame(i, i, false, false, [(byte)i], "vcan"));
        }

        bus.Complete();
        var seenA = new List<uint>();
        await foreach (CanFrame f in a.ReadFramesAsync())
        {
            seenA.Add(f.Id);
        }

        var seenB = new List<uint>();
        await foreach (CanFrame f in b.ReadFramesAsync())
        {
            seenB.Add(f.Id);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (uint)i), seenA);
        Assert.Equal(seenA, seenB);
        Assert.Equal(100, bus.SentFrames);
    }

    [Fact]
    public async Task A_full_subscriber_drops_its_oldest_frames_and_counts_them()
    {
        var bus = new VirtualCanBus();
        using VirtualCanBusSubscription slow = bus.Subscribe(capacity: 10);
        for (uint i = 0; i < 25; i++)
        {
            bus.Send(new CanFrame(0, i, false, false, [], ""));
        }

        bus.Complete();
        var seen = new List<uint>();
        await foreach (CanFrame f in slow.ReadFramesAsync())
        {
            seen.Add(f.Id);
        }

        Assert.Equal(Enumerable.Range(15, 10).Select(i => (uint)i), seen);
        Assert.Equal(15, slow.DroppedFrames);
    }

    [Fact]
    public void A_disposed_subscription_no_longer_receives()
    {
        var bus = new VirtualCanBus();
        VirtualCanBusSubscription s = bus.Subscribe();
        bus.Send(new CanFrame(0, 1, false, false, [], ""));
        s.Dispose();
        bus.Send(new CanFrame(0, 2, false, false, [], ""));
        Assert.True(s.Reader.TryRead(out CanFrame first));
        Assert.Equal(1u, first.Id);
        Assert.False(s.Reader.TryRead(out _));
        Assert.True(s.Reader.Completion.IsCompleted);
    }
}
