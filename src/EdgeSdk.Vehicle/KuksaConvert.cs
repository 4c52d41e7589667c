using EdgeSdk.Vehicle.Protocol;
using Google.Protobuf.WellKnownTypes;
using Metadata = EdgeSdk.Vehicle.Protocol.Metadata;
using Value = EdgeSdk.Vehicle.Protocol.Value;
using Grpc.Core;

namespace EdgeSdk.Vehicle;

/// <summary>Between the broker's types and kuksa.val.v2 messages, and from <see cref="VssError"/> to KUKSA's status codes.</summary>
internal static class KuksaConvert
{
    public static Value ToProto(in VssValue value)
    {
        var proto = new Value();
        switch (value.Type)
        {
            case VssValueType.String: proto.String = value.AsString(); break;
            case VssValueType.Bool: proto.Bool = value.AsBool(); break;
            case VssValueType.Int32: proto.Int32 = value.AsInt32(); break;
            case VssValueType.Int64: proto.Int64 = value.AsInt64(); break;
            case VssValueType.UInt32: proto.Uint32 = value.AsUInt32(); break;
            case VssValueType.UInt64: proto.Uint64 = value.AsUInt64(); break;
            case VssValueType.Float: proto.Float = value.AsFloat(); break;
            case VssValueType.Double: proto.Double = value.AsDouble(); break;
            case VssValueType.StringArray: proto.StringArray = new StringArray { Values = { value.AsStringArray() } }; break;
            case VssValueType.BoolArray: proto.BoolArray = new BoolArray { Values = { value.AsBoolArray() } }; break;
            case VssValueType.Int32Array: proto.Int32Array = new Int32Array { Values = { value.AsInt32Array() } }; break;
            case VssValueType.Int64Array: proto.Int64Array = new Int64Array { Values = { value.AsInt64Array() } }; break;
            case VssValueType.UInt32Array: proto.Uint32Array = new Uint32Array { Values = { value.AsUInt32Array() } }; break;
            case VssValueType.UInt64Array: proto.Uint64Array = new Uint64Array { Values = { value.AsUInt64Array() } }; break;
            case VssValueType.FloatArray: proto.FloatArray = new FloatArray { Values = { value.AsFloatArray() } }; break;
            case VssValueType.DoubleArray: proto.DoubleArray = new DoubleArray { Values = { value.AsDoubleArray() } }; break;
        }

        return proto;
    }

    public static VssValue FromProto(Value? proto) => proto?.TypedValueCase switch
    {
        Value.TypedValueOneofCase.String => VssValue.FromString(proto.String),
        Value.TypedValueOneofCase.Bool => VssValue.FromBool(proto.Bool),
        Value.TypedValueOneofCase.Int32 => VssValue.FromInt32(proto.Int32),
        Value.TypedValueOneofCase.Int64 => VssValue.FromInt64(proto.Int64),
        Value.TypedValueOneofCase.Uint32 => VssValue.FromUInt32(proto.Uint32),
        Value.TypedValueOneofCase.Uint64 => VssValue.FromUInt64(proto.Uint64),
        Value.TypedValueOneofCase.Float => VssValue.FromFloat(proto.Float),
        Value.TypedValueOneofCase.Double => VssValue.FromDouble(proto.Double),
        Value.TypedValueOneofCase.StringArray => VssValue.FromStringArray([.. proto.StringArray.Values]),
        Value.TypedValueOneofCase.BoolArray => VssValue.FromBoolArray([.. proto.BoolArray.Values]),
        Value.TypedValueOneofCase.Int32Array => VssValue.FromInt32Array([.. proto.Int32Array.Values]),
        Value.TypedValueOneofCase.Int64Array => VssValue.FromInt64Array([.. proto.Int64Array.Values]),
        Value.TypedValueOneofCase.Uint32Array => VssValue.FromUInt32Array([.. proto.Uint32Array.Values]),
        Value.TypedValueOneofCase.Uint64Array => VssValue.FromUInt64Array([.. proto.Uint64Array.Values]),
        Value.TypedValueOneofCase.FloatArray => VssValue.FromFloatArray([.. proto.FloatArray.Values]),
        Value.TypedValueOneofCase.DoubleArray => VssValue.FromDoubleArray([.. proto.DoubleArray.Values]),
        _ => VssValue.None,
    };

    public static Datapoint ToProto(in VssDatapoint datapoint) => datapoint.IsNone
        ? new Datapoint()
        : new Datapoint { Timestamp = Timestamp.FromDateTime(DateTime.SpecifyKind(datapoint.TimestampUtc, DateTimeKind.Utc)), Value = ToProto(datapoint.Value) };

    public static DateTime TimestampOf(Datapoint? datapoint) => datapoint?.Timestamp is { } timestamp ? timestamp.ToDateTime() : DateTime.UtcNow;

    public static Metadata ToMetadata(VssSignal signal)
    {
        var metadata = new Metadata
        {
            Path = signal.Path,
            Id = signal.Id,
            DataType = (DataType)(int)signal.DataType,
            EntryType = (EntryType)(int)signal.EntryType,
            Description = signal.Description,
            Comment = signal.Comment,
            Deprecation = signal.Deprecation,
            Unit = signal.Unit,
        };
        if (!signal.Allowed.IsNone)
        {
            metadata.AllowedValues = ToProto(signal.Allowed);
        }

        if (!signal.Min.IsNone)
        {
            metadata.Min = ToProto(signal.Min);
        }

        if (!signal.Max.IsNone)
        {
            metadata.Max = ToProto(signal.Max);
        }

        return metadata;
    }

    /// <summary>KUKSA's status code for each refusal (see the comments of kuksa.val.v2's VAL service).</summary>
    public static StatusCode StatusOf(VssError error) => error switch
    {
        VssError.None => StatusCode.OK,
        VssError.UnknownSignal => StatusCode.NotFound,
        VssError.NoProvider => StatusCode.Unavailable,
        VssError.AlreadyProvided => StatusCode.AlreadyExists,
        VssError.NotProvided => StatusCode.Aborted,
        VssError.ProviderOverloaded => StatusCode.DataLoss,
        _ => StatusCode.InvalidArgument,
    };

    /// <summary>The in-stream error code of PublishValuesResponse.</summary>
    public static ErrorCode ErrorCodeOf(VssError error) => error switch
    {
        VssError.None => ErrorCode.Ok,
        VssError.UnknownSignal => ErrorCode.NotFound,
        VssError.NotProvided => ErrorCode.PermissionDenied,
        _ => ErrorCode.InvalidArgument,
    };

    public static RpcException Fail(VssError error, string message) => new(new Status(StatusOf(error), message));
}
