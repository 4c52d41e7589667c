using EdgeSdk.Gnss;

namespace EdgeSdk.Telemetry;

/// <summary>
/// A fix with the sequence number its publisher's durable queue gave it: what
/// <see cref="TelemetryPublisher.PeekNewestQueuedFixes"/> returns and what
/// <see cref="TelemetryConsumer.DeliverSatelliteFixesAsync"/> takes, so a fix sent over another path (BeiDou short
/// message) is recognised when its MQTT copy arrives.
/// </summary>
public sealed class SequencedFix
{
    /// <summary>Creates one.</summary>
    public SequencedFix(long sequence, GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Sequence = sequence;
        Fix = fix;
    }

    /// <summary>Sequence number, unique per device and queue instance.</summary>
    public long Sequence { get; }

    /// <summary>The fix.</summary>
    public GnssFix Fix { get; }
}
