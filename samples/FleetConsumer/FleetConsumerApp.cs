using EdgeSdk.Telemetry;

namespace FleetConsumer;

/// <summary>Subscribes to a fleet and keeps the GeoJSON map file up to date as fixes arrive.</summary>
public static class FleetConsumerApp
{
    /// <summary>Runs until cancelled. Throws <see cref="IOException"/> naming the broker when it cannot be reached.</summary>
    /// <param name="options">Broker, fleet and shared-subscription group.</param>
    /// <param name="path">The GeoJSON file to keep up to date.</param>
    /// <param name="mapWritten">Called after each rewrite with the map (progress, tests).</param>
    /// <param name="cancellationToken">Stops the consumer.</param>
    public static async Task RunAsync(TelemetryConsumerOptions options, string path, Action<FleetMap>? mapWritten, CancellationToken cancellationToken)
    {
        await using var consumer = new TelemetryConsumer(options);
        await consumer.StartAsync(cancellationToken);
        var map = new FleetMap();
        try
        {
            while (await consumer.Fixes.WaitToReadAsync(cancellationToken))
            {
                // Take everything that has arrived, then write once: a backlog after an outage
                // costs one rewrite per burst, not one per fix.
                bool changed = false;
                while (consumer.Fixes.TryRead(out ReceivedFix? received))
                {
                    changed |= map.Add(received);
                }

                if (changed)
                {
                    map.Write(path);
                    mapWritten?.Invoke(map);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the file stays as last written.
        }
    }
}
