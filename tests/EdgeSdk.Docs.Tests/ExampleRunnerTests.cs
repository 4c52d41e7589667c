namespace EdgeSdk.Docs.Tests;

/// <summary>The doc-test machinery can fail: a broken, sloppy or different example is caught.</summary>
public class ExampleRunnerTests
{
    [Fact]
    public void An_example_that_no_longer_compiles_is_reported_with_its_readme_line()
    {
        var example = new ReadmeExample("src/EdgeSdk.Nmea/README.md", 11,
            "using EdgeSdk.Nmea;\nConsole.WriteLine(NmeaChecksum.Calculate(\"$PCAS04,3\"));", "");
        var (assembly, diagnostics) = ExampleRunner.Compile(example);
        Assert.Null(assembly);
        Assert.Contains("src/EdgeSdk.Nmea/README.md(13,32): error CS0117", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_in_an_example_is_reported()
    {
        var example = new ReadmeExample("README.md", 1, "string? s = null;\nConsole.WriteLine(s.Length);", "");
        var (_, diagnostics) = ExampleRunner.Compile(example);
        Assert.Contains("warning CS8602", diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_example_prints_through_the_captured_console()
    {
        var example = new ReadmeExample("README.md", 1, "using EdgeSdk.Nmea;\nawait Task.Yield();\nConsole.WriteLine(NmeaChecksum.Append(\"$PCAS04,3\"));", "");
        var (assembly, diagnostics) = ExampleRunner.Compile(example);
        Assert.Equal(string.Empty, diagnostics);
        Assert.Equal("$PCAS04,3*1A\n", (await ExampleRunner.RunAsync(assembly!, AppContext.BaseDirectory, TimeSpan.FromMinutes(1))).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Extraction_pairs_each_example_with_the_output_block_after_it()
    {
        IReadOnlyList<ReadmeExample> examples = ReadmeExample.Extract("src/EdgeSdk.Nmea/README.md");
        ReadmeExample first = Assert.Single(examples);
        Assert.StartsWith("using EdgeSdk.Nmea;", first.Code, StringComparison.Ordinal);
        Assert.EndsWith("$PCAS04,3*1A", first.ExpectedOutput, StringComparison.Ordinal);
    }
}
