namespace EdgeSdk.Cockpit;

/// <summary>A snapshot of a service's change stream.</summary>
/// <param name="Subscribers">Current subscribers (in-process and gRPC).</param>
/// <param name="Published">Items published since the service started.</param>
/// <param name="Dropped">Items dropped from full subscriber queues (slow readers), all subscribers together.</param>
public readonly record struct CockpitStreamCounters(int Subscribers, long Published, long Dropped);
