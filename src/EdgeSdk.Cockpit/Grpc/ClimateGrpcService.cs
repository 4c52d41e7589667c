using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;

namespace EdgeSdk.Cockpit;

/// <summary>Serves the registered <see cref="IClimateService"/> as <c>edgesdk.cockpit.v1.ClimateService</c>.</summary>
public sealed class ClimateGrpcService(IClimateService service) : Protocol.ClimateService.ClimateServiceBase
{
    /// <inheritdoc />
    public override Task<ClimateState> GetClimate(GetClimateRequest request, ServerCallContext context) => Task.FromResult(service.GetClimate());

    /// <inheritdoc />
    public override Task WatchClimate(WatchClimateRequest request, IServerStreamWriter<ClimateState> responseStream, ServerCallContext context)
        => GrpcStreaming.CopyAsync(service.WatchClimateAsync, responseStream, context);

    /// <inheritdoc />
    public override Task<SetZoneReply> SetZone(SetZoneRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return service.SetZoneAsync(request, context.CancellationToken);
    }
}
