using EdgeSdk.Simulation.Receiver;

namespace EdgeSdk.Simulation.Tests;

public class ReceiverModelsTests
{
    [Fact]
    public void Every_model_has_one_name_that_parses_back_to_it()
    {
        Assert.Equal(["casic", "ublox-m9", "legacy-gps"], ReceiverModels.Names);
        Assert.Equal("casic, ublox-m9 or legacy-gps", ReceiverModels.NamesText);
        Assert.All(Enum.GetValues<ReceiverModel>(), model =>
        {
            Assert.True(ReceiverModels.TryParse(ReceiverModels.NameOf(model), out ReceiverModel parsed));
            Assert.Equal(model, parsed);
        });
        Assert.Equal(Enum.GetValues<ReceiverModel>().Length, ReceiverModels.Names.Count);
    }

    [Theory]
    [InlineData("sirf")]
    [InlineData("CASIC")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_do_not_parse(string? name)
    {
        Assert.False(ReceiverModels.TryParse(name, out _));
    }
}
