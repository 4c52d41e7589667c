using System.Runtime.CompilerServices;

namespace EdgeSdk.Gnss;

/// <summary>
/// Shares one receiver's fixes with many readers in an app: each subscriber gets its own
/// bounded queue (a slow one loses its oldest fixes, counted, and never stalls the others),
/// and <see cref="Latest"/> is always the newest fix. Registered by <c>AddGnssReceiver</c>.
/// </summary>
public sealed class GnssFixHub
{
    private readonly BoundedFanOut<GnssFix> _fanOut = new();
    private GnssFix? _latest;

    /// <summary>The newest fix, or null before the first.</summary>
    public GnssFix? Latest => Volatile.Read(ref _latest);

    /// <summary>Number of current subscribers.</summary>
    public int SubscriberCount => _fanOut.Count;

    /// <summary>Hands a fix to every subscriber.</summary>
    public void Publish(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Volatile.Write(ref _latest, fix);
        _fanOut.Publish(fix);
    }

    /// <summary>Ends every subscription (the receiver stopped).</summary>
    public void Complete() => _fanOut.Complete();

    /// <summary>
    /// Subscribes now, before anything is read: every fix published from this call on is queued (at
    /// most <paramref name="capacity"/> unread; older ones are dropped and counted). Take it in a hosted
    /// service's constructor, which the host runs before it starts any hosted service, and no fix of
    /// the receiver's first ones is missed (a file source may have published them all before a service's
    /// <c>ExecuteAsync</c> runs). After the hub completed, the subscription is complete at once.
    /// </summary>
    public GnssFixSubscription Subscribe(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new GnssFixSubscription(_fanOut.Subscribe(capacity));
    }

    /// <summary>
    /// Reads fixes published from the first <c>MoveNextAsync</c> on (an async iterator subscribes when it is
    /// first read; use <see cref="Subscribe"/> to subscribe earlier), until the hub completes or
    /// <paramref name="cancellationToken"/> is cancelled. At most <paramref name="capacity"/> unread fixes
    /// are kept; older ones are dropped.
    /// </summary>
    public async IAsyncEnumerable<GnssFix> SubscribeAsync(int capacity = 64, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using GnssFixSubscription subscription = Subscribe(capacity);
        await foreach (GnssFix fix in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return fix;
        }
    }
}
