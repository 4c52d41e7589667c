namespace EdgeSdk.Docs.Tests;

/// <summary>
/// One runnable example of a README: a fenced block opened with <c>```csharp test</c>, and the expected
/// standard output in the next fenced block, opened with <c>```text output</c>. GitHub shows both as
/// ordinary C# and text (it reads only the first word of the info string).
/// </summary>
public sealed record ReadmeExample(string Readme, int Line, string Code, string? ExpectedOutput)
{
    public const string CodeMarker = "```csharp test";
    public const string OutputMarker = "```text output";

    /// <summary>The READMEs that carry runnable examples, relative to the repository root (copied beside the tests).</summary>
    public static readonly string[] Readmes =
    {
        "README.md",
        "src/EdgeSdk.Nmea/README.md",
        "src/EdgeSdk.Gnss/README.md",
        "src/EdgeSdk.Telemetry/README.md",
        "src/EdgeSdk.Jt808/README.md",
        "src/EdgeSdk.Jt808.Terminal/README.md",
        "src/EdgeSdk.Rdss/README.md",
    };

    /// <summary>Every marked example of <paramref name="readme"/> (a path relative to the repository root).</summary>
    public static IReadOnlyList<ReadmeExample> Extract(string readme)
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Readmes", readme));
        var examples = new List<ReadmeExample>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != CodeMarker)
            {
                continue;
            }

            int start = i;
            string code = ReadBlock(lines, ref i);
            string? output = null;
            // The expected output is the next fenced block, if it is marked as output.
            for (int j = i + 1; j < lines.Length; j++)
            {
                if (lines[j].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    if (lines[j].Trim() == OutputMarker)
                    {
                        i = j;
                        output = ReadBlock(lines, ref i);
                    }

                    break;
                }
            }

            examples.Add(new ReadmeExample(readme, start + 1, code, output));
        }

        return examples;
    }

    public override string ToString() => $"{Readme}:{Line}";

    // From the opening fence at lines[i] to its closing fence; leaves i on the closing fence.
    private static string ReadBlock(string[] lines, ref int i)
    {
        var block = new List<string>();
        for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
        {
            block.Add(lines[i]);
        }

        return string.Join('\n', block);
    }
}
