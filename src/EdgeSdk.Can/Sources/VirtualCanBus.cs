
namespace EdgeSdk.Can;

/// <summary>
/// An in-process CAN bus: every frame sent reaches every subscriber, like a real bus where each node hears all
/// traffic. Each subscriber has a bounded queue; when a slow subscriber's queue is full the oldest frame is dropped
/// and counted (<see cref="VirtualCanBusSubscription.DroppedFrames"/>), so a sender never blocks.
/// </summary>
public sealed class VirtualCanBus
{
    private readonly Lock _gate = new();
    private VirtualCanBusSubscription[] _subscribers = [];

    /// <summary>Frames sent on the bus.</summary>
    public long SentFrames => Interlocked.Read(ref _sent);

    private long _sent;

    /// <summary>Sends a frame to every current subscriber. Never blocks.</summary>
    /// <param name="frame">The frame; subscribers share its data array, so do not change it afterwards.</param>
    public void Send(in CanFrame frame)
    {
        Interlocked.Increment(ref _sent);
        foreach (VirtualCanBusSubscription s in Volatile.Read(ref _subscribers))
        {
            s.Deliver(frame);
        }
    }

    /// <summary>Subscribes to all frames sent from now on.</summary>
    /// <param name="capacity">Frames queued before the oldest is dropped.</param>
    /// <returns>The subscription: a frame source; dispose it to leave the bus.</returns>
    public VirtualCanBusSubscription Subscribe(int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new VirtualCanBusSubscription(this, capacity);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Ends every subscription's frame stream (after the frames already queued).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (VirtualCanBusSubscription s in _subscribers)
            {
                s.Complete();
            }
        }
    }

    internal void Remove(VirtualCanBusSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers = Array.FindAll(_subscribers, s => s != subscription);
        }
    }
}
