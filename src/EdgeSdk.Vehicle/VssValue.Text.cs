using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Vehicle;

// .NET-only part of VssValue: text in and out, equality. The portable core is VssValue.cs.
public readonly partial struct VssValue : IEquatable<VssValue>
{
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
            case VssValueType.String: AppendJsonString(builder, AsString()); break;
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
    /// <summary>
    /// Appends <paramref name="text"/> as a JSON string, quoted and escaped exactly as <c>JsonSerializer.Serialize(string)</c>
    /// does (the default encoder), without the serializer's reflection path, which the NativeAOT build cannot use.
    /// </summary>
    internal static void AppendJsonString(StringBuilder builder, string? text)
    {
        if (text == null)
        {
            builder.Append("null");
            return;
        }

        builder.Append('"').Append(JsonEncodedText.Encode(text).Value).Append('"');
    }

    internal static int CompareNumbers(in VssValue left, in VssValue right) => left.Type switch
    {
        VssValueType.Int32 or VssValueType.Int64 => left._bits.CompareTo(right._bits),
        VssValueType.UInt32 or VssValueType.UInt64 => unchecked((ulong)left._bits).CompareTo(unchecked((ulong)right._bits)),
        VssValueType.Float or VssValueType.Double => BitConverter.Int64BitsToDouble(left._bits).CompareTo(BitConverter.Int64BitsToDouble(right._bits)),
        _ => 0,
    };

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
}
