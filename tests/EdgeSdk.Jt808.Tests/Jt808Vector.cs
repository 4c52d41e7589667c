using System.Text.Json;

namespace EdgeSdk.Jt808.Tests;

/// <summary>One block of TestData/jt808/vectors.txt: name, wire hex, and the decoded values (a Python dict literal).</summary>
public sealed record Jt808Vector(string Name, string Hex, JsonElement Decoded)
{
    public override string ToString() => Name;

    public static IReadOnlyList<Jt808Vector> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "jt808", "vectors.txt");
        var vectors = new List<Jt808Vector>();
        string? name = null;
        string? hex = null;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("hex:", StringComparison.Ordinal))
            {
                hex = line[4..].Trim();
            }
            else if (line.StartsWith("decoded:", StringComparison.Ordinal))
            {
                // The values are a Python dict literal; none of its strings hold a quote, so a token swap makes it JSON.
                string json = line[8..].Trim().Replace('\'', '"')
                    .Replace(": True", ": true", StringComparison.Ordinal)
                    .Replace(": False", ": false", StringComparison.Ordinal)
                    .Replace(": None", ": null", StringComparison.Ordinal);
                vectors.Add(new Jt808Vector(name ?? throw new InvalidDataException("decoded: before a name line"), hex ?? throw new InvalidDataException($"{name}: no hex"), JsonDocument.Parse(json).RootElement.Clone()));
                name = null;
                hex = null;
            }
            else
            {
                name = line.Split('|')[0].Trim();
            }
        }

        return vectors;
    }
}
