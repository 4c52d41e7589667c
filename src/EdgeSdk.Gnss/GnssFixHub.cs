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
    /// Reads fixes published from now on, until the hub completes or <paramref name="cancellationToken"/>
    /// is cancelled. At most <paramref name="capacity"/> unread fixes are kept; older ones are dropped.
    /// </summary>
    public async IAsyncEnumerable<GnssFix> SubscribeAsync(int capacity = 64, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using BoundedFanOut<GnssFix>.Subscription subscription = _fanOut.Subscribe(capacity);
        await foreach (GnssFix fix in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return fix;
        }
    }
}
