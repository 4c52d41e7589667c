using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>The gpsd captures copied into TestData/gpsd, and helpers to run them through a parser.</summary>
public static class Captures
{
    public static readonly string[] Names = GpsdCaptures.Names;

    public static string PathOf(string name) => GpsdCaptures.PathOf(name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>All captures concatenated: the multi-GNSS mix used for allocation and robustness tests.</summary>
    public static byte[] All() => Names.SelectMany(Bytes).ToArray();

    /// <summary>Lines of a capture that start a sentence ('$' or '!' after optional blanks), comments excluded.</summary>
    public static int SentenceLines(string name) =>
        File.ReadAllLines(PathOf(name), Encoding.Latin1).Count(l => l.TrimStart().StartsWith('$') || l.TrimStart().StartsWith('!'));

    public static NmeaParser NewParser() => new(new NmeaReader { SkipCommentLines = true });

    /// <summary>Feeds the bytes whole and returns each accepted sentence as text with its type.</summary>
    public static List<(NmeaSentenceType Type, string Text)> Decode(NmeaParser parser, byte[] bytes)
    {
        var result = new List<(NmeaSentenceType, string)>();
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        NmeaSentenceType type;
        while ((type = parser.Read()) != NmeaSentenceType.None)
        {
            result.Add((type, parser.Sentence.ToString()));
        }

        return result;
    }

    /// <summary>Runs the parser until it reaches the sentence whose text starts with <paramref name="prefix"/>.</summary>
    public static NmeaParser At(string name, string prefix, int occurrence = 1)
    {
        var parser = NewParser();
        byte[] bytes = Bytes(name);
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
            if (parser.Sentence.ToString().StartsWith(prefix, StringComparison.Ordinal) && --occurrence == 0)
            {
                return parser;
            }
        }

        throw new InvalidOperationException($"{prefix} not found in {name}");
    }
}
