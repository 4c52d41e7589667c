using System.Text;

namespace EdgeSdk.Vehicle.Tests;

public class VssTreeTests
{
    internal static readonly VssTree Default = VssTree.LoadDefault();

    [Fact]
    public void Default_tree_is_vss_6_with_every_leaf_and_its_metadata()
    {
        Assert.Equal(1263, Default.Signals.Count);
        Assert.Empty(Default.Problems);
        Assert.Equal(643, Default.Signals.Count(s => s.EntryType == VssEntryType.Actuator));
        Assert.Equal(490, Default.Signals.Count(s => s.EntryType == VssEntryType.Sensor));
        Assert.Equal(130, Default.Signals.Count(s => s.EntryType == VssEntryType.Attribute));
        for (int i = 0; i < Default.Signals.Count; i++)
        {
            Assert.Equal(i + 1, Default.Signals[i].Id);
        }

        Assert.True(Default.TryGetSignal("Vehicle.Speed", out VssSignal? speed));
        Assert.Equal(VssDataType.Float, speed.DataType);
        Assert.Equal(VssEntryType.Sensor, speed.EntryType);
        Assert.Equal("km/h", speed.Unit);
        Assert.Equal("Vehicle speed.", speed.Description);
        Assert.True(speed.Min.IsNone);

        Assert.True(Default.TryGetSignal("Vehicle.CurrentLocation.Heading", out VssSignal? heading));
        Assert.Equal(VssValue.FromDouble(0), heading.Min);
        Assert.Equal(VssValue.FromDouble(360), heading.Max);

        Assert.True(Default.TryGetSignal("Vehicle.CurrentLocation.GNSSReceiver.FixType", out VssSignal? fixType));
        Assert.Equal(9, fixType.Allowed.Count);
        Assert.Equal("THREE_D", fixType.Allowed.AsStringArray()[5]);

        Assert.True(Default.TryGetSignal("Vehicle.Cabin.SeatPosCount", out VssSignal? seats));
        Assert.Equal(VssDataType.UInt8Array, seats.DataType);
        Assert.Equal(new uint[] { 2, 3 }, seats.Default.AsUInt32Array());

        Assert.True(Default.TryGetSignal(speed.Id, out VssSignal? byId));
        Assert.Same(speed, byId);
        Assert.False(Default.TryGetSignal(0, out _));
        Assert.False(Default.TryGetSignal(1264, out _));
        Assert.True(Default.IsBranch("Vehicle.Cabin"));
        Assert.False(Default.IsBranch("Vehicle.Speed"));
    }

    [Fact]
    public void Overlay_overrides_and_adds_signals_and_reports_what_it_cannot_serve()
    {
        VssTree tree = VssTree.Load([Path.Combine(AppContext.BaseDirectory, "TestData", "overlay.json")], overDefault: true);

        Assert.Equal(1263 + 3, tree.Signals.Count);
        Assert.True(tree.TryGetSignal("Vehicle.Speed", out VssSignal? speed));
        Assert.Equal(VssValue.FromFloat(250), speed.Max);
        Assert.Equal("km/h", speed.Unit); // kept from the base tree
        Assert.True(tree.TryGetSignal("Vehicle.Private.WiperLevel", out VssSignal? wiper));
        Assert.Equal(VssEntryType.Actuator, wiper.EntryType);
        Assert.Equal(VssDataType.UInt8, wiper.DataType);
        Assert.Equal(1264, wiper.Id);
        Assert.True(tree.IsBranch("Vehicle.Private"));
        string problem = Assert.Single(tree.Problems);
        Assert.StartsWith("Vehicle.Private.Bad: datatype 'vector3'", problem, StringComparison.Ordinal);
        Assert.Equal(["VSS 6.0 (built in)", Path.Combine(AppContext.BaseDirectory, "TestData", "overlay.json")], tree.Sources);
    }

    [Theory]
    [InlineData("{\"Vehicle\": ", "not valid JSON")]
    [InlineData("[1,2]", "a VSS JSON export is an object")]
    [InlineData("{}", "a VSS JSON export is an object")]
    public void Bad_documents_are_refused_with_the_source_named(string json, string reason)
    {
        var builder = new VssTreeBuilder();
        Assert.False(builder.TryAdd(Encoding.UTF8.GetBytes(json), "mine.json", out string error));
        Assert.StartsWith("mine.json: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Empty(builder.Build().Signals);
    }

    [Fact]
    public void Leaves_whose_limits_do_not_fit_their_datatype_are_left_out_and_listed()
    {
        var builder = new VssTreeBuilder();
        Assert.True(builder.TryAdd(Encoding.UTF8.GetBytes("""
            {"A": {"type": "branch", "children": {
              "Ok": {"type": "sensor", "datatype": "int16", "min": -5, "max": 5},
              "FractionalMin": {"type": "sensor", "datatype": "uint8", "min": 0.5},
              "StringMax": {"type": "sensor", "datatype": "float", "max": "high"},
              "AllowedWrongType": {"type": "actuator", "datatype": "uint8", "allowed": ["x"]},
              "Kind": {"type": "property", "datatype": "uint8"}
            }}}
            """), "limits.json", out string error), error);
        VssTree tree = builder.Build();
        Assert.Equal(["A.Ok"], tree.Signals.Select(s => s.Path));
        Assert.Equal(4, tree.Problems.Count);
        Assert.Contains(tree.Problems, p => p.StartsWith("A.FractionalMin: min 0.5 is not an integer", StringComparison.Ordinal));
        Assert.Contains(tree.Problems, p => p.StartsWith("A.StringMax: max \"high\" does not fit Float", StringComparison.Ordinal));
        Assert.Contains(tree.Problems, p => p.StartsWith("A.AllowedWrongType: allowed [\"x\"] is not an array of UInt32", StringComparison.Ordinal));
        Assert.Contains(tree.Problems, p => p.StartsWith("A.Kind: type 'property' is not served", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_and_invalid_files_throw_naming_the_file()
    {
        FileNotFoundException missing = Assert.Throws<FileNotFoundException>(() => VssTree.Load(["/nonexistent/vss.json"]));
        Assert.Contains("/nonexistent/vss.json", missing.Message, StringComparison.Ordinal);
        string bad = Path.GetTempFileName();
        try
        {
            File.WriteAllText(bad, "not json");
            InvalidDataException invalid = Assert.Throws<InvalidDataException>(() => VssTree.Load([bad]));
            Assert.StartsWith(bad + ": not valid JSON", invalid.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Theory]
    [InlineData("Vehicle.Cabin.**", "Vehicle.Cabin.")]
    [InlineData("Vehicle.Cabin", "Vehicle.Cabin.")]
    [InlineData("Vehicle.CurrentLocation", "Vehicle.CurrentLocation.")]
    public void Branch_patterns_match_every_leaf_below(string pattern, string prefix)
    {
        Assert.Equal(VssError.None, Default.TryMatch(pattern, out IReadOnlyList<VssSignal> matches));
        string[] expected = [.. Default.Signals.Where(s => s.Path.StartsWith(prefix, StringComparison.Ordinal)).Select(s => s.Path)];
        Assert.True(expected.Length > 5);
        Assert.Equal(expected, matches.Select(s => s.Path));
    }

    [Fact]
    public void Single_level_wildcards_and_leaf_paths_match_exactly()
    {
        // VSS 6.0 has no Vehicle.X.Speed: the pattern matches nothing, which KUKSA answers with NOT_FOUND.
        Assert.Equal(VssError.UnknownSignal, Default.TryMatch("Vehicle.*.Speed", out _));
        Assert.Equal(VssError.None, Default.TryMatch("Vehicle.*.*.Speed", out IReadOnlyList<VssSignal> motors));
        Assert.Equal(["Vehicle.Powertrain.CombustionEngine.Speed", "Vehicle.Powertrain.ElectricMotor.Speed"], motors.Select(s => s.Path));
        Assert.Equal(VssError.None, Default.TryMatch("Vehicle.**.Speed", out IReadOnlyList<VssSignal> speeds));
        Assert.Equal(7, speeds.Count);
        Assert.Equal(VssError.None, Default.TryMatch("Vehicle.Chassis.Axle.*.Wheel.*.Speed", out IReadOnlyList<VssSignal> wheels));
        Assert.Equal(4, wheels.Count);

        Assert.Equal(VssError.None, Default.TryMatch("Vehicle.Speed", out IReadOnlyList<VssSignal> one));
        Assert.Equal("Vehicle.Speed", Assert.Single(one).Path);

        Assert.Equal(VssError.None, Default.TryMatch("**.IsOpen", out IReadOnlyList<VssSignal> open));
        Assert.All(open, s => Assert.Contains(".IsOpen", s.Path, StringComparison.Ordinal));
        Assert.Equal(Default.Signals.Count(s => s.Path.Contains(".IsOpen", StringComparison.Ordinal)), open.Count);

        Assert.Equal(VssError.UnknownSignal, Default.TryMatch("Vehicle.NoSuchBranch", out _));
        Assert.Equal(VssError.InvalidRequest, Default.TryMatch("Vehicle..Speed", out _));
        Assert.Equal(VssError.InvalidRequest, Default.TryMatch("Vehicle.Cab*", out _));
        Assert.Equal(VssError.InvalidRequest, Default.TryMatch("", out _));
    }
}
