using EdgeSdk.Telemetry;

namespace FleetConsumer;

/// <summary>Subscribes to a fleet and keeps the GeoJSON map file up to date as fixes arrive.</summary>
/// <param name="options">Broker, fleet and shared-subscription group.</param>
/// <param name="path">The GeoJSON file to keep up to date.</param>
public sealed class FleetConsumerApp(TelemetryConsumerOptions options, string path)
{
    /// <summary>Raised once the subscription is in place.</summary>
    public event Action? Subscribed;

    /// <summary>Raised after each rewrite of the file.</summary>
    public event Action<FleetMap>? MapWritten;

    /// <summary>Runs until cancelled. Throws <see cref="IOException"/> naming the broker when it cannot be reached or refuses the subscription.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
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
}
