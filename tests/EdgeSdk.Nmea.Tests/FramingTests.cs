using System.Text;

namespace EdgeSdk.Nmea.Tests;

public class FramingTests
{
    private const string Rmc = "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13";
    private const string Gga = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47";

    private static (List<string> Sentences, NmeaStatistics Stats) Frame(byte[] bytes, IEnumerable<int> chunkSizes, NmeaReader? reader = null)
    {
        reader ??= new NmeaReader { SkipCommentLines = true };
        var result = new List<string>();
        int at = 0;
        foreach (int size in chunkSizes)
        {
            if (at >= bytes.Length)
            {
                break;
            }

            int n = Math.Min(size, bytes.Length - at);
            reader.Feed(bytes, at, n);
            while (reader.Read())
            {
                result.Add(reader.Sentence.ToString());
            }

            at += n;
        }

        reader.Complete();
        while (reader.Read())
        {
            result.Add(reader.Sentence.ToString());
        }

        return (result, reader.Statistics);
    }

    private static int[] Whole() => new[] { int.MaxValue };

    private static IEnumerable<int> Random(int seed, int max)
    {
        var random = new Random(seed);
        while (true)
        {
            yield return random.Next(1, max + 1);
        }
    }

    private static string Describe(NmeaStatistics s) =>
        $"{s.Framed}/{s.Rejected}/{s.SkippedBytes}/{s.BinaryFrames}/{s.CommentLines}/" +
        string.Join(",", Enum.GetValues<NmeaRejectReason>().Select(s.GetRejected));

    [Fact]
    public void Any_chunking_of_every_capture_gives_the_same_sentences_and_counters()
    {
        byte[] all = WithBinaryBursts(Captures.All());
        var (expected, expectedStats) = Frame(all, Whole());
        Assert.True(expected.Count > 5700);
        string expectedCounters = Describe(expectedStats);

        foreach (IEnumerable<int> chunks in new[] { Enumerable.Repeat(1, int.MaxValue), Enumerable.Repeat(2, int.MaxValue), Enumerable.Repeat(81, int.MaxValue), Random(1, 7), Random(2, 300), Random(3, 5000) })
        {
            var (actual, stats) = Frame(all, chunks);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedCounters, Describe(stats));
        }
    }

    [Fact]
    public void Ends_at_CR_LF_or_CRLF_and_a_last_line_without_terminator_counts_at_Complete()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(Rmc + "\r" + Gga + "\n" + Rmc + "\r\n" + Gga);
        var (sentences, stats) = Frame(bytes, Whole());
        Assert.Equal(new[] { Rmc, Gga, Rmc, Gga }, sentences);
        Assert.Equal(4, stats.Framed);
        Assert.Equal(0, stats.SkippedBytes);
    }

    [Fact]
    public void Without_Complete_a_partial_last_line_waits_for_more_bytes()
    {
        var reader = new NmeaReader();
        byte[] head = Encoding.ASCII.GetBytes(Gga + "\r\n" + Rmc[..30]);
        reader.Feed(head, 0, head.Length);
        Assert.True(reader.Read());
        Assert.False(reader.Read());
        byte[] tail = Encoding.ASCII.GetBytes(Rmc[30..] + "\r\n");
        reader.Feed(tail, 0, tail.Length);
        Assert.True(reader.Read());
        Assert.Equal(Rmc, reader.Sentence.ToString());
    }

    [Fact]
    public void Garbage_is_skipped_and_counted_and_the_next_sentence_is_found()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("xx,1.7,-30.40,M*7D\r\nnoise" + Gga + "\r\n");
        var (sentences, stats) = Frame(bytes, Whole());
        Assert.Equal(new[] { Gga }, sentences);
        Assert.Equal(18 + 5, stats.SkippedBytes); // "xx,1.7,-30.40,M*7D" and "noise"; line ends are not counted
    }

    [Fact]
    public void Ubx_and_casic_frames_are_skipped_whole_even_with_dollar_signs_in_the_payload()
    {
        byte[] bytes = WithBinaryBursts(Encoding.ASCII.GetBytes(Gga + "\r\n" + Rmc + "\r\n"));
        var (sentences, stats) = Frame(bytes, Whole());
        Assert.Equal(new[] { Gga, Rmc }, sentences);
        Assert.Equal(2, stats.BinaryFrames);
        Assert.Equal(0, stats.Rejected);
        Assert.Equal(0, stats.SkippedBytes);
    }

    [Fact]
    public void A_binary_byte_inside_a_sentence_without_checksum_rejects_it_as_malformed_and_resynchronises()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("$GPGGA,1235"), .. Ubx(0x01, 0x07, 8), .. Encoding.ASCII.GetBytes(Gga + "\r\n")];
        var (sentences, stats) = Frame(bytes, Whole());
        Assert.Equal(new[] { Gga }, sentences);
        Assert.Equal(1, stats.GetRejected(NmeaRejectReason.Malformed));
        Assert.Equal(1, stats.BinaryFrames);
    }

    [Fact]
    public void A_sentence_with_checksum_followed_directly_by_the_next_dollar_is_accepted()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(Gga + Rmc + "\r\n" + "$GPGGA,123519,4807.038" + Rmc + "\r\n");
        var (sentences, stats) = Frame(bytes, Whole());
        Assert.Equal(new[] { Gga, Rmc, Rmc }, sentences);
        Assert.Equal(1, stats.GetRejected(NmeaRejectReason.Malformed)); // the cut-short GGA without checksum
    }

    [Fact]
    public void Too_long_lines_are_rejected_and_the_reader_resynchronises_at_the_next_start()
    {
        string longLine = "$GPTXT,01,01,02," + new string('A', 300) + "*00";
        byte[] bytes = Encoding.ASCII.GetBytes(longLine + "\r\n" + Gga + "\r\n");
        foreach (IEnumerable<int> chunks in new[] { Whole(), Enumerable.Repeat(1, int.MaxValue), Random(5, 50) })
        {
            var (sentences, stats) = Frame(bytes, chunks, new NmeaReader(256));
            Assert.Equal(new[] { Gga }, sentences);
            Assert.Equal(1, stats.GetRejected(NmeaRejectReason.TooLong));
        }

        var (accepted, _) = Frame(Encoding.ASCII.GetBytes(Gga + "\r\n"), Whole(), new NmeaReader(Gga.Length));
        Assert.Single(accepted); // exactly the maximum length is fine
        var (rejected, s) = Frame(Encoding.ASCII.GetBytes(Gga + "\r\n"), Whole(), new NmeaReader(Gga.Length - 1));
        Assert.Empty(rejected);
        Assert.Equal(1, s.GetRejected(NmeaRejectReason.TooLong));
    }

    [Theory]
    [InlineData(NmeaChecksumPolicy.CheckedWhenPresent, 2, 1, 0)]
    [InlineData(NmeaChecksumPolicy.Required, 1, 1, 1)]
    [InlineData(NmeaChecksumPolicy.Ignored, 3, 0, 0)]
    public void Checksum_policy(NmeaChecksumPolicy policy, int framed, int bad, int missing)
    {
        string noChecksum = "$GPGLL,4916.45,N,12311.12,W,225444,A";
        string wrong = Gga[..^2] + "00";
        byte[] bytes = Encoding.ASCII.GetBytes(Gga + "\r\n" + noChecksum + "\r\n" + wrong + "\r\n");
        var (sentences, stats) = Frame(bytes, Whole(), new NmeaReader { ChecksumPolicy = policy });
        Assert.Equal(framed, sentences.Count);
        Assert.Equal(bad, stats.GetRejected(NmeaRejectReason.BadChecksum));
        Assert.Equal(missing, stats.GetRejected(NmeaRejectReason.MissingChecksum));
    }

    [Fact]
    public void Lower_case_checksum_digits_are_accepted()
    {
        var (sentences, stats) = Frame(Encoding.ASCII.GetBytes("$GPTXT,01,01,02,hello*2f\r\n$GPTXT,01,01,02,hello*2F\r\n"), Whole());
        Assert.Equal(2, sentences.Count);
        Assert.Equal(0, stats.Rejected);
    }

    [Fact]
    public void Comment_lines_are_skipped_only_when_asked_and_only_at_line_start()
    {
        byte[] bytes = Encoding.ASCII.GetBytes("# Mixes $GNGSA with $GPGSV\r\n" + Gga + "\r\n");
        var (with, stats) = Frame(bytes, Whole());
        Assert.Equal(new[] { Gga }, with);
        Assert.Equal(1, stats.CommentLines);

        var (without, raw) = Frame(bytes, Whole(), new NmeaReader());
        // "$GNGSA with " is cut short by the next '$' (no checksum to prove it whole); "$GPGSV" ends at CR.
        Assert.Equal(new[] { "$GPGSV", Gga }, without);
        Assert.Equal(1, raw.GetRejected(NmeaRejectReason.Malformed));
    }

    [Fact]
    public void Address_must_be_upper_case_letters_and_digits()
    {
        var (sentences, stats) = Frame(Encoding.ASCII.GetBytes("$gpgga,1*55\r\n$,1,2*1D\r\n$G*47\r\n"), Whole(), new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        Assert.Empty(sentences);
        Assert.Equal(3, stats.GetRejected(NmeaRejectReason.Malformed));
    }

    /// <summary>Inserts a UBX and a CASIC frame whose payloads contain "$GPGGA," between the first two lines.</summary>
    internal static byte[] WithBinaryBursts(byte[] text)
    {
        int firstLineEnd = Array.IndexOf(text, (byte)'\n') + 1;
        return [.. text.Take(firstLineEnd), .. Ubx(0x02, 0x15, 40), .. Casic(0x05, 0x01, 24), .. text.Skip(firstLineEnd)];
    }

    internal static byte[] Ubx(byte cls, byte id, int length)
    {
        byte[] payload = Payload(length);
        return [0xB5, 0x62, cls, id, (byte)length, (byte)(length >> 8), .. payload, 0x12, 0x34];
    }

    private static byte[] Casic(byte cls, byte id, int length)
    {
        byte[] payload = Payload(length);
        return [0xBA, 0xCE, (byte)length, (byte)(length >> 8), cls, id, .. payload, 1, 2, 3, 4];
    }

    private static byte[] Payload(int length)
    {
        byte[] p = new byte[length];
        byte[] dollar = Encoding.ASCII.GetBytes("$GPGGA,\r\n");
        for (int i = 0; i < length; i++)
        {
            p[i] = i < dollar.Length ? dollar[i] : (byte)(i * 37);
        }

        return p;
    }
}
