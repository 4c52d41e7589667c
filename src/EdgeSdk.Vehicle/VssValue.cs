#nullable disable
using System;

namespace EdgeSdk.Vehicle;

// The portable core of VssValue: compiled by the nanoFramework gate (firmware/EdgeSdk.Nano) as well, so only
// what nanoFramework's mscorlib has (no generics, Span, StringBuilder, string interpolation). Text and
// equality live in VssValue.Text.cs (.NET only).

/// <summary>
/// One VSS value: a scalar kept inline (no allocation for numbers and booleans) or a string or array
/// kept by reference. <c>default</c> is <see cref="None"/> (no value).
/// </summary>
public readonly partial struct VssValue
{
    // Scalars live in _bits (doubles and floats as their double bits), strings and arrays in _reference,
    // so the struct is two words plus a tag and copying it never allocates.
    private readonly long _bits;
    private readonly object _reference;

    private VssValue(VssValueType type, long bits, object reference)
    {
        Type = type;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>How the value is represented; <see cref="VssValueType.None"/> for no value.</summary>
    public VssValueType Type { get; }

    /// <summary>No value.</summary>
    public static VssValue None => default;

    /// <summary>True when there is no value.</summary>
    public bool IsNone => Type == VssValueType.None;

    /// <summary>True for the array types.</summary>
    public bool IsArray => Type >= VssValueType.StringArray;

    /// <summary>A string value.</summary>
    public static VssValue FromString(string value) => new(VssValueType.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A boolean value.</summary>
    public static VssValue FromBool(bool value) => new(VssValueType.Bool, value ? 1 : 0, null);

    /// <summary>A signed 32-bit value (datatypes int8, int16, int32).</summary>
    public static VssValue FromInt32(int value) => new(VssValueType.Int32, value, null);

    /// <summary>A signed 64-bit value (datatypes int64, timestamp).</summary>
    public static VssValue FromInt64(long value) => new(VssValueType.Int64, value, null);

    /// <summary>An unsigned 32-bit value (datatypes uint8, uint16, uint32).</summary>
    public static VssValue FromUInt32(uint value) => new(VssValueType.UInt32, value, null);

    /// <summary>An unsigned 64-bit value.</summary>
    public static VssValue FromUInt64(ulong value) => new(VssValueType.UInt64, unchecked((long)value), null);

    /// <summary>A 32-bit float value.</summary>
    public static VssValue FromFloat(float value) => new(VssValueType.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A 64-bit float value.</summary>
    public static VssValue FromDouble(double value) => new(VssValueType.Double, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A string array (kept by reference: do not change the array afterwards).</summary>
    public static VssValue FromStringArray(string[] values) => Array(VssValueType.StringArray, values);

    /// <summary>A boolean array (kept by reference).</summary>
    public static VssValue FromBoolArray(bool[] values) => Array(VssValueType.BoolArray, values);

    /// <summary>A signed 32-bit array (kept by reference).</summary>
    public static VssValue FromInt32Array(int[] values) => Array(VssValueType.Int32Array, values);

    /// <summary>A signed 64-bit array (kept by reference).</summary>
    public static VssValue FromInt64Array(long[] values) => Array(VssValueType.Int64Array, values);

    /// <summary>An unsigned 32-bit array (kept by reference).</summary>
    public static VssValue FromUInt32Array(uint[] values) => Array(VssValueType.UInt32Array, values);

    /// <summary>An unsigned 64-bit array (kept by reference).</summary>
    public static VssValue FromUInt64Array(ulong[] values) => Array(VssValueType.UInt64Array, values);

    /// <summary>A 32-bit float array (kept by reference).</summary>
    public static VssValue FromFloatArray(float[] values) => Array(VssValueType.FloatArray, values);

    /// <summary>A 64-bit float array (kept by reference).</summary>
    public static VssValue FromDoubleArray(double[] values) => Array(VssValueType.DoubleArray, values);

    /// <summary>The string (throws <see cref="InvalidOperationException"/> for another type).</summary>
    public string AsString() => (string)Expect(VssValueType.String)._reference;

    /// <summary>The boolean.</summary>
    public bool AsBool() => Expect(VssValueType.Bool)._bits != 0;

    /// <summary>The signed 32-bit integer.</summary>
    public int AsInt32() => (int)Expect(VssValueType.Int32)._bits;

    /// <summary>The signed 64-bit integer.</summary>
    public long AsInt64() => Expect(VssValueType.Int64)._bits;

    /// <summary>The unsigned 32-bit integer.</summary>
    public uint AsUInt32() => (uint)Expect(VssValueType.UInt32)._bits;

    /// <summary>The unsigned 64-bit integer.</summary>
    public ulong AsUInt64() => unchecked((ulong)Expect(VssValueType.UInt64)._bits);

    /// <summary>The 32-bit float.</summary>
    public float AsFloat() => (float)BitConverter.Int64BitsToDouble(Expect(VssValueType.Float)._bits);

    /// <summary>The 64-bit float.</summary>
    public double AsDouble() => BitConverter.Int64BitsToDouble(Expect(VssValueType.Double)._bits);

    /// <summary>The string array.</summary>
    public string[] AsStringArray() => (string[])Expect(VssValueType.StringArray)._reference;

    /// <summary>The boolean array.</summary>
    public bool[] AsBoolArray() => (bool[])Expect(VssValueType.BoolArray)._reference;

    /// <summary>The signed 32-bit array.</summary>
    public int[] AsInt32Array() => (int[])Expect(VssValueType.Int32Array)._reference;

    /// <summary>The signed 64-bit array.</summary>
    public long[] AsInt64Array() => (long[])Expect(VssValueType.Int64Array)._reference;

    /// <summary>The unsigned 32-bit array.</summary>
    public uint[] AsUInt32Array() => (uint[])Expect(VssValueType.UInt32Array)._reference;

    /// <summary>The unsigned 64-bit array.</summary>
    public ulong[] AsUInt64Array() => (ulong[])Expect(VssValueType.UInt64Array)._reference;

    /// <summary>The 32-bit float array.</summary>
    public float[] AsFloatArray() => (float[])Expect(VssValueType.FloatArray)._reference;

    /// <summary>The 64-bit float array.</summary>
    public double[] AsDoubleArray() => (double[])Expect(VssValueType.DoubleArray)._reference;

    /// <summary>Number of elements of an array value (1 for a scalar, 0 for none).</summary>
    public int Count => IsArray ? ((System.Array)_reference).Length : IsNone ? 0 : 1;

    /// <summary>Element <paramref name="index"/> of an array value as a scalar value (the value itself for a scalar).</summary>
    public VssValue ElementAt(int index) => Type switch
    {
        VssValueType.StringArray => FromString(AsStringArray()[index]),
        VssValueType.BoolArray => FromBool(AsBoolArray()[index]),
        VssValueType.Int32Array => FromInt32(AsInt32Array()[index]),
        VssValueType.Int64Array => FromInt64(AsInt64Array()[index]),
        VssValueType.UInt32Array => FromUInt32(AsUInt32Array()[index]),
        VssValueType.UInt64Array => FromUInt64(AsUInt64Array()[index]),
        VssValueType.FloatArray => FromFloat(AsFloatArray()[index]),
        VssValueType.DoubleArray => FromDouble(AsDoubleArray()[index]),
        _ => this,
    };

    /// <summary>The scalar as a signed integer (Int32/Int64) or its bits for unsigned types, for range checks.</summary>
    internal long RawBits => _bits;

    private static VssValue Array(VssValueType type, System.Array values) => new(type, 0, values ?? throw new ArgumentNullException(nameof(values)));

    private VssValue Expect(VssValueType type) => Type == type
        ? this
        : throw new InvalidOperationException("the value is " + Type.ToString() + ", not " + type.ToString());
}
