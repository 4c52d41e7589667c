namespace EdgeSdk.Vehicle;

/// <summary>What a <see cref="VssDatabroker"/> has done since it started (read with <see cref="Volatile"/> semantics, updated with <see cref="Interlocked"/>).</summary>
public sealed class VssDatabrokerCounters
{
    internal long _updates;
    internal long _rejected;
    internal long _actuations;
    internal long _subscriberDrops;
    internal long _delivered;

    /// <summary>Current values accepted.</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Writes refused (wrong type, out of range, unknown signal, ...), current values and targets together.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Targets handed to providers.</summary>
    public long Actuations => Interlocked.Read(ref _actuations);

    /// <summary>Updates queued to subscribers.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Updates dropped, oldest first, because a subscriber's queue was full (summed over all subscribers).</summary>
    public long SubscriberDrops => Interlocked.Read(ref _subscriberDrops);
}
