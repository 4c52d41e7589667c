using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>The fast path's own pieces: the vectorised line scan, the fixed-width readers, zero allocation.</summary>
public class FastPathTests
{
    [Fact]
    public void Decoding_every_capture_through_the_fast_path_allocates_nothing()
    {
        byte[] all = GpsdCaptures.All().SelectMany(Captures.Bytes).ToArray();
        var parser = new NmeaParser(new NmeaReader { SkipCommentLines = true, FastPath = true });
        Drain(parser, all, 64); // warm up: JIT, static tables
        long sentences = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int pass = 0; pass < 5; pass++)
        {
            sentences += Drain(parser, all, 1 + (pass * 997)); // whole lines in place, and lines split across chunks
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(5 * Drain(new NmeaParser(new NmeaReader { SkipCommentLines = true }), all, all.Length), sentences);
        Assert.Equal(0, allocated);
    }

    [Theory]
    // Line ends in the first vector block, in the second, past 64 bytes (second comma word), at a binary byte, at '$'.
    [InlineData("$GPGLL,1,2*00\r\n", 13, 2)]
    [InlineData("$GPGSV,3,1,12,01,40,083,46,02,17,308,,12*00\n", 43, 12)]
    [InlineData("$GPGSV,3,1,12,01,40,083,46,02,17,308,,12,07,344,39,14,22,228,45,1,2,3,4,5,6,7,8,9,0,1,2,3*00\r\n", 92, 32)]
    [InlineData("$GPTXT,a,b\u00B5c,d", 10, 2)]
    [InlineData("$GPTXT,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z$GPTXT", 58, 26)]
    public void The_line_scan_finds_the_end_the_xor_and_every_comma(string text, int expectedEnd, int expectedCommas)
    {
        byte[] bytes = new byte[200];
        Encoding.Latin1.GetBytes(text).CopyTo(bytes, 5);
        var reader = new NmeaReader { FastPath = true };
        int end = reader.Sentence.ScanLine(bytes, 5, bytes.Length);
        Assert.Equal(5 + expectedEnd, end);
        int xor = 0;
        int commas = 0;
        for (int i = 6; i < end; i++)
        {
            xor ^= bytes[i];
            commas += bytes[i] == ',' ? 1 : 0;
        }

        Assert.Equal(expectedCommas, commas);
        Assert.Equal(xor, reader.Sentence.ScanXor);
        // Framing from the scan: one field per comma, the XOR as computed byte by byte above.
        Assert.Equal(NmeaRejectReason.None, reader.Sentence.Frame(bytes, 5, end - 5, NmeaChecksumPolicy.Ignored, true));
        int bodyXor = xor;
        if (reader.Sentence.HasChecksum)
        {
            bodyXor ^= '*' ^ bytes[end - 2] ^ bytes[end - 1];
        }

        Assert.Equal(expectedCommas, reader.Sentence.FieldCount);
        Assert.Equal(bodyXor, NmeaChecksum.Compute(bytes, 6, end - 6 - (reader.Sentence.HasChecksum ? 3 : 0)));
    }

    [Fact]
    public void The_fixed_width_readers_give_exact_values()
    {
        var parser = new NmeaParser(new NmeaReader { FastPath = true });
        byte[] line = Encoding.ASCII.GetBytes("$GNRMC,235959.987,A,8959.99999999,S,17959.9999999,W,1234.5678,7,291224,,,A,V\r\n" + new string(' ', 16));
        parser.Feed(line, 0, line.Length);
        Assert.Equal(NmeaSentenceType.Rmc, parser.Read());
        RmcSentence rmc = parser.Rmc;
        Assert.Equal(new NmeaTime(23, 59, 59, 987), rmc.TimeUtc);
        Assert.Equal(new NmeaDate(2024, 12, 29), rmc.Date);
        Assert.Equal(-(89 + (59.99999999 / 60)), rmc.LatitudeDegrees, 12);
        Assert.Equal(-(179 + (59.9999999 / 60)), rmc.LongitudeDegrees, 12);
        Assert.Equal(1234.5678, rmc.SpeedKnots);
        Assert.Equal(7.0, rmc.CourseDegrees);
        Assert.Equal(1, parser.Statistics.Accepted);
    }

    [Theory]
    // The five-character address is checked as letters or digits in one step: the bytes either side of '0'-'9' and
    // 'A'-'Z' ('/', ':', '@', '[') and lower case are rejected in every position, exactly as the portable loop does.
    [InlineData("GPGGA", NmeaRejectReason.None)]
    [InlineData("GN0A9", NmeaRejectReason.UnknownType)]
    [InlineData("ZZXYZ", NmeaRejectReason.UnknownTalker)]
    [InlineData("/PGGA", NmeaRejectReason.Malformed)]
    [InlineData("G:GGA", NmeaRejectReason.Malformed)]
    [InlineData("GP@GA", NmeaRejectReason.Malformed)]
    [InlineData("GPG[A", NmeaRejectReason.Malformed)]
    [InlineData("GPGGa", NmeaRejectReason.Malformed)]
    [InlineData("GPGG`", NmeaRejectReason.Malformed)]
    [InlineData("GPGG{", NmeaRejectReason.Malformed)]
    public void The_address_check_rejects_what_the_portable_path_rejects(string address, NmeaRejectReason expected)
    {
        string body = address + ",123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,";
        int xor = 0;
        foreach (char c in body)
        {
            xor ^= c;
        }

        byte[] line = Encoding.ASCII.GetBytes($"${body}*{xor:X2}\r\n");
        foreach (bool fast in new[] { false, true })
        {
            var parser = new NmeaParser(new NmeaReader { FastPath = fast });
            parser.Feed(line, 0, line.Length);
            NmeaSentenceType type = parser.Read();
            Assert.Equal(expected == NmeaRejectReason.None ? NmeaSentenceType.Gga : NmeaSentenceType.None, type);
            Assert.Equal(expected == NmeaRejectReason.None ? 1 : 0, parser.Statistics.Accepted);
            if (expected != NmeaRejectReason.None)
            {
                Assert.Equal(1, parser.Statistics.GetRejected(expected));
            }
        }
    }

    private static long Drain(NmeaParser parser, byte[] data, int chunk)
    {
        long n = 0;
        for (int at = 0; at < data.Length; at += chunk)
        {
            parser.Feed(data, at, Math.Min(chunk, data.Length - at));
            while (parser.Read() != NmeaSentenceType.None)
            {
                n++;
            }
        }

        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
            n++;
        }

        parser.Reader.Reset();
        return n;
    }
}
