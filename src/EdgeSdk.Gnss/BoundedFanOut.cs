using System.Threading.Channels;

namespace EdgeSdk.Gnss;

/// <summary>
/// One producer, many subscribers, each with its own bounded queue: when a subscriber falls
/// behind, its oldest item is dropped and counted, so a slow reader never stalls the producer
/// or the other readers. Used by the fix hub, the gpsd server and the cockpit services' feeds.
/// </summary>
internal sealed class BoundedFanOut<T>
{
    private readonly object _gate = new();
    private Subscription[] _subscribers = [];
    private bool _completed;
    private long _dropped;

    public int Count => Volatile.Read(ref _subscribers).Length;

    /// <summary>Items dropped from any subscriber's full queue, over the fan-out's life.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// A new subscriber whose queue starts with <paramref name="initial"/>'s items, evaluated under the same lock as
    /// <see cref="PublishAtomically"/>: its first items and its queued items never overlap or miss one.
    /// </summary>
    public Subscription Subscribe(int capacity, Func<IEnumerable<T>>? initial = null)
    {
        var subscription = new Subscription(this, capacity);
        lock (_gate)
        {
            foreach (T item in initial?.Invoke() ?? [])
            {
                subscription.Writer.TryWrite(item);
            }

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

    /// <summary>Runs <paramref name="update"/> (the publisher's own state change) and publishes, atomically with respect to <see cref="Subscribe"/>.</summary>
    public void PublishAtomically(T item, Action update)
    {
        lock (_gate)
        {
            update();
            Publish(item);
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
                _ =>
                {
                    Interlocked.Increment(ref _dropped);
                    Interlocked.Increment(ref owner._dropped);
                });
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
