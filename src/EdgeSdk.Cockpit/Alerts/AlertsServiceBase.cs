using EdgeSdk.Cockpit.Protocol;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to raise alerts from its own logic: call <see cref="Raise"/> and <see cref="Clear"/>; the
/// active list, the event stream (active alerts first for a new subscriber) and slow-subscriber handling are done here.
/// </summary>
public abstract class AlertsServiceBase : CockpitServiceBase, IAlertsService
{
    private readonly CockpitFeed<AlertEvent> _feed;
    private readonly object _gate = new(); // Raise/Clear decisions and ListActive; taken before the feed's lock, never inside it
    private readonly List<Alert> _active = [];
    private long _sequence;

    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread events.</summary>
    protected AlertsServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("alerts", logger) => _feed = new CockpitFeed<AlertEvent>(subscriberCapacity);

    /// <inheritdoc />
    public override CockpitStreamCounters StreamCounters => _feed.Counters;

    /// <inheritdoc />
    public IReadOnlyList<Alert> ListActive()
    {
        lock (_gate)
        {
            return [.. _active];
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AlertEvent> WatchAlertsAsync(CancellationToken cancellationToken = default) => _feed.SubscribeAsync(
        () =>
        {
            // Called under the feed's lock, where Raise and Clear change _active too: no event is both initial and queued.
            return [.. _active.Select(a => new AlertEvent { Kind = AlertEventKind.Raised, Alert = a, At = a.RaisedAt })];
        },
        cancellationToken);

    /// <inheritdoc />
    public virtual IReadOnlyList<AlertRuleInfo> ListRules() => [];

    /// <summary>Raises an alert (nothing happens when <paramref name="ruleId"/> is already active).</summary>
    /// <returns>The event published, or null when the alert was already active.</returns>
    protected AlertEvent? Raise(string ruleId, AlertSeverity severity, string message, DateTime atUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        AlertEvent e;
        lock (_gate)
        {
            if (_active.Exists(a => a.RuleId == ruleId))
            {
                return null;
            }

            Timestamp at = Timestamp.FromDateTime(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc));
            var alert = new Alert { RuleId = ruleId, Severity = severity, Message = message ?? string.Empty, RaisedAt = at };
            e = new AlertEvent { Kind = AlertEventKind.Raised, Alert = alert, At = at, Sequence = (ulong)++_sequence };
            _feed.Publish(e, () => _active.Add(alert));
        }

        if (Logger != null)
        {
            CockpitLog.Alert(Logger, "raised", ruleId, e.Alert.Message);
        }

        return e;
    }

    /// <summary>Clears an active alert (nothing happens when it is not active).</summary>
    /// <returns>The event published, or null when the alert was not active.</returns>
    protected AlertEvent? Clear(string ruleId, DateTime atUtc)
    {
        AlertEvent e;
        lock (_gate)
        {
            int index = _active.FindIndex(a => a.RuleId == ruleId);
            if (index < 0)
            {
                return null;
            }

            Alert alert = _active[index];
            e = new AlertEvent { Kind = AlertEventKind.Cleared, Alert = alert, At = Timestamp.FromDateTime(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc)), Sequence = (ulong)++_sequence };
            _feed.Publish(e, () => _active.RemoveAt(index));
        }

        if (Logger != null)
        {
            CockpitLog.Alert(Logger, "cleared", ruleId, e.Alert.Message);
        }

        return e;
    }

    /// <inheritdoc />
    protected override void OnStopped() => _feed.Complete();
}
