using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;

namespace EdgeSdk.Cockpit;

/// <summary>Serves the registered <see cref="INavigationService"/> as <c>edgesdk.cockpit.v1.NavigationService</c>.</summary>
public sealed class NavigationGrpcService(INavigationService service) : Protocol.NavigationService.NavigationServiceBase
{
    /// <inheritdoc />
    public override Task<Position> GetPosition(GetPositionRequest request, ServerCallContext context) => Task.FromResult(service.GetPosition());

    /// <inheritdoc />
    public override Task WatchPosition(WatchPositionRequest request, IServerStreamWriter<Position> responseStream, ServerCallContext context)
        => GrpcStreaming.CopyAsync(service.WatchPositionAsync, responseStream, context);

    /// <inheritdoc />
    public override Task<SetRouteReply> SetRoute(SetRouteRequest request, ServerCallContext context) => Task.FromResult(service.SetRoute(request));

    /// <inheritdoc />
    public override Task<ClearRouteReply> ClearRoute(ClearRouteRequest request, ServerCallContext context)
    {
        service.ClearRoute();
        return Task.FromResult(new ClearRouteReply());
    }

    /// <inheritdoc />
    public override Task<RouteProgress> GetRouteProgress(GetRouteProgressRequest request, ServerCallContext context) => Task.FromResult(service.GetRouteProgress());

    /// <inheritdoc />
    public override Task WatchRouteProgress(WatchRouteProgressRequest request, IServerStreamWriter<RouteProgress> responseStream, ServerCallContext context)
        => GrpcStreaming.CopyAsync(service.WatchRouteProgressAsync, responseStream, context);
}
