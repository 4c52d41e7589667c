using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EdgeSdk.Gnss;

/// <summary>
/// A subscription to a <see cref="GnssFixHub"/>, taken at once by <see cref="GnssFixHub.Subscribe"/>: it
/// queues every fix published from that moment, so a hosted service that subscribes in its constructor
/// misses none of the first fixes, whichever hosted service the host starts first. The queue is bounded:
/// when full, the oldest fix is dropped and counted in <see cref="Dropped"/>. Dispose to unsubscribe.
/// </summary>
public sealed class GnssFixSubscription : IDisposable
{
    private readonly BoundedFanOut<GnssFix>.Subscription _subscription;

    internal GnssFixSubscription(BoundedFanOut<GnssFix>.Subscription subscription) => _subscription = subscription;

    /// <summary>The queued fixes; completes when the hub completes (the receiver stopped) or on <see cref="Dispose"/>.</summary>
    public ChannelReader<GnssFix> Reader => _subscription.Reader;

    /// <summary>Fixes dropped because this subscription's queue was full (the oldest go first).</summary>
    public long Dropped => _subscription.Dropped;

    /// <summary>Reads the queued fixes and those still to come, until the hub completes or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<GnssFix> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (GnssFix fix in _subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return fix;
        }
    }

    /// <summary>Unsubscribes: no more fixes are queued, and reading ends after those already queued.</summary>
    public void Dispose() => _subscription.Dispose();
}
