using System.Globalization;
using System.Reflection;
using System.Text;
using EdgeSdk.Nmea;

namespace EdgeSdk.TestSupport;

/// <summary>
/// Runs the same bytes through the portable NMEA path and the .NET fast path (<see cref="NmeaReader.FastPath"/>) with
/// the same settings and chunking, and compares, after every <see cref="NmeaParser.Read"/>, the sentence, every public
/// value of the typed sentence (satellites, modes and numbers included, doubles bit for bit) and every counter and
/// reject reason. Shared by the differential test and the fuzz harness.
/// </summary>
public static class NmeaDifferential
{
    private static readonly Dictionary<Type, PropertyInfo[]> PropertyCache = new();

    /// <summary>The first difference as text, or null when both paths agree on everything; <paramref name="events"/> counts the comparisons.</summary>
    public static string? FirstDifference(byte[] input, int chunk, NmeaChecksumPolicy policy, bool skipComments, int maxLength, out int events)
    {
        var portable = new NmeaParser(new NmeaReader(maxLength) { ChecksumPolicy = policy, SkipCommentLines = skipComments });
        var fast = new NmeaParser(new NmeaReader(maxLength) { ChecksumPolicy = policy, SkipCommentLines = skipComments, FastPath = true });
        events = 0;
        chunk = chunk < 1 ? 1 : chunk;
        for (int at = 0; at <= input.Length; at += chunk)
        {
            bool last = at + chunk >= input.Length;
            int count = Math.Min(chunk, input.Length - at);
            portable.Feed(input, at, count);
            fast.Feed(input, at, count);
            if (last)
            {
                portable.Complete();
                fast.Complete();
            }

            while (true)
            {
                NmeaSentenceType a = portable.Read();
                NmeaSentenceType b = fast.Read();
                events++;
                string sa = Snapshot(portable, a);
                string sb = Snapshot(fast, b);
                if (sa != sb)
                {
                    return $"event {events} (chunk {chunk}, offset {at}, {policy}):\n portable: {sa}\n fast:     {sb}";
                }

                if (a == NmeaSentenceType.None)
                {
                    break;
                }
            }

            if (last)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Everything a caller can see after a <see cref="NmeaParser.Read"/> that returned <paramref name="type"/>.</summary>
    public static string Snapshot(NmeaParser parser, NmeaSentenceType type)
    {
        var sb = new StringBuilder();
        NmeaStatistics st = parser.Statistics;
        sb.Append(type).Append(" framed=").Append(st.Framed).Append(" accepted=").Append(st.Accepted)
            .Append(" rejected=").Append(st.Rejected).Append(" skipped=").Append(st.SkippedBytes)
            .Append(" binary=").Append(st.BinaryFrames).Append(" comments=").Append(st.CommentLines)
            .Append(" last=").Append(st.LastRejectReason);
        foreach (NmeaRejectReason reason in Enum.GetValues<NmeaRejectReason>())
        {
            sb.Append(' ').Append(reason).Append('=').Append(st.GetRejected(reason));
        }

        if (type == NmeaSentenceType.None)
        {
            return sb.ToString();
        }

        NmeaSentence s = parser.Sentence;
        sb.Append(" | ").Append(s.ToString()).Append(" fields=").Append(s.FieldCount).Append(" checksum=").Append(s.HasChecksum)
            .Append(" talker=").Append(s.Talker).Append(" type=").Append(s.Type);
        for (int f = 0; f <= s.FieldCount; f++)
        {
            sb.Append(f == 0 ? " [" : ",").Append(s.GetField(f));
        }

        sb.Append("] |");
        Append(sb, parser.Current, 0);
        switch (parser.Current)
        {
            case GsvSentence gsv:
                for (int i = 0; i < gsv.SatelliteCount; i++)
                {
                    Append(sb.Append(" sat").Append(i), gsv.GetSatellite(i), 1);
                }

                break;
            case GsaSentence gsa:
                for (int i = 0; i < gsa.SatelliteCount; i++)
                {
                    Append(sb.Append(" sat").Append(i).Append('=').Append(gsa.GetNumber(i)), gsa.GetSatellite(i), 1);
                }

                break;
            case GnsSentence gns:
                for (int i = 0; i < gns.ModeCount; i++)
                {
                    sb.Append(" mode").Append(i).Append('=').Append(gns.GetMode(i));
                }

                break;
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int depth)
    {
        if (value == null)
        {
            sb.Append("null");
            return;
        }

        Type t = value.GetType();
        switch (value)
        {
            case double d:
                sb.Append(BitConverter.DoubleToInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture));
                return;
            case float f:
                sb.Append(BitConverter.SingleToInt32Bits(f).ToString("X8", CultureInfo.InvariantCulture));
                return;
            case string str:
                sb.Append('"').Append(str).Append('"');
                return;
            case char c:
                sb.Append((int)c);
                return;
        }

        if (t.IsPrimitive || t.IsEnum || depth > 3)
        {
            sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            return;
        }

        PropertyInfo[] properties;
        lock (PropertyCache)
        {
            if (!PropertyCache.TryGetValue(t, out properties!))
            {
                properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                    .OrderBy(p => p.Name, StringComparer.Ordinal)
                    .ToArray();
                PropertyCache[t] = properties;
            }
        }

        sb.Append('{');
        foreach (PropertyInfo p in properties)
        {
            sb.Append(p.Name).Append('=');
            Append(sb, p.GetValue(value), depth + 1);
            sb.Append(';');
        }

        sb.Append('}');
    }
}
