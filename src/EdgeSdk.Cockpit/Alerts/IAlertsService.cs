using EdgeSdk.Cockpit.Protocol;

namespace EdgeSdk.Cockpit;

/// <summary>Alerts for in-process callers: the same contract as the gRPC <c>edgesdk.cockpit.v1.AlertsService</c>.</summary>
public interface IAlertsService : ICockpitService
{
    /// <summary>The alerts raised and not cleared, oldest first.</summary>
    IReadOnlyList<Alert> ListActive();

    /// <summary>One <see cref="AlertEventKind.Raised"/> event per active alert, then every raise and clear.</summary>
    IAsyncEnumerable<AlertEvent> WatchAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>The rules the service evaluates (empty for a service without rules).</summary>
    IReadOnlyList<AlertRuleInfo> ListRules();
}
