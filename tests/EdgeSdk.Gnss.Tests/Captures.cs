using System.Text;
using EdgeSdk.Nmea;

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
            if (line.Length > 0 && line[0] is '$' or '!' && NmeaChecksum.Verify(line))
            {
                list.Add(line);
            }
        }

        return list;
    }
}
