using EdgeSdk.Cockpit.Protocol;

namespace EdgeSdk.Cockpit;

/// <summary>
/// One alert rule: conditions over signals (all, or any, must hold), de-bounced: raised after they have held for
/// <see cref="RaiseAfterMilliseconds"/>, cleared after they have not held for <see cref="ClearAfterMilliseconds"/>.
/// </summary>
public sealed class AlertRule
{
    internal AlertRule(string id, AlertSeverity severity, string message, bool any, IReadOnlyList<AlertCondition> conditions, int raiseAfterMilliseconds, int clearAfterMilliseconds)
    {
        Id = id;
        Severity = severity;
        Message = message;
        Any = any;
        Conditions = conditions;
        RaiseAfterMilliseconds = raiseAfterMilliseconds;
        ClearAfterMilliseconds = clearAfterMilliseconds;
    }

    /// <summary>The rule's id (unique in its file); the alert's id.</summary>
    public string Id { get; }

    /// <summary>How serious the alert is.</summary>
    public AlertSeverity Severity { get; }

    /// <summary>The alert's text.</summary>
    public string Message { get; }

    /// <summary>True when any condition raises the alert (<c>"when": "any"</c>), false when all must hold.</summary>
    public bool Any { get; }

    /// <summary>The conditions.</summary>
    public IReadOnlyList<AlertCondition> Conditions { get; }

    /// <summary>How long the conditions must hold before the alert is raised, milliseconds.</summary>
    public int RaiseAfterMilliseconds { get; }

    /// <summary>How long the conditions must stay false before the alert is cleared, milliseconds.</summary>
    public int ClearAfterMilliseconds { get; }

    /// <summary>The rule as the contract shows it.</summary>
    public AlertRuleInfo ToInfo()
    {
        var info = new AlertRuleInfo { Id = Id, Severity = Severity, Message = Message, RaiseAfterMs = (uint)RaiseAfterMilliseconds, ClearAfterMs = (uint)ClearAfterMilliseconds };
        info.Conditions.AddRange(Conditions.Select(c => c.ToString()));
        return info;
    }
}
