using EdgeSdk.Telemetry;

namespace EdgeSdk.Fleet;

/// <summary>A snapshot of a <see cref="FleetIngestor"/>'s counters.</summary>
public sealed record FleetIngestorStatus
{
    /// <summary>Fix rows this ingestor inserted (committed).</summary>
    public long FixesInserted { get; init; }

    /// <summary>Fixes received that were already stored (redeliveries, or written by another consumer of the group).</summary>
    public long FixesAlreadyStored { get; init; }

    /// <summary>Event rows this ingestor inserted.</summary>
    public long EventsInserted { get; init; }

    /// <summary>Committed transactions.</summary>
    public long Transactions { get; init; }

    /// <summary>Messages acknowledged to the broker (each after the commit that stored it).</summary>
    public long MessagesAcknowledged { get; init; }

    /// <summary>Write attempts that failed (database down or refusing); each was retried, nothing acknowledged meanwhile.</summary>
    public long WriteFailures { get; init; }

    /// <summary>True while the last write attempt failed.</summary>
    public bool DatabaseDown { get; init; }

    /// <summary>The last write error, or null.</summary>
    public string? LastError { get; init; }

    /// <summary>Fix rows inserted from BeiDou short messages (path <c>satellite</c>), via <see cref="FleetIngestor.DeliverSatelliteFixesAsync"/>.</summary>
    public long SatelliteFixesInserted { get; init; }

    /// <summary>Satellite-delivered fixes that were already stored (by MQTT, or an earlier report).</summary>
    public long SatelliteFixesAlreadyStored { get; init; }

    /// <summary>MQTT copies of fixes stored by satellite: each upgraded its row in place (path <c>upgraded</c>), none added a row.</summary>
    public long FixesUpgraded { get; init; }

    /// <summary>The MQTT side's counters (malformed, oversized, connections, ...).</summary>
    public required TelemetryConsumerCounters Consumer { get; init; }
}
