namespace EdgeSdk.Vehicle;

/// <summary>A signal's new value: what a subscriber reads, or a target a provider receives.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Value">The new value (<see cref="VssValue.None"/> when a subscription starts on a signal without value).</param>
/// <param name="TimestampUtc">When the value was measured (for targets: when it was requested).</param>
public readonly record struct VssUpdate(VssSignal Signal, VssValue Value, DateTime TimestampUtc)
{
    /// <summary>The value and its timestamp.</summary>
    public VssDatapoint Datapoint => new(Value, TimestampUtc);
}
