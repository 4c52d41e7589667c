using System.Globalization;
using System.Text;

namespace EdgeSdk.Vehicle;

/// <summary>A signal's new value: what a subscriber reads, or a target a provider receives.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Value">The new value (<see cref="VssValue.None"/> when a subscription starts on a signal without value).</param>
/// <param name="TimestampUtc">When the value was measured (for targets: when it was requested).</param>
public readonly record struct VssUpdate(VssSignal Signal, VssValue Value, DateTime TimestampUtc)
{
    /// <summary>The value and its timestamp.</summary>
    public VssDatapoint Datapoint => new(Value, TimestampUtc);

    /// <summary>One JSON object: <c>{"path":"Vehicle.Speed","value":61.5,"timestamp":"2026-11-30T08:00:00.123Z"}</c> (value and timestamp null when none).</summary>
    public string ToJson()
    {
        var builder = new StringBuilder("{\"path\":");
        VssValue.AppendJsonString(builder, Signal.Path);
        builder.Append(",\"value\":");
        Value.AppendJson(builder);
        builder.Append(",\"timestamp\":");
        builder.Append(Value.IsNone ? "null" : "\"" + TimestampUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "\"");
        return builder.Append('}').ToString();
    }
}
