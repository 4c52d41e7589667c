namespace EdgeSdk.Cockpit;

/// <summary>A rule's alert being raised or cleared by <see cref="AlertRuleEngine.Evaluate"/>.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Raised">True when raised, false when cleared.</param>
/// <param name="AtUtc">The evaluation time at which it happened.</param>
public readonly record struct AlertTransition(AlertRule Rule, bool Raised, DateTime AtUtc);
