namespace EdgeSdk.Nmea.Tests;

public class AllocationTests
{
    [Fact]
    public void Decoding_every_sentence_of_the_real_multi_gnss_captures_allocates_nothing()
    {
        byte[] all = Captures.All();
        var parser = Captures.NewParser();
        long sentences = DecodeAll(parser, all, 64); // warm up: JIT, static tables
        sentences = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int pass = 0; pass < 5; pass++)
        {
            sentences += DecodeAll(parser, all, 1 + (pass * 997)); // whole, and split across chunks
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(sentences > 5 * 5000, $"decoded {sentences}");
        Assert.Equal(0, allocated);
    }

    private static long DecodeAll(NmeaParser parser, byte[] data, int chunk)
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
