using EdgeSdk.Cockpit.Protocol;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Navigation for in-process callers: the same contract as the gRPC <c>edgesdk.cockpit.v1.NavigationService</c>.
/// Positions and progress are shared between readers: do not modify them.
/// </summary>
public interface INavigationService : ICockpitService
{
    /// <summary>The newest position (<see cref="Position.HasFix"/> false before the first fix).</summary>
    Position GetPosition();

    /// <summary>The newest position, then one per fix.</summary>
    IAsyncEnumerable<Position> WatchPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the route; on error (typed in the reply) the previous route stays.</summary>
    SetRouteReply SetRoute(SetRouteRequest request);

    /// <summary>Removes the route.</summary>
    void ClearRoute();

    /// <summary>Progress along the route at the newest position.</summary>
    RouteProgress GetRouteProgress();

    /// <summary>The newest progress, then one per position (and one when the route changes).</summary>
    IAsyncEnumerable<RouteProgress> WatchRouteProgressAsync(CancellationToken cancellationToken = default);
}
