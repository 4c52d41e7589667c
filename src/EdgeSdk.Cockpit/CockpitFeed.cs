using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EdgeSdk.Cockpit;

/// <summary>
/// One service's change stream: the newest item, and a bounded queue per subscriber. When a subscriber's queue is
/// full its oldest item is dropped and counted, so a slow reader (a gRPC client on a bad link) never slows the
/// publisher or the other subscribers. Items are shared between subscribers: treat them as read-only.
/// </summary>
/// <typeparam name="T">The item type (a generated message).</typeparam>
public sealed class CockpitFeed<T>
    where T : class
{
    private readonly object _gate = new();
    private Subscriber[] _subscribers = [];
    private T? _latest;
    private long _published;
    private long _dropped;
    private bool _completed;

    /// <summary>Creates a feed whose subscribers keep at most <paramref name="subscriberCapacity"/> unread items.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="subscriberCapacity"/> is below 1.</exception>
    public CockpitFeed(int subscriberCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriberCapacity, 1);
        SubscriberCapacity = subscriberCapacity;
    }

    /// <summary>Unread items a subscriber keeps at most; beyond that its oldest is dropped.</summary>
    public int SubscriberCapacity { get; }

    /// <summary>The newest item, or null before the first.</summary>
    public T? Latest => Volatile.Read(ref _latest);

    /// <summary>What the feed has done so far.</summary>
    public CockpitStreamCounters Counters => new(
        Volatile.Read(ref _subscribers).Length, Interlocked.Read(ref _published), Interlocked.Read(ref _dropped));

    /// <summary>Makes <paramref name="item"/> the newest and queues it to every subscriber; never waits.</summary>
    public void Publish(T item) => Publish(item, null);

    /// <summary>
    /// Runs <paramref name="update"/> (the publisher's own state change) and publishes <paramref name="item"/> atomically
    /// with respect to new subscriptions, so a subscriber's initial items and its queued items never overlap or miss.
    /// </summary>
    public void Publish(T item, Action? update)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            update?.Invoke();
            // Under the lock so a new subscriber sees either this item as its first or receives it queued, never both.
            Volatile.Write(ref _latest, item);
            foreach (Subscriber subscriber in _subscribers)
            {
                subscriber.Channel.Writer.TryWrite(item);
            }

            _published++;
        }
    }

    /// <summary>
    /// Reads items from now on until the feed completes or <paramref name="cancellationToken"/> is cancelled. The
    /// first items are <paramref name="initial"/>'s (evaluated atomically with the registration), or the newest item
    /// when <paramref name="initial"/> is null.
    /// </summary>
    public async IAsyncEnumerable<T> SubscribeAsync(Func<IEnumerable<T>>? initial = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscriber = new Subscriber(this);
        lock (_gate)
        {
            IEnumerable<T> first = initial != null ? initial() : _latest is { } latest ? [latest] : [];
            foreach (T item in first)
            {
                subscriber.Channel.Writer.TryWrite(item);
            }

            if (_completed)
            {
                subscriber.Channel.Writer.TryComplete();
            }
            else
            {
                _subscribers = [.. _subscribers, subscriber];
            }
        }

        try
        {
            await foreach (T item in subscriber.Channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers = Array.FindAll(_subscribers, s => s != subscriber);
            }
        }
    }

    /// <summary>Ends every subscription after its queued items (the service stopped).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (Subscriber subscriber in _subscribers)
            {
                subscriber.Channel.Writer.TryComplete();
            }
        }
    }

    private sealed class Subscriber
    {
        public Subscriber(CockpitFeed<T> feed)
        {
            Channel = System.Threading.Channels.Channel.CreateBounded<T>(
                new BoundedChannelOptions(feed.SubscriberCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
                _ => Interlocked.Increment(ref feed._dropped));
        }

        public Channel<T> Channel { get; }
    }
}
