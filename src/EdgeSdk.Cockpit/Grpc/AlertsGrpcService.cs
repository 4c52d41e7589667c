using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;

namespace EdgeSdk.Cockpit;

/// <summary>Serves the registered <see cref="IAlertsService"/> as <c>edgesdk.cockpit.v1.AlertsService</c>.</summary>
public sealed class AlertsGrpcService(IAlertsService service) : Protocol.AlertsService.AlertsServiceBase
{
    /// <inheritdoc />
    public override Task<ActiveAlerts> ListActive(ListActiveRequest request, ServerCallContext context)
    {
        var reply = new ActiveAlerts();
        reply.Alerts.AddRange(service.ListActive());
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task WatchAlerts(WatchAlertsRequest request, IServerStreamWriter<AlertEvent> responseStream, ServerCallContext context)
        => GrpcStreaming.CopyAsync(service.WatchAlertsAsync, responseStream, context);

    /// <inheritdoc />
    public override Task<AlertRules> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var reply = new AlertRules();
        reply.Rules.AddRange(service.ListRules());
        return Task.FromResult(reply);
    }
}
