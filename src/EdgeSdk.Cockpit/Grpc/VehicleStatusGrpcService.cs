using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;

namespace EdgeSdk.Cockpit;

/// <summary>Serves the registered <see cref="IVehicleStatusService"/> as <c>edgesdk.cockpit.v1.VehicleStatusService</c>.</summary>
public sealed class VehicleStatusGrpcService(IVehicleStatusService service) : Protocol.VehicleStatusService.VehicleStatusServiceBase
{
    /// <inheritdoc />
    public override Task<VehicleStatus> GetStatus(GetStatusRequest request, ServerCallContext context) => Task.FromResult(service.GetStatus());

    /// <inheritdoc />
    public override Task WatchStatus(WatchStatusRequest request, IServerStreamWriter<VehicleStatus> responseStream, ServerCallContext context)
        => GrpcStreaming.CopyAsync(service.WatchStatusAsync, responseStream, context);
}
