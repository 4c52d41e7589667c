using EdgeSdk.Cockpit.Protocol;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Vehicle status for in-process callers: the same contract as the gRPC <c>edgesdk.cockpit.v1.VehicleStatusService</c>.
/// Snapshots are shared between readers: do not modify them (<c>Clone()</c> first).
/// </summary>
public interface IVehicleStatusService : ICockpitService
{
    /// <summary>The newest snapshot (fields absent until the vehicle reported them).</summary>
    VehicleStatus GetStatus();

    /// <summary>The newest snapshot, then one per change, until <paramref name="cancellationToken"/> is cancelled or the service stops.</summary>
    IAsyncEnumerable<VehicleStatus> WatchStatusAsync(CancellationToken cancellationToken = default);
}
