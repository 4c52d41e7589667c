using System.Threading.Channels;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>One connected browser's queue of messages (see <see cref="CockpitHmiHub.Connect"/>).</summary>
public sealed class CockpitHmiClient : IDisposable
{
    private readonly CockpitHmiHub _hub;
    private readonly Channel<string> _queue;
    private long _dropped;
    private int _disposed;

    internal CockpitHmiClient(CockpitHmiHub hub, int capacity)
    {
        _hub = hub;
        _queue = Channel.CreateBounded<string>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                _hub.CountDropped();
            });
    }

    /// <summary>The messages to send, oldest first.</summary>
    public ChannelReader<string> Messages => _queue.Reader;

    /// <summary>Messages this browser lost because it read too slowly.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Disconnects from the hub (counted once).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _hub.Disconnect(this);
        }
    }

    // Never waits: a full queue drops its oldest message (counted by the channel's callback).
    internal void Offer(string json) => _queue.Writer.TryWrite(json);
}
