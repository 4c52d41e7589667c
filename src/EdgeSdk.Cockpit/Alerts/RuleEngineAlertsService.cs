using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The default alerts: an <see cref="AlertRuleEngine"/> over the <see cref="VssDatabroker"/>'s signals, with the rules of
/// <see cref="CockpitOptions.AlertRulesFile"/> (or the built-in ones). Rules are evaluated on every change of a signal
/// they read and every <see cref="CockpitOptions.AlertEvaluationIntervalMilliseconds"/> (for delays and staleness).
/// </summary>
public sealed class RuleEngineAlertsService : AlertsServiceBase
{
    private readonly VssDatabroker _broker;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly object _engineGate = new();
    private AlertRuleEngine? _engine;

    /// <summary>Loads and checks the rules.</summary>
    /// <exception cref="FileNotFoundException">The rule file does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">The rule file is invalid (the message names the file and the rule).</exception>
    public RuleEngineAlertsService(VssDatabroker broker, IOptions<CockpitOptions> options, TimeProvider? time = null, ILogger<RuleEngineAlertsService>? logger = null)
        : base((options ?? throw new ArgumentNullException(nameof(options))).Value.SubscriberCapacity, logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        _time = time ?? TimeProvider.System;
        _interval = TimeSpan.FromMilliseconds(options.Value.AlertEvaluationIntervalMilliseconds);
        RuleSet = options.Value.AlertRulesFile is { } file ? AlertRuleSet.Load(file, broker.Tree) : AlertRuleSet.LoadDefault(broker.Tree);
    }

    /// <summary>The rules evaluated.</summary>
    public AlertRuleSet RuleSet { get; }

    /// <inheritdoc />
    public override IReadOnlyList<AlertRuleInfo> ListRules() => [.. RuleSet.Rules.Select(r => r.ToInfo())];

    /// <inheritdoc />
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var engine = new AlertRuleEngine(RuleSet, Now());
        lock (_engineGate)
        {
            _engine = engine;
        }

        if (engine.Signals.Count == 0)
        {
            return;
        }

        VssError error = _broker.TrySubscribe(engine.Signals, VssDatabroker.MaxSubscriptionCapacity, out VssSubscription? subscription);
        if (error != VssError.None)
        {
            throw new InvalidOperationException($"alerts cannot subscribe to the databroker: {error}");
        }

        using (subscription)
        {
            Task ticking = TickAsync(stoppingToken);
            try
            {
                while (await subscription!.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    lock (_engineGate)
                    {
                        DateTime now = Now();
                        while (subscription.TryRead(out VssUpdate update))
                        {
                            // Staleness counts from when a value arrived here: the value's own timestamp may be a
                            // receiver's clock (GNSS time) rather than ours.
                            engine.Observe(update.Signal, update.Value, now);
                        }

                        Apply(engine.Evaluate(now));
                    }
                }
            }
            finally
            {
                await ticking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(_interval, _time, stoppingToken).ConfigureAwait(false);
            lock (_engineGate)
            {
                Apply(_engine!.Evaluate(Now()));
            }
        }
    }

    private void Apply(IReadOnlyList<AlertTransition> transitions)
    {
        foreach (AlertTransition t in transitions)
        {
            if (t.Raised)
            {
                Raise(t.Rule.Id, t.Rule.Severity, t.Rule.Message, t.AtUtc);
            }
            else
            {
                Clear(t.Rule.Id, t.AtUtc);
            }
        }
    }

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;
}
