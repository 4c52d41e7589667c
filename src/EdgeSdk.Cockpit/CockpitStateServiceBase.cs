using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The part every cockpit service whose state is one stream of snapshots shares (climate, media, vehicle status):
/// <see cref="Publish"/> numbers each snapshot and hands it to a <see cref="CockpitFeed{T}"/>, which keeps the newest
/// and queues it to every subscriber, dropping (and counting) the oldest for a slow one. Alerts (events over a list of
/// active alerts) and navigation (positions and route progress, two streams) have their own bases.
/// </summary>
/// <typeparam name="TState">The snapshot type (a generated message with a sequence number).</typeparam>
public abstract class CockpitStateServiceBase<TState> : CockpitServiceBase
    where TState : class
{
    private readonly Action<TState, ulong> _setSequence;
    private long _sequence;

    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread snapshots.</summary>
    /// <param name="name">The service's name in logs and status.</param>
    /// <param name="subscriberCapacity">Unread snapshots a subscriber keeps at most.</param>
    /// <param name="setSequence">Stores the sequence number (1, 2, ...) in a snapshot being published.</param>
    /// <param name="logger">Optional logger.</param>
    protected CockpitStateServiceBase(string name, int subscriberCapacity, Action<TState, ulong> setSequence, ILogger? logger = null)
        : base(name, logger)
    {
        ArgumentNullException.ThrowIfNull(setSequence);
        Feed = new CockpitFeed<TState>(subscriberCapacity);
        _setSequence = setSequence;
    }

    /// <inheritdoc />
    public override CockpitStreamCounters StreamCounters => Feed.Counters;

    /// <summary>The change stream: the newest snapshot and the subscribers' queues.</summary>
    protected CockpitFeed<TState> Feed { get; }

    /// <summary>Publishes a new snapshot (its sequence number is set here); do not change it afterwards.</summary>
    protected void Publish(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _setSequence(state, (ulong)Interlocked.Increment(ref _sequence));
        Feed.Publish(state);
    }

    /// <inheritdoc />
    protected override void OnStopped() => Feed.Complete();
}
