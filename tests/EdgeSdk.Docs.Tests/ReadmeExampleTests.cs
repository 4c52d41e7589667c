// The examples change the process's current directory and standard output: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EdgeSdk.Docs.Tests;

/// <summary>
/// Every README's first example runs as written: it must compile without errors or warnings and print
/// exactly what the README shows after it. Examples run in a folder holding gpsd's captures (so a README
/// may open <c>quectel-l76k-nmea.log</c>, which is in tests/TestData/gpsd of the repository).
/// </summary>
public class ReadmeExampleTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (string readme in ReadmeExample.Readmes)
        {
            foreach (ReadmeExample example in ReadmeExample.Extract(readme))
            {
                data.Add(example.ToString());
            }
        }

        return data;
    }

    [Fact]
    public void Each_readme_starts_with_a_runnable_example_that_shows_its_output()
    {
        foreach (string readme in ReadmeExample.Readmes)
        {
            string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Readmes", readme));
            string? firstCsharp = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("```csharp", StringComparison.Ordinal));
            Assert.True(firstCsharp == ReadmeExample.CodeMarker, $"{readme}: the first C# block must be a runnable example ({ReadmeExample.CodeMarker})");
            Assert.All(ReadmeExample.Extract(readme), e => Assert.True(e.ExpectedOutput != null, $"{e}: no {ReadmeExample.OutputMarker} block follows the example"));
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_compiles_runs_and_prints_what_the_readme_shows(string where)
    {
        ReadmeExample example = ReadmeExample.Readmes.SelectMany(ReadmeExample.Extract).Single(e => e.ToString() == where);
        var (assembly, diagnostics) = ExampleRunner.Compile(example);
        Assert.True(assembly != null && diagnostics.Length == 0, $"{where} does not compile cleanly:\n{diagnostics}");

        string captures = Path.Combine(AppContext.BaseDirectory, "TestData", "gpsd");
        string output = await ExampleRunner.RunAsync(assembly!, captures, TimeSpan.FromMinutes(2));
        string expected = Normalize(example.ExpectedOutput!), actual = Normalize(output);
        Assert.True(expected == actual, $"{where} printed something else than its README shows.\n--- README:\n{expected}\n--- printed:\n{actual}");
    }

    // Line ends and trailing spaces are not part of what a reader sees.
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n').Select(l => l.TrimEnd()));
}
