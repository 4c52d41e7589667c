namespace EdgeSdk.Vehicle.Tests;

public class VssValidationTests
{
    private static VssSignal Signal(string path) => VssTreeTests.Default.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);

    public static TheoryData<string, VssValue, VssError> Cases => new()
    {
        { "Vehicle.Speed", VssValue.FromFloat(88.5f), VssError.None },
        { "Vehicle.Speed", VssValue.FromDouble(88.5), VssError.WrongType },
        { "Vehicle.Speed", VssValue.None, VssError.WrongType },
        { "Vehicle.Speed", VssValue.FromString("88.5"), VssError.WrongType },
        { "Vehicle.CurrentLocation.Latitude", VssValue.FromDouble(29.56), VssError.None },
        { "Vehicle.CurrentLocation.Latitude", VssValue.FromDouble(90.0001), VssError.OutOfRange },
        { "Vehicle.CurrentLocation.Latitude", VssValue.FromDouble(-90), VssError.None },
        // uint8 with min 0 max 100: the datatype's range and the tree's limits both apply.
        { "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed", VssValue.FromUInt32(100), VssError.None },
        { "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed", VssValue.FromUInt32(101), VssError.OutOfRange },
        { "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed", VssValue.FromInt32(50), VssError.WrongType },
        { "Vehicle.ADAS.CruiseControl.AdaptiveIntervalSet", VssValue.FromUInt32(255), VssError.None },
        { "Vehicle.ADAS.CruiseControl.AdaptiveIntervalSet", VssValue.FromUInt32(256), VssError.OutOfRange },
        { "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution", VssValue.FromString("UP"), VssError.None },
        { "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution", VssValue.FromString("SIDEWAYS"), VssError.NotAllowed },
        { "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution", VssValue.FromString("up"), VssError.NotAllowed },
        { "Vehicle.Cabin.SeatPosCount", VssValue.FromUInt32Array([2, 3, 255]), VssError.None },
        { "Vehicle.Cabin.SeatPosCount", VssValue.FromUInt32Array([2, 256]), VssError.OutOfRange },
        { "Vehicle.Cabin.SeatPosCount", VssValue.FromUInt32(2), VssError.WrongType },
        { "Vehicle.Cabin.SeatPosCount", VssValue.FromInt32Array([2]), VssError.WrongType },
        { "Vehicle.Cabin.IsWindowChildLockEngaged", VssValue.FromBool(true), VssError.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Writes_are_checked_against_datatype_range_and_allowed_values(string path, VssValue value, VssError expected)
    {
        Assert.Equal(expected, Signal(path).Validate(value));
    }

    [Fact]
    public void Int8_values_outside_its_range_are_refused_though_int32_carries_them()
    {
        var builder = new VssTreeBuilder();
        Assert.True(builder.TryAdd("""{"A": {"type": "branch", "children": {"S": {"type": "sensor", "datatype": "int8[]", "allowed": [-1, 0, 1, 127]}, "T": {"type": "sensor", "datatype": "int8"}}}}"""u8, "t.json", out _));
        VssTree tree = builder.Build();
        Assert.True(tree.TryGetSignal("A.T", out VssSignal? t));
        Assert.Equal(VssError.None, t.Validate(VssValue.FromInt32(-128)));
        Assert.Equal(VssError.OutOfRange, t.Validate(VssValue.FromInt32(-129)));
        Assert.Equal(VssError.OutOfRange, t.Validate(VssValue.FromInt32(128)));
        Assert.True(tree.TryGetSignal("A.S", out VssSignal? s));
        Assert.Equal(VssError.None, s.Validate(VssValue.FromInt32Array([-1, 127, 0])));
        Assert.Equal(VssError.NotAllowed, s.Validate(VssValue.FromInt32Array([-1, 2])));
        Assert.Equal(VssError.OutOfRange, s.Validate(VssValue.FromInt32Array([300])));
    }

    [Fact]
    public void Refusals_explain_themselves_naming_the_signal()
    {
        VssSignal fan = Signal("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed");
        Assert.Equal("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed: 101 is out of range [0, 100]", fan.Explain(VssError.OutOfRange, VssValue.FromUInt32(101)));
        Assert.Equal("Vehicle.Speed is float (Float on the wire), got Double", Signal("Vehicle.Speed").Explain(VssError.WrongType, VssValue.FromDouble(1)));
        Assert.Equal("Vehicle.Speed is a sensor, not an actuator", Signal("Vehicle.Speed").Explain(VssError.NotActuator, VssValue.FromFloat(1)));
    }

    [Theory]
    [InlineData("12.5", VssDataType.Float, "12.5")]
    [InlineData("-3", VssDataType.Int8, "-3")]
    [InlineData("true", VssDataType.Boolean, "true")]
    [InlineData("ECO", VssDataType.String, "\"ECO\"")]
    [InlineData("\"ECO\"", VssDataType.String, "\"ECO\"")]
    [InlineData("[1, 2, 3]", VssDataType.UInt8Array, "[1,2,3]")]
    [InlineData("[\"a\",\"b\"]", VssDataType.StringArray, "[\"a\",\"b\"]")]
    [InlineData("18446744073709551615", VssDataType.UInt64, "18446744073709551615")]
    public void Text_values_parse_by_datatype_and_print_as_json(string text, VssDataType type, string json)
    {
        Assert.True(VssValue.TryParse(text, type, out VssValue value, out string error), error);
        Assert.Equal(VssTypes.WireType(type), value.Type);
        Assert.Equal(json, value.ToString());
    }

    [Theory]
    [InlineData("fast", VssDataType.Float, "'fast' is not a float")]
    [InlineData("-1", VssDataType.UInt8, "'-1' is not a uint8")]
    [InlineData("1", VssDataType.UInt8Array, "'1' is not a JSON array for uint8[]")]
    [InlineData("[1, \"x\"]", VssDataType.Int32Array, "element 1 (\"x\") is not a int32[] element")]
    public void Bad_text_values_are_refused_with_a_reason(string text, VssDataType type, string reason)
    {
        Assert.False(VssValue.TryParse(text, type, out _, out string error));
        Assert.Equal(reason, error);
    }
}
