namespace EdgeSdk.Fleet;

/// <summary>What one committed write did.</summary>
/// <param name="FixesInserted">New fix rows.</param>
/// <param name="FixesAlreadyStored">Fixes whose (fleet, device, queue instance, sequence) was already stored: redeliveries, or another consumer's.</param>
/// <param name="EventsInserted">New event rows.</param>
public readonly record struct FleetWriteResult(long FixesInserted, long FixesAlreadyStored, long EventsInserted)
{
    /// <summary>MQTT copies of fixes stored earlier by satellite: those rows were upgraded in place (path <c>upgraded</c>), not added.</summary>
    public long FixesUpgraded { get; init; }
}
