using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Evaluates an <see cref="AlertRuleSet"/> over signal values: <see cref="Observe"/> each new value, then
/// <see cref="Evaluate"/> at a time; a rule is raised once its conditions have held for its raise delay and cleared
/// once they have not held for its clear delay (de-bouncing flicker around a limit). Time is passed in, so the engine
/// runs as well on a simulated clock as on the wall clock. Not thread-safe: one caller at a time.
/// </summary>
public sealed class AlertRuleEngine
{
    private readonly RuleState[] _rules;
    private readonly Dictionary<VssSignal, Observed> _values = [];
    private readonly DateTime _startedUtc;

    /// <summary>Creates an engine; staleness of never-seen signals counts from <paramref name="startedUtc"/>.</summary>
    public AlertRuleEngine(AlertRuleSet rules, DateTime startedUtc)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        _startedUtc = startedUtc;
        _rules = [.. rules.Rules.Select(r => new RuleState(r))];
        foreach (AlertCondition condition in rules.Rules.SelectMany(r => r.Conditions))
        {
            _values.TryAdd(condition.Signal, new Observed());
        }
    }

    /// <summary>The rules evaluated.</summary>
    public AlertRuleSet Rules { get; }

    /// <summary>The signals the rules read (subscribe to these).</summary>
    public IReadOnlyList<VssSignal> Signals => [.. _values.Keys];

    /// <summary>Records a signal's new value, received at <paramref name="receivedUtc"/>; values of other signals are ignored.</summary>
    public void Observe(VssSignal signal, in VssValue value, DateTime receivedUtc)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (_values.TryGetValue(signal, out Observed? observed) && !value.IsNone)
        {
            observed.Value = value;
            observed.ReceivedUtc = receivedUtc;
        }
    }

    /// <summary>True when the rule's alert is raised.</summary>
    public bool IsActive(string ruleId) => Array.Exists(_rules, r => r.Rule.Id == ruleId && r.Active);

    /// <summary>Evaluates every rule at <paramref name="nowUtc"/> and returns the alerts raised or cleared by it (usually none).</summary>
    public IReadOnlyList<AlertTransition> Evaluate(DateTime nowUtc)
    {
        List<AlertTransition>? transitions = null;
        foreach (RuleState state in _rules)
        {
            bool holds = Holds(state.Rule, nowUtc);
            if (holds != state.Holds || !state.Evaluated)
            {
                state.Holds = holds;
                state.Evaluated = true;
                state.SinceUtc = nowUtc;
            }

            double heldMilliseconds = (nowUtc - state.SinceUtc).TotalMilliseconds;
            if (!state.Active && holds && heldMilliseconds >= state.Rule.RaiseAfterMilliseconds)
            {
                state.Active = true;
                (transitions ??= []).Add(new AlertTransition(state.Rule, Raised: true, nowUtc));
            }
            else if (state.Active && !holds && heldMilliseconds >= state.Rule.ClearAfterMilliseconds)
            {
                state.Active = false;
                (transitions ??= []).Add(new AlertTransition(state.Rule, Raised: false, nowUtc));
            }
        }

        return transitions ?? (IReadOnlyList<AlertTransition>)[];
    }

    private bool Holds(AlertRule rule, DateTime nowUtc)
    {
        foreach (AlertCondition condition in rule.Conditions)
        {
            Observed observed = _values[condition.Signal];
            bool holds = condition.Holds(observed.Value, observed.ReceivedUtc, _startedUtc, nowUtc);
            if (holds == rule.Any)
            {
                return holds; // any: the first that holds decides; all: the first that fails decides
            }
        }

        return !rule.Any;
    }

    private sealed class Observed
    {
        public VssValue Value;
        public DateTime ReceivedUtc;
    }

    private sealed class RuleState(AlertRule rule)
    {
        public AlertRule Rule { get; } = rule;

        public bool Holds;
        public bool Evaluated;
        public bool Active;
        public DateTime SinceUtc;
    }
}
