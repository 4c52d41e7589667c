using EdgeSdk.Cockpit.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to drive its own climate ECU: implement <see cref="SetZoneAsync"/> and call
/// <see cref="Publish"/> with every new state; the change stream and slow-subscriber handling are done here.
/// </summary>
public abstract class ClimateServiceBase : CockpitServiceBase, IClimateService
{
    private readonly CockpitFeed<ClimateState> _feed;
    private long _sequence;

    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread states.</summary>
    protected ClimateServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("climate", logger) => _feed = new CockpitFeed<ClimateState>(subscriberCapacity);

    /// <inheritdoc />
    public override CockpitStreamCounters StreamCounters => _feed.Counters;

    /// <inheritdoc />
    public virtual ClimateState GetClimate() => _feed.Latest ?? new ClimateState();

    /// <inheritdoc />
    public virtual IAsyncEnumerable<ClimateState> WatchClimateAsync(CancellationToken cancellationToken = default) => _feed.SubscribeAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public abstract Task<SetZoneReply> SetZoneAsync(SetZoneRequest request, CancellationToken cancellationToken = default);

    /// <summary>Publishes a new state (its sequence is set here); do not change it afterwards.</summary>
    protected void Publish(ClimateState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Sequence = (ulong)Interlocked.Increment(ref _sequence);
        _feed.Publish(state);
    }

    /// <inheritdoc />
    protected override void OnStopped() => _feed.Complete();
}
