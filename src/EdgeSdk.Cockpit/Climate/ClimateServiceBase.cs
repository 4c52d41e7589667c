using EdgeSdk.Cockpit.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to drive its own climate ECU: implement <see cref="SetZoneAsync"/> and call
/// <see cref="CockpitStateServiceBase{TState}.Publish"/> with every new state; the change stream and slow-subscriber handling are done here.
/// </summary>
public abstract class ClimateServiceBase : CockpitStateServiceBase<ClimateState>, IClimateService
{
    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread states.</summary>
    protected ClimateServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("climate", subscriberCapacity, (state, sequence) => state.Sequence = sequence, logger)
    {
    }

    /// <inheritdoc />
    public virtual ClimateState GetClimate() => Feed.Latest ?? new ClimateState();

    /// <inheritdoc />
    public virtual IAsyncEnumerable<ClimateState> WatchClimateAsync(CancellationToken cancellationToken = default) => Feed.SubscribeAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public abstract Task<SetZoneReply> SetZoneAsync(SetZoneRequest request, CancellationToken cancellationToken = default);
}
