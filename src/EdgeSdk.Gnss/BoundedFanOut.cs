using System.Threading.Channels;

namespace EdgeSdk.Gnss;

/// <summary>
/// One producer, many subscribers, each with its own bounded queue: when a subscriber falls
/// behind, its oldest item is dropped and counted, so a slow reader never stalls the producer
/// or the other readers.
/// </summary>
internal sealed class BoundedFanOut<T>
{
    private readonly object _gate = new();
    private Subscription[] _subscribers = [];
    private bool _completed;

    public int Count => Volatile.Read(ref _subscribers).Length;

    public Subscription Subscribe(int capacity)
    {
        var subscription = new Subscription(this, capacity);
        lock (_gate)
        {
            if (_completed)
            {
                // Nothing will be published any more: a late subscriber ends at once instead of waiting forever.
                subscription.Writer.TryComplete();
                return subscription;
            }

            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    public void Publish(T item)
    {
        foreach (Subscription subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Writer.TryWrite(item);
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }

        foreach (Subscription subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Writer.TryComplete();
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers = Array.FindAll(_subscribers, s => s != subscription);
        }
    }

    /// <summary>One subscriber's queue; dispose to unsubscribe.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly BoundedFanOut<T> _owner;
        private readonly Channel<T> _channel;
        private long _dropped;

        public Subscription(BoundedFanOut<T> owner, int capacity)
        {
            _owner = owner;
            _channel = Channel.CreateBounded<T>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref _dropped));
        }

        public ChannelReader<T> Reader => _channel.Reader;

        internal ChannelWriter<T> Writer => _channel.Writer;

        /// <summary>Items dropped because this subscriber's queue was full.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        public void Dispose()
        {
            _owner.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
