using System.Text;

namespace EdgeSdk.Gnss.Tests;

/// <summary>The gpsd project's receiver captures (TestData/gpsd, BSD-2-Clause, see COPYING there).</summary>
public static class Captures
{
    public static readonly string[] Names = GpsdCaptures.Names;

    public static string PathOf(string name) => GpsdCaptures.PathOf(name);

    /// <summary>
    /// The bytes a receiver sent: comment lines dropped and gpsfake's '|' delay cookies removed
    /// (they only mark write boundaries), as gpsd's regression test feeds them.
    /// </summary>
    public static byte[] Stream(string name)
    {
        var text = new StringBuilder();
        foreach (string line in File.ReadAllLines(PathOf(name), Encoding.Latin1))
        {
            if (!line.StartsWith('#'))
            {
                text.Append(line.Replace("|", string.Empty, StringComparison.Ordinal)).Append("\r\n");
            }
        }

        return Encoding.Latin1.GetBytes(text.ToString());
    }

    /// <summary>The valid sentences of a capture, as the framer should find them.</summary>
    public static List<string> ValidSentences(string name)
    {
        var list = new List<string>();
        foreach (string line in Encoding.Latin1.GetString(Stream(name)).Split("\r\n"))
        {
            int star = line.LastIndexOf('*');
            if (line.Length > 0 && line[0] is '$' or '!' && star == line.Length - 3)
            {
                int sum = 0;
                for (int i = 1; i < star; i++)
                {
                    sum ^= line[i];
                }

                if (string.Equals(sum.ToString("X2"), line[(star + 1)..], StringComparison.OrdinalIgnoreCase))
                {
                    list.Add(line);
                }
            }
        }

        return list;
    }
}
