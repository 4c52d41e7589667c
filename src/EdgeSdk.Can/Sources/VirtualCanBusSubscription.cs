using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EdgeSdk.Can;

/// <summary>One listener on a <see cref="VirtualCanBus"/>: a bounded, drop-oldest queue of frames.</summary>
public sealed class VirtualCanBusSubscription : ICanFrameSource, IDisposable
{
    private readonly VirtualCanBus _bus;
    private readonly Channel<CanFrame> _channel;
    private long _dropped;

    internal VirtualCanBusSubscription(VirtualCanBus bus, int capacity)
    {
        _bus = bus;
        _channel = Channel.CreateBounded<CanFrame>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Frames dropped because this subscriber's queue was full (oldest first).</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>The queue, for readers that prefer a <see cref="ChannelReader{T}"/>.</summary>
    public ChannelReader<CanFrame> Reader => _channel.Reader;

    /// <inheritdoc />
    public async IAsyncEnumerable<CanFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (CanFrame frame in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <summary>Leaves the bus and ends the frame stream.</summary>
    public void Dispose()
    {
        _bus.Remove(this);
        Complete();
    }

    internal void Deliver(in CanFrame frame) => _channel.Writer.TryWrite(frame);

    internal void Complete() => _channel.Writer.TryComplete();
}
