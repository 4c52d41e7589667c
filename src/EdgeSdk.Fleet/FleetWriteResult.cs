namespace EdgeSdk.Fleet;

/// <summary>What one committed write did.</summary>
/// <param name="FixesInserted">New fix rows.</param>
/// <param name="FixesAlreadyStored">Fixes whose (fleet, device, queue instance, sequence) was already stored: redeliveries, or another consumer's.</param>
/// <param name="EventsInserted">New event rows.</param>
public readonly record struct FleetWriteResult(long FixesInserted, long FixesAlreadyStored, long EventsInserted);
