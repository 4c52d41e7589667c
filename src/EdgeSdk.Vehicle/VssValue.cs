using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Vehicle;

/// <summary>
/// One VSS value: a scalar kept inline (no allocation for numbers and booleans) or a string or array
/// kept by reference. <c>default</c> is <see cref="None"/> (no value).
/// </summary>
public readonly struct VssValue : IEquatable<VssValue>
{
    // Scalars live in _bits (doubles and floats as their double bits), strings and arrays in _reference,
    // so the struct is two words plus a tag and copying it never allocates.
    private readonly long _bits;
    private readonly object? _reference;

    private VssValue(VssValueType type, long bits, object? reference)
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
    public string AsString() => (string)Expect(VssValueType.String)._reference!;

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
    public string[] AsStringArray() => (string[])Expect(VssValueType.StringArray)._reference!;

    /// <summary>The boolean array.</summary>
    public bool[] AsBoolArray() => (bool[])Expect(VssValueType.BoolArray)._reference!;

    /// <summary>The signed 32-bit array.</summary>
    public int[] AsInt32Array() => (int[])Expect(VssValueType.Int32Array)._reference!;

    /// <summary>The signed 64-bit array.</summary>
    public long[] AsInt64Array() => (long[])Expect(VssValueType.Int64Array)._reference!;

    /// <summary>The unsigned 32-bit array.</summary>
    public uint[] AsUInt32Array() => (uint[])Expect(VssValueType.UInt32Array)._reference!;

    /// <summary>The unsigned 64-bit array.</summary>
    public ulong[] AsUInt64Array() => (ulong[])Expect(VssValueType.UInt64Array)._reference!;

    /// <summary>The 32-bit float array.</summary>
    public float[] AsFloatArray() => (float[])Expect(VssValueType.FloatArray)._reference!;

    /// <summary>The 64-bit float array.</summary>
    public double[] AsDoubleArray() => (double[])Expect(VssValueType.DoubleArray)._reference!;

    /// <summary>Number of elements of an array value (1 for a scalar, 0 for none).</summary>
    public int Count => IsArray ? ((System.Array)_reference!).Length : IsNone ? 0 : 1;

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

    /// <summary>
    /// Reads a value of <paramref name="dataType"/> from text: a number, <c>true</c>/<c>false</c>, a string
    /// (quotes optional), or a JSON array for array types (<c>[1,2]</c>, <c>["a","b"]</c>). Never throws.
    /// </summary>
    public static bool TryParse(string text, VssDataType dataType, out VssValue value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = None;
        VssValueType wire = VssTypes.WireType(dataType);
        if (!VssTypes.IsArray(dataType))
        {
            string scalar = wire == VssValueType.String && text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
            if (TryParseScalar(scalar, wire, out value))
            {
                error = "";
                return true;
            }

            error = $"'{text}' is not a {VssTypes.Name(dataType)}";
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = $"'{text}' is not a JSON array for {VssTypes.Name(dataType)}";
                return false;
            }

            return TryFromJsonArray(document.RootElement, wire, out value, out error, VssTypes.Name(dataType));
        }
        catch (JsonException ex)
        {
            error = $"'{text}' is not a JSON array for {VssTypes.Name(dataType)}: {ex.Message}";
            return false;
        }
    }

    /// <summary>The value as JSON: a number, <c>true</c>/<c>false</c>, a quoted string, an array, or <c>null</c> for none.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendJson(builder);
        return builder.ToString();
    }

    /// <summary>Appends the value as JSON (see <see cref="ToString"/>).</summary>
    public void AppendJson(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsArray)
        {
            builder.Append('[');
            for (int i = 0; i < Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                ElementAt(i).AppendJson(builder);
            }

            builder.Append(']');
            return;
        }

        switch (Type)
        {
            case VssValueType.None: builder.Append("null"); break;
            case VssValueType.String: builder.Append(JsonSerializer.Serialize(AsString())); break;
            case VssValueType.Bool: builder.Append(AsBool() ? "true" : "false"); break;
            case VssValueType.Int32: builder.Append(AsInt32().ToString(CultureInfo.InvariantCulture)); break;
            case VssValueType.Int64: builder.Append(AsInt64().ToString(CultureInfo.InvariantCulture)); break;
            case VssValueType.UInt32: builder.Append(AsUInt32().ToString(CultureInfo.InvariantCulture)); break;
            case VssValueType.UInt64: builder.Append(AsUInt64().ToString(CultureInfo.InvariantCulture)); break;
            case VssValueType.Float: AppendReal(builder, AsFloat(), AsFloat().ToString("R", CultureInfo.InvariantCulture)); break;
            default: AppendReal(builder, AsDouble(), AsDouble().ToString("R", CultureInfo.InvariantCulture)); break;
        }
    }

    /// <inheritdoc />
    public bool Equals(VssValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        if (!IsArray)
        {
            return _bits == other._bits && Equals(_reference, other._reference);
        }

        if (Count != other.Count)
        {
            return false;
        }

        for (int i = 0; i < Count; i++)
        {
            if (!ElementAt(i).Equals(other.ElementAt(i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is VssValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _bits, IsArray ? Count : _reference?.GetHashCode() ?? 0);

    /// <summary>Equal values.</summary>
    public static bool operator ==(VssValue left, VssValue right) => left.Equals(right);

    /// <summary>Different values.</summary>
    public static bool operator !=(VssValue left, VssValue right) => !left.Equals(right);

    /// <summary>
    /// Compares two scalars of the same numeric type (signed, unsigned and real compare in their own domain,
    /// so 64-bit integers never lose precision). Returns 0 for non-numeric types.
    /// </summary>
    internal static int CompareNumbers(in VssValue left, in VssValue right) => left.Type switch
    {
        VssValueType.Int32 or VssValueType.Int64 => left._bits.CompareTo(right._bits),
        VssValueType.UInt32 or VssValueType.UInt64 => unchecked((ulong)left._bits).CompareTo(unchecked((ulong)right._bits)),
        VssValueType.Float or VssValueType.Double => BitConverter.Int64BitsToDouble(left._bits).CompareTo(BitConverter.Int64BitsToDouble(right._bits)),
        _ => 0,
    };

    /// <summary>The scalar as a signed integer (Int32/Int64) or its bits for unsigned types, for range checks.</summary>
    internal long RawBits => _bits;

    /// <summary>Reads a JSON number/string/bool into a scalar of the wire type (used by the tree loader for min/max/allowed).</summary>
    internal static bool TryFromJson(JsonElement element, VssValueType wire, out VssValue value)
    {
        value = None;
        switch (wire)
        {
            case VssValueType.String:
                if (element.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                value = FromString(element.GetString()!);
                return true;
            case VssValueType.Bool:
                if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return false;
                }

                value = FromBool(element.GetBoolean());
                return true;
            default:
                return element.ValueKind == JsonValueKind.Number && TryParseScalar(element.GetRawText(), wire, out value);
        }
    }

    internal static bool TryFromJsonArray(JsonElement array, VssValueType wire, out VssValue value, out string error, string typeName)
    {
        VssValueType element = VssTypes.ElementType(wire);
        var items = new VssValue[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (!TryFromJson(item, element, out items[i]))
            {
                value = None;
                error = $"element {i} ({item.GetRawText()}) is not a {typeName} element";
                return false;
            }

            i++;
        }

        value = FromElements(wire, items);
        error = "";
        return true;
    }

    /// <summary>Builds an array value of <paramref name="arrayType"/> from scalar elements of its element type.</summary>
    internal static VssValue FromElements(VssValueType arrayType, IReadOnlyList<VssValue> items) => arrayType switch
    {
        VssValueType.StringArray => FromStringArray(items.Select(v => v.AsString()).ToArray()),
        VssValueType.BoolArray => FromBoolArray(items.Select(v => v.AsBool()).ToArray()),
        VssValueType.Int32Array => FromInt32Array(items.Select(v => v.AsInt32()).ToArray()),
        VssValueType.Int64Array => FromInt64Array(items.Select(v => v.AsInt64()).ToArray()),
        VssValueType.UInt32Array => FromUInt32Array(items.Select(v => v.AsUInt32()).ToArray()),
        VssValueType.UInt64Array => FromUInt64Array(items.Select(v => v.AsUInt64()).ToArray()),
        VssValueType.FloatArray => FromFloatArray(items.Select(v => v.AsFloat()).ToArray()),
        VssValueType.DoubleArray => FromDoubleArray(items.Select(v => v.AsDouble()).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(arrayType), arrayType, "not an array type"),
    };

    private static bool TryParseScalar(string text, VssValueType wire, out VssValue value)
    {
        value = None;
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        const NumberStyles Real = NumberStyles.Float;
        CultureInfo invariant = CultureInfo.InvariantCulture;
        switch (wire)
        {
            case VssValueType.String:
                value = FromString(text);
                return true;
            case VssValueType.Bool:
                if (!bool.TryParse(text, out bool b))
                {
                    return false;
                }

                value = FromBool(b);
                return true;
            case VssValueType.Int32:
                if (!int.TryParse(text, Integer, invariant, out int i32))
                {
                    return false;
                }

                value = FromInt32(i32);
                return true;
            case VssValueType.Int64:
                if (!long.TryParse(text, Integer, invariant, out long i64))
                {
                    return false;
                }

                value = FromInt64(i64);
                return true;
            case VssValueType.UInt32:
                if (!uint.TryParse(text, Integer, invariant, out uint u32))
                {
                    return false;
                }

                value = FromUInt32(u32);
                return true;
            case VssValueType.UInt64:
                if (!ulong.TryParse(text, Integer, invariant, out ulong u64))
                {
                    return false;
                }

                value = FromUInt64(u64);
                return true;
            case VssValueType.Float:
                if (!float.TryParse(text, Real, invariant, out float f))
                {
                    return false;
                }

                value = FromFloat(f);
                return true;
            case VssValueType.Double:
                if (!double.TryParse(text, Real, invariant, out double d))
                {
                    return false;
                }

                value = FromDouble(d);
                return true;
            default:
                return false;
        }
    }

    private static void AppendReal(StringBuilder builder, double value, string formatted)
    {
        // JSON has no NaN/Infinity: written as strings so a line stays valid JSON.
        if (double.IsFinite(value))
        {
            builder.Append(formatted);
        }
        else
        {
            builder.Append('"').Append(formatted).Append('"');
        }
    }

    private static VssValue Array(VssValueType type, System.Array values) => new(type, 0, values ?? throw new ArgumentNullException(nameof(values)));

    private VssValue Expect(VssValueType type) => Type == type
        ? this
        : throw new InvalidOperationException($"the value is {Type}, not {type}");
}
