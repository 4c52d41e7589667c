namespace EdgeSdk.Vehicle;

/// <summary>The VSS datatype table: names as the VSS JSON export spells them, wire types, integer ranges.</summary>
public static class VssTypes
{
    // One row per datatype: the VSS name, the wire representation, and the integer range the
    // datatype allows beyond its wire type (int8 travels as Int32 but holds -128..127). The array rows repeat the
    // scalar rows' ranges on purpose: a table read at a glance beats deriving them through two more mappings.
    private static readonly (VssDataType Type, string Name, VssValueType Wire, long Min, ulong Max)[] Table =
    [
        (VssDataType.String, "string", VssValueType.String, 0, 0),
        (VssDataType.Boolean, "boolean", VssValueType.Bool, 0, 0),
        (VssDataType.Int8, "int8", VssValueType.Int32, sbyte.MinValue, (ulong)sbyte.MaxValue),
        (VssDataType.Int16, "int16", VssValueType.Int32, short.MinValue, (ulong)short.MaxValue),
        (VssDataType.Int32, "int32", VssValueType.Int32, int.MinValue, int.MaxValue),
        (VssDataType.Int64, "int64", VssValueType.Int64, long.MinValue, long.MaxValue),
        (VssDataType.UInt8, "uint8", VssValueType.UInt32, 0, byte.MaxValue),
        (VssDataType.UInt16, "uint16", VssValueType.UInt32, 0, ushort.MaxValue),
        (VssDataType.UInt32, "uint32", VssValueType.UInt32, 0, uint.MaxValue),
        (VssDataType.UInt64, "uint64", VssValueType.UInt64, 0, ulong.MaxValue),
        (VssDataType.Float, "float", VssValueType.Float, 0, 0),
        (VssDataType.Double, "double", VssValueType.Double, 0, 0),
        (VssDataType.Timestamp, "timestamp", VssValueType.Int64, long.MinValue, long.MaxValue),
        (VssDataType.StringArray, "string[]", VssValueType.StringArray, 0, 0),
        (VssDataType.BooleanArray, "boolean[]", VssValueType.BoolArray, 0, 0),
        (VssDataType.Int8Array, "int8[]", VssValueType.Int32Array, sbyte.MinValue, (ulong)sbyte.MaxValue),
        (VssDataType.Int16Array, "int16[]", VssValueType.Int32Array, short.MinValue, (ulong)short.MaxValue),
        (VssDataType.Int32Array, "int32[]", VssValueType.Int32Array, int.MinValue, int.MaxValue),
        (VssDataType.Int64Array, "int64[]", VssValueType.Int64Array, long.MinValue, long.MaxValue),
        (VssDataType.UInt8Array, "uint8[]", VssValueType.UInt32Array, 0, byte.MaxValue),
        (VssDataType.UInt16Array, "uint16[]", VssValueType.UInt32Array, 0, ushort.MaxValue),
        (VssDataType.UInt32Array, "uint32[]", VssValueType.UInt32Array, 0, uint.MaxValue),
        (VssDataType.UInt64Array, "uint64[]", VssValueType.UInt64Array, 0, ulong.MaxValue),
        (VssDataType.FloatArray, "float[]", VssValueType.FloatArray, 0, 0),
        (VssDataType.DoubleArray, "double[]", VssValueType.DoubleArray, 0, 0),
        (VssDataType.TimestampArray, "timestamp[]", VssValueType.Int64Array, long.MinValue, long.MaxValue),
    ];

    /// <summary>Reads a datatype name of the VSS JSON export (<c>uint8</c>, <c>string[]</c>, ...).</summary>
    public static bool TryParseDataType(string name, out VssDataType dataType)
    {
        foreach (var row in Table)
        {
            if (row.Name == name)
            {
                dataType = row.Type;
                return true;
            }
        }

        dataType = VssDataType.Unspecified;
        return false;
    }

    /// <summary>The VSS name of a datatype (<c>uint8</c>, <c>string[]</c>).</summary>
    public static string Name(VssDataType dataType) => Row(dataType).Name;

    /// <summary>The one value representation a datatype accepts (int8 → <see cref="VssValueType.Int32"/>).</summary>
    public static VssValueType WireType(VssDataType dataType) => Row(dataType).Wire;

    /// <summary>True for the array datatypes.</summary>
    public static bool IsArray(VssDataType dataType) => dataType >= VssDataType.StringArray;

    /// <summary>The element type of an array value type (<see cref="VssValueType.Int32Array"/> → <see cref="VssValueType.Int32"/>), or the type itself.</summary>
    public static VssValueType ElementType(VssValueType type) => type > VssValueType.Double ? type - 10 : type;

    /// <summary>The array value type of an element type (<see cref="VssValueType.Int32"/> → <see cref="VssValueType.Int32Array"/>).</summary>
    public static VssValueType ArrayType(VssValueType element) => element is >= VssValueType.String and <= VssValueType.Double ? element + 10 : element;

    internal static long MinInteger(VssDataType dataType) => Row(dataType).Min;

    internal static ulong MaxInteger(VssDataType dataType) => Row(dataType).Max;

    private static (VssDataType Type, string Name, VssValueType Wire, long Min, ulong Max) Row(VssDataType dataType)
    {
        foreach (var row in Table)
        {
            if (row.Type == dataType)
            {
                return row;
            }
        }

        return (VssDataType.Unspecified, "unspecified", VssValueType.None, 0, 0);
    }
}
