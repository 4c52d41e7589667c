#pragma warning disable CA1720 // the members are named after the VSS datatypes and kuksa wire types they stand for

namespace EdgeSdk.Vehicle;

/// <summary>
/// How a <see cref="VssValue"/> is represented. The numbers are the field numbers of kuksa.val.v2's
/// <c>Value.typed_value</c> oneof; each VSS datatype has exactly one of them (see <see cref="VssTypes.WireType"/>).
/// </summary>
public enum VssValueType
{
    /// <summary>No value.</summary>
    None = 0,

    /// <summary>A string.</summary>
    String = 11,

    /// <summary>A boolean.</summary>
    Bool = 12,

    /// <summary>A signed 32-bit integer (int8, int16, int32).</summary>
    Int32 = 13,

    /// <summary>A signed 64-bit integer (int64, timestamp).</summary>
    Int64 = 14,

    /// <summary>An unsigned 32-bit integer (uint8, uint16, uint32).</summary>
    UInt32 = 15,

    /// <summary>An unsigned 64-bit integer.</summary>
    UInt64 = 16,

    /// <summary>A 32-bit float.</summary>
    Float = 17,

    /// <summary>A 64-bit float.</summary>
    Double = 18,

    /// <summary>An array of strings.</summary>
    StringArray = 21,

    /// <summary>An array of booleans.</summary>
    BoolArray = 22,

    /// <summary>An array of signed 32-bit integers.</summary>
    Int32Array = 23,

    /// <summary>An array of signed 64-bit integers.</summary>
    Int64Array = 24,

    /// <summary>An array of unsigned 32-bit integers.</summary>
    UInt32Array = 25,

    /// <summary>An array of unsigned 64-bit integers.</summary>
    UInt64Array = 26,

    /// <summary>An array of 32-bit floats.</summary>
    FloatArray = 27,

    /// <summary>An array of 64-bit floats.</summary>
    DoubleArray = 28,
}
