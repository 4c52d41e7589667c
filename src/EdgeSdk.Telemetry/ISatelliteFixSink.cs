namespace EdgeSdk.Telemetry;

/// <summary>
/// Where the platform hands fixes that came by BeiDou short message (RDSS) instead of MQTT: the
/// <see cref="TelemetryConsumer"/> (into its de-duplicated fix stream) or a store that de-duplicates durably (the
/// fleet ingestor). Either way a fix is matched with its later MQTT copy on (fleet, device, the queue instance's
/// low 32 bits, sequence) and kept once.
/// </summary>
public interface ISatelliteFixSink
{
    /// <summary>Delivers one satellite report's fixes; returns how many were new (the rest were already there).</summary>
    /// <param name="fleet">The device's fleet.</param>
    /// <param name="deviceId">The device.</param>
    /// <param name="queueInstanceTag">The low 32 bits of the device's queue instance, as the report carries it.</param>
    /// <param name="fixes">The fixes with the device's sequence numbers (1 and up).</param>
    /// <param name="receivedUtc">When the platform received them.</param>
    /// <param name="cancellationToken">Stops waiting (for room, or for the store to come back).</param>
    ValueTask<int> DeliverSatelliteFixesAsync(string fleet, string deviceId, uint queueInstanceTag, IReadOnlyList<SequencedFix> fixes,
        DateTime receivedUtc, CancellationToken cancellationToken = default);
}
