namespace EdgeSdk.Vehicle;

/// <summary>A value and when it was measured (UTC). <c>default</c> means no value yet.</summary>
/// <param name="Value">The value, or <see cref="VssValue.None"/>.</param>
/// <param name="TimestampUtc">When the value was measured; <c>default</c> when there is no value.</param>
public readonly record struct VssDatapoint(VssValue Value, DateTime TimestampUtc)
{
    /// <summary>True when there is no value.</summary>
    public bool IsNone => Value.IsNone;
}
