#pragma warning disable CA1720 // the members are named after the VSS datatypes and kuksa wire types they stand for

namespace EdgeSdk.Vehicle;

/// <summary>
/// A VSS leaf's datatype. The numbers are kuksa.val.v2's <c>DataType</c> numbers, so the gRPC layer
/// converts by cast.
/// </summary>
public enum VssDataType
{
    /// <summary>Not set (never a valid leaf datatype).</summary>
    Unspecified = 0,

    /// <summary>VSS <c>string</c>.</summary>
    String = 1,

    /// <summary>VSS <c>boolean</c>.</summary>
    Boolean = 2,

    /// <summary>VSS <c>int8</c> (carried as Int32 on the wire).</summary>
    Int8 = 3,

    /// <summary>VSS <c>int16</c> (carried as Int32 on the wire).</summary>
    Int16 = 4,

    /// <summary>VSS <c>int32</c>.</summary>
    Int32 = 5,

    /// <summary>VSS <c>int64</c>.</summary>
    Int64 = 6,

    /// <summary>VSS <c>uint8</c> (carried as UInt32 on the wire).</summary>
    UInt8 = 7,

    /// <summary>VSS <c>uint16</c> (carried as UInt32 on the wire).</summary>
    UInt16 = 8,

    /// <summary>VSS <c>uint32</c>.</summary>
    UInt32 = 9,

    /// <summary>VSS <c>uint64</c>.</summary>
    UInt64 = 10,

    /// <summary>VSS <c>float</c>.</summary>
    Float = 11,

    /// <summary>VSS <c>double</c>.</summary>
    Double = 12,

    /// <summary>VSS <c>timestamp</c>: carried as Int64 nanoseconds since the Unix epoch.</summary>
    Timestamp = 13,

    /// <summary>VSS <c>string[]</c>.</summary>
    StringArray = 20,

    /// <summary>VSS <c>boolean[]</c>.</summary>
    BooleanArray = 21,

    /// <summary>VSS <c>int8[]</c>.</summary>
    Int8Array = 22,

    /// <summary>VSS <c>int16[]</c>.</summary>
    Int16Array = 23,

    /// <summary>VSS <c>int32[]</c>.</summary>
    Int32Array = 24,

    /// <summary>VSS <c>int64[]</c>.</summary>
    Int64Array = 25,

    /// <summary>VSS <c>uint8[]</c>.</summary>
    UInt8Array = 26,

    /// <summary>VSS <c>uint16[]</c>.</summary>
    UInt16Array = 27,

    /// <summary>VSS <c>uint32[]</c>.</summary>
    UInt32Array = 28,

    /// <summary>VSS <c>uint64[]</c>.</summary>
    UInt64Array = 29,

    /// <summary>VSS <c>float[]</c>.</summary>
    FloatArray = 30,

    /// <summary>VSS <c>double[]</c>.</summary>
    DoubleArray = 31,

    /// <summary>VSS <c>timestamp[]</c>: Int64 nanoseconds since the Unix epoch each.</summary>
    TimestampArray = 32,
}
