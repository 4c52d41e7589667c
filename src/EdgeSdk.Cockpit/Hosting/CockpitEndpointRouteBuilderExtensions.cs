using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace EdgeSdk.Cockpit;

/// <summary>Maps the cockpit services' gRPC endpoints in an ASP.NET Core app.</summary>
public static class CockpitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>edgesdk.cockpit.v1</c>'s five services onto the registered implementations. Needs
    /// <see cref="CockpitServiceCollectionExtensions.AddEdgeSdkCockpit"/> and an HTTP/2 endpoint (plain-text gRPC:
    /// <c>listen.Protocols = HttpProtocols.Http2</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapEdgeSdkCockpit(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<VehicleStatusGrpcService>();
        endpoints.MapGrpcService<NavigationGrpcService>();
        endpoints.MapGrpcService<ClimateGrpcService>();
        endpoints.MapGrpcService<MediaGrpcService>();
        endpoints.MapGrpcService<AlertsGrpcService>();
        return endpoints;
    }
}
