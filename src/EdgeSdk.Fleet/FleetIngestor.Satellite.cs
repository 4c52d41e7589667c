using EdgeSdk.Telemetry;

namespace EdgeSdk.Fleet;

// The satellite path into the store: the platform's RDSS forwarder hands decoded reports here (the ingestor's
// consumer acknowledges after the commit, so it cannot take them into its own stream), and they are written as
// path 'satellite'; the MQTT copies that arrive later upgrade those rows in place (FleetStore.WriteAsync).
public sealed partial class FleetIngestor : ISatelliteFixSink
{
    private long _satelliteFixesInserted, _satelliteFixesAlreadyStored, _fixesUpgraded;

    /// <summary>
    /// Stores fixes that came by BeiDou short message (path <c>satellite</c>), idempotently on (fleet, device,
    /// queue instance tag, sequence); while the database is down it retries with the ingestor's backoff, so the
    /// caller (the forwarder) waits and the terminal's receive buffer holds what comes meanwhile. Returns the rows
    /// inserted; fixes already stored by either path are counted in <see cref="FleetIngestorStatus.SatelliteFixesAlreadyStored"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ingestor has not been started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled or the ingestor stopped; nothing of this call was committed.</exception>
    public async ValueTask<int> DeliverSatelliteFixesAsync(string fleet, string deviceId, uint queueInstanceTag, IReadOnlyList<SequencedFix> fixes,
        DateTime receivedUtc, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        FleetStore store = Store;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken);
        var backoff = new ExponentialBackoff(_options.RetryInitialDelay, _options.RetryMaxDelay);
        FleetWriteResult result = await WriteWithRetryAsync(
            ct => store.WriteSatelliteFixesAsync(fleet, deviceId, queueInstanceTag, fixes, receivedUtc, ct), backoff, stop.Token).ConfigureAwait(false);
        lock (_lock)
        {
            _satelliteFixesInserted += result.FixesInserted;
            _satelliteFixesAlreadyStored += result.FixesAlreadyStored;
        }

        return (int)result.FixesInserted;
    }
}
