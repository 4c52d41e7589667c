namespace EdgeSdk.Can.Tests;

public class CanVssMappingTests
{
    [Fact]
    public void Values_an_entry_leaves_out_keep_their_defaults()
    {
        CanVssMapping mapping = CanVssMapping.Parse("""
            { // comments, any case and trailing commas, as before
              "Signals": [
                {"vss":"Vehicle.Speed","message":"ESP_21","signal":"ESP_v_Signal",},
                {"VSS":"Vehicle.Body.Lights.Beam.Low.IsOn","message":"Body","signal":"LowBeam","intervalMs":20,"scale":3.6,"onChange":true,"transform":"abs","valueMap":{"1":"true"}},
              ],
            }
            """, "m.json");
        var defaults = new CanVssMappingEntry();
        CanVssMappingEntry plain = mapping.Signals[0];
        Assert.Equal(("Vehicle.Speed", "ESP_21", "ESP_v_Signal"), (plain.Vss, plain.Message, plain.Signal));
        Assert.Equal((defaults.IntervalMs, defaults.Scale, defaults.OnChange, defaults.Transform), (plain.IntervalMs, plain.Scale, plain.OnChange, plain.Transform));
        Assert.Equal(100, plain.IntervalMs);
        Assert.Equal(1, plain.Scale);
        Assert.Null(plain.ValueMap);

        CanVssMappingEntry full = mapping.Signals[1];
        Assert.Equal((20, 3.6, true, "abs"), (full.IntervalMs, full.Scale, full.OnChange, full.Transform));
        Assert.Equal("true", full.ValueMap!["1"]);
    }

    [Theory]
    [InlineData("""{"signals":[]}""", "no \"signals\" entries")]
    [InlineData("""{"signals":null}""", "no \"signals\" entries")]
    [InlineData("null", "no \"signals\" entries")]
    [InlineData("""{"signals":[null]}""", "entry 1 is null")]
    [InlineData("""{"signals":[{"vss":null,"message":"M","signal":"S"}]}""", "entry 1 needs \"vss\"")]
    [InlineData("""{"signals":[{"vss":"V","message":"M","signal":"S","intervalMs":0}]}""", "intervalMs must be at least 1")]
    [InlineData("""{"signals":[{"vss":"V","message":"M","signal":"S","scale":0}]}""", "scale must be")]
    [InlineData("""{"signals":[{"vss":"V","message":"M","signal":"S","intervalMs":"x"}]}""", "not a valid mapping JSON")]
    [InlineData("{", "not a valid mapping JSON")]
    public void Bad_mappings_are_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => CanVssMapping.Parse(json, "m.json"));
        Assert.StartsWith("m.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
