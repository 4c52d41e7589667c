namespace EdgeSdk.Vehicle;

/// <summary>
/// One leaf of the VSS tree: its path, numeric ID, kind, datatype, unit and the value restrictions the
/// databroker enforces on every write (<see cref="Validate"/>).
/// </summary>
public sealed class VssSignal
{
    internal VssSignal(int id, string path, VssEntryType entryType, VssDataType dataType)
    {
        Id = id;
        Path = path;
        EntryType = entryType;
        DataType = dataType;
        WireType = VssTypes.WireType(dataType);
    }

    /// <summary>Numeric ID, assigned by the tree in load order (starting at 1); stable for one tree, not across trees.</summary>
    public int Id { get; }

    /// <summary>Full dotted path, e.g. <c>Vehicle.Speed</c>.</summary>
    public string Path { get; }

    /// <summary>Sensor, actuator or attribute.</summary>
    public VssEntryType EntryType { get; }

    /// <summary>The VSS datatype.</summary>
    public VssDataType DataType { get; }

    /// <summary>The one value representation this signal accepts (<see cref="VssTypes.WireType"/>).</summary>
    public VssValueType WireType { get; }

    /// <summary>Unit as VSS spells it (<c>km/h</c>, <c>degrees</c>), or empty.</summary>
    public string Unit { get; internal init; } = "";

    /// <summary>Description from the tree.</summary>
    public string Description { get; internal init; } = "";

    /// <summary>Comment from the tree, or empty.</summary>
    public string Comment { get; internal init; } = "";

    /// <summary>Deprecation note, or empty.</summary>
    public string Deprecation { get; internal init; } = "";

    /// <summary>Smallest accepted value (a scalar of <see cref="WireType"/>'s element type), or <see cref="VssValue.None"/>.</summary>
    public VssValue Min { get; internal init; }

    /// <summary>Largest accepted value, or <see cref="VssValue.None"/>.</summary>
    public VssValue Max { get; internal init; }

    /// <summary>The allowed values as an array value of the element type, or <see cref="VssValue.None"/> when any value is allowed.</summary>
    public VssValue Allowed { get; internal init; }

    /// <summary>The tree's default value, or <see cref="VssValue.None"/>.</summary>
    public VssValue Default { get; internal init; }

    /// <summary>
    /// Checks a value against the datatype, the datatype's integer range, min/max and the allowed values
    /// (each element for arrays). Allocates nothing for scalar numbers.
    /// </summary>
    public VssError Validate(in VssValue value)
    {
        if (value.Type != WireType)
        {
            return VssError.WrongType;
        }

        if (!value.IsArray)
        {
            return ValidateScalar(value);
        }

        int count = value.Count;
        for (int i = 0; i < count; i++)
        {
            VssError error = ValidateScalar(value.ElementAt(i));
            if (error != VssError.None)
            {
                return error;
            }
        }

        return VssError.None;
    }

    /// <summary>One line saying why <paramref name="value"/> was refused with <paramref name="error"/>, naming the signal and what it accepts.</summary>
    public string Explain(VssError error, in VssValue value) => error switch
    {
        VssError.None => $"{Path}: accepted",
        VssError.WrongType => $"{Path} is {VssTypes.Name(DataType)} ({WireType} on the wire), got {(value.IsNone ? "no value" : value.Type.ToString())}",
        VssError.OutOfRange => $"{Path}: {value} is out of range {RangeText()}",
        VssError.NotAllowed => $"{Path}: {value} is not allowed; allowed: {Allowed}",
        VssError.NotActuator => $"{Path} is a {EntryType.ToString().ToLowerInvariant()}, not an actuator",
        VssError.NoProvider => $"{Path}: no provider currently provides this actuator",
        VssError.AlreadyProvided => $"{Path} is already provided by another provider",
        VssError.NotProvided => $"{Path} has not been claimed by this provider",
        VssError.ProviderOverloaded => $"{Path}: the provider's queue is full",
        _ => $"{Path}: {error}",
    };

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({EntryType.ToString().ToLowerInvariant()}, {VssTypes.Name(DataType)}{(Unit.Length > 0 ? ", " + Unit : "")})";

    private VssError ValidateScalar(in VssValue element)
    {
        // The datatype's own range: int8 travels as Int32 but holds -128..127.
        switch (element.Type)
        {
            case VssValueType.Int32 or VssValueType.Int64:
                if (element.RawBits < VssTypes.MinInteger(DataType) || element.RawBits > (long)Math.Min(VssTypes.MaxInteger(DataType), long.MaxValue))
                {
                    return VssError.OutOfRange;
                }

                break;
            case VssValueType.UInt32:
                if (unchecked((ulong)element.RawBits) > VssTypes.MaxInteger(DataType))
                {
                    return VssError.OutOfRange;
                }

                break;
        }

        if (!Min.IsNone && VssValue.CompareNumbers(element, Min) < 0)
        {
            return VssError.OutOfRange;
        }

        if (!Max.IsNone && VssValue.CompareNumbers(element, Max) > 0)
        {
            return VssError.OutOfRange;
        }

        if (Allowed.IsNone)
        {
            return VssError.None;
        }

        int count = Allowed.Count;
        for (int i = 0; i < count; i++)
        {
            if (Allowed.ElementAt(i).Equals(element))
            {
                return VssError.None;
            }
        }

        return VssError.NotAllowed;
    }

    private string RangeText() => $"[{(Min.IsNone ? VssTypes.Name(DataType) + " min" : Min.ToString())}, {(Max.IsNone ? VssTypes.Name(DataType) + " max" : Max.ToString())}]";
}
