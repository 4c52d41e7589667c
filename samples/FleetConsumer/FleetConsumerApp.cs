using EdgeSdk.Fleet;
using EdgeSdk.Telemetry;

namespace FleetConsumer;

/// <summary>Subscribes to a fleet and keeps the GeoJSON map file up to date as fixes arrive.</summary>
/// <param name="options">Broker, fleet and shared-subscription group.</param>
/// <param name="path">The GeoJSON file to keep up to date.</param>
/// <param name="connectionString">
/// A PostgreSQL/PostGIS database (Npgsql connection string) to store every fix in, exactly once and acknowledged
/// after commit (EdgeSdk.Fleet); null for the map file only.
/// </param>
public sealed class FleetConsumerApp(TelemetryConsumerOptions options, string path, string? connectionString = null)
{
    /// <summary>Raised once the subscription is in place.</summary>
    public event Action? Subscribed;

    /// <summary>Raised after each rewrite of the file.</summary>
    public event Action<FleetMap>? MapWritten;

    /// <summary>Runs until cancelled. Throws <see cref="IOException"/> naming the broker when it cannot be reached or refuses the subscription.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (connectionString is not null)
        {
            await RunWithStoreAsync(connectionString, cancellationToken);
            return;
        }

        await using var consumer = new TelemetryConsumer(options);
        await consumer.StartAsync(cancellationToken);
        Subscribed?.Invoke();
        var map = new FleetMap();
        try
        {
            // Everything that has arrived comes as one batch, written once: a backlog after an outage
            // costs one rewrite per burst, not one per fix.
            await foreach (IReadOnlyList<ReceivedFix> batch in consumer.ReadFixBatchesAsync(cancellationToken))
            {
                bool changed = false;
                foreach (ReceivedFix received in batch)
                {
                    changed |= map.Add(received);
                }

                if (changed)
                {
                    map.Write(path);
                    MapWritten?.Invoke(map);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the file stays as last written.
        }
    }

    /// <summary>The latest counters of the store, with <c>--db</c>; null without.</summary>
    public FleetIngestorStatus? StoreStatus { get; private set; }

    // The store decides what is new; the map is fed from each commit, so it shows what the database holds.
    private async Task RunWithStoreAsync(string database, CancellationToken cancellationToken)
    {
        await using var ingestor = new FleetIngestor(new FleetIngestorOptions { ConnectionString = database, Consumer = options });
        var map = new FleetMap();
        ingestor.Committed += messages =>
        {
            bool changed = false;
            foreach (ReceivedMessage message in messages)
            {
                foreach (ReceivedFix received in message.Fixes)
                {
                    changed |= map.Add(received);
                }
            }

            StoreStatus = ingestor.Status;
            if (changed)
            {
                map.Write(path);
                MapWritten?.Invoke(map);
            }
        };
        await ingestor.StartAsync(cancellationToken);
        Subscribed?.Invoke();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what is not committed stays unacknowledged at the broker; the file stays as last written.
        }

        StoreStatus = ingestor.Status;
    }
}
