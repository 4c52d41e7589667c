using EdgeSdk.Vehicle;
using Google.Protobuf.WellKnownTypes;

namespace EdgeSdk.Cockpit;

/// <summary>Reads VSS values as the contract's number, boolean and string fields.</summary>
internal static class VssValues
{
    /// <summary>A numeric scalar as a double (false for none, booleans, strings and arrays).</summary>
    public static bool TryNumber(in VssValue value, out double number)
    {
        number = value.Type switch
        {
            VssValueType.Int32 => value.AsInt32(),
            VssValueType.Int64 => value.AsInt64(),
            VssValueType.UInt32 => value.AsUInt32(),
            VssValueType.UInt64 => value.AsUInt64(),
            VssValueType.Float => value.AsFloat(),
            VssValueType.Double => value.AsDouble(),
            _ => double.NaN,
        };
        return !double.IsNaN(number);
    }

    /// <summary>A boolean scalar.</summary>
    public static bool TryBool(in VssValue value, out bool result)
    {
        result = value.Type == VssValueType.Bool && value.AsBool();
        return value.Type == VssValueType.Bool;
    }

    /// <summary>A string scalar.</summary>
    public static bool TryString(in VssValue value, out string result)
    {
        result = value.Type == VssValueType.String ? value.AsString() : string.Empty;
        return value.Type == VssValueType.String;
    }

    /// <summary>A timestamp for the contract (UTC).</summary>
    public static Timestamp ToTimestamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The signals of <paramref name="paths"/> that the tree has (a reduced tree may lack some).</summary>
    public static List<VssSignal> Existing(VssTree tree, IEnumerable<string> paths)
    {
        var signals = new List<VssSignal>();
        foreach (string path in paths)
        {
            if (tree.TryGetSignal(path, out VssSignal? signal) && !signals.Contains(signal))
            {
                signals.Add(signal);
            }
        }

        return signals;
    }
}
