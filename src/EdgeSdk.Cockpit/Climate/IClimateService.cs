using EdgeSdk.Cockpit.Protocol;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Climate for in-process callers: the same contract as the gRPC <c>edgesdk.cockpit.v1.ClimateService</c>. A request
/// sets actuator targets; the zone's current values change when the vehicle reports them.
/// </summary>
public interface IClimateService : ICockpitService
{
    /// <summary>The newest state of every zone.</summary>
    ClimateState GetClimate();

    /// <summary>The newest state, then one per change.</summary>
    IAsyncEnumerable<ClimateState> WatchClimateAsync(CancellationToken cancellationToken = default);

    /// <summary>Requests settings for one zone; errors are typed in the reply and nothing is requested then.</summary>
    Task<SetZoneReply> SetZoneAsync(SetZoneRequest request, CancellationToken cancellationToken = default);
}
