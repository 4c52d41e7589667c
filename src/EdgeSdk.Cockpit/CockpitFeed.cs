using System.Runtime.CompilerServices;
using EdgeSdk.Gnss;

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
    private readonly BoundedFanOut<T> _fanOut = new();
    private T? _latest;
    private long _published;

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
    public CockpitStreamCounters Counters => new(_fanOut.Count, Interlocked.Read(ref _published), _fanOut.Dropped);

    /// <summary>Makes <paramref name="item"/> the newest and queues it to every subscriber; never waits.</summary>
    public void Publish(T item) => Publish(item, null);

    /// <summary>
    /// Runs <paramref name="update"/> (the publisher's own state change) and publishes <paramref name="item"/> atomically
    /// with respect to new subscriptions, so a subscriber's initial items and its queued items never overlap or miss.
    /// </summary>
    public void Publish(T item, Action? update)
    {
        ArgumentNullException.ThrowIfNull(item);
        _fanOut.PublishAtomically(item, () =>
        {
            update?.Invoke();
            Volatile.Write(ref _latest, item);
            Interlocked.Increment(ref _published);
        });
    }

    /// <summary>
    /// Reads items from now on until the feed completes or <paramref name="cancellationToken"/> is cancelled. The
    /// first items are <paramref name="initial"/>'s (evaluated atomically with the registration), or the newest item
    /// when <paramref name="initial"/> is null.
    /// </summary>
    public async IAsyncEnumerable<T> SubscribeAsync(Func<IEnumerable<T>>? initial = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using BoundedFanOut<T>.Subscription subscription = _fanOut.Subscribe(
            SubscriberCapacity, initial ?? (() => Volatile.Read(ref _latest) is { } latest ? [latest] : []));
        await foreach (T item in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Ends every subscription after its queued items (the service stopped).</summary>
    public void Complete() => _fanOut.Complete();
}
