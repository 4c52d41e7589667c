using EdgeSdk.Telemetry;

namespace EdgeSdk.Fleet;

/// <summary>Settings of a <see cref="FleetIngestor"/>.</summary>
public sealed class FleetIngestorOptions
{
    /// <summary>The database, as an Npgsql connection string.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The subscription: broker, fleet, shared-subscription group, and a fixed client ID (required: the broker
    /// keeps the unacknowledged messages in that session for a reconnected or restarted consumer). Its <see cref="TelemetryConsumerOptions.AcknowledgeAfterStore"/>
    /// is set by the ingestor.
    /// </summary>
    public TelemetryConsumerOptions Consumer { get; init; } = new();

    /// <summary>Most fixes written in one transaction (default 5,000); a backlog is written in transactions of this size.</summary>
    public int MaxBatchFixes { get; init; } = 5_000;

    /// <summary>First wait after a failed write (default 200 ms); doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between write attempts while the database is down (default 10 s).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}
