using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>Property-style: random and mutated bytes never throw, and every line is still accounted for.</summary>
public class RobustnessTests
{
    private static readonly byte[] Alphabet = Encoding.ASCII.GetBytes("$!*,.-0123456789ABCDEFGNPSWZabf \r\n");

    [Fact]
    public void Random_bytes_never_throw_and_the_counters_stay_consistent()
    {
        var random = new Random(20260101);
        var parser = new NmeaParser(new NmeaReader(96));
        byte[] buffer = new byte[4096];
        long read = 0;
        for (int round = 0; round < 2000; round++)
        {
            int n = random.Next(1, buffer.Length);
            for (int i = 0; i < n; i++)
            {
                // Mostly NMEA-ish characters so that the decoders, not just framing, are exercised.
                buffer[i] = random.Next(4) == 0 ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
            }

            parser.Feed(buffer, 0, n);
            while (parser.Read() != NmeaSentenceType.None)
            {
                read++;
            }
        }

        NmeaStatistics s = parser.Statistics;
        Assert.Equal(read, s.Accepted);
        Assert.Equal(s.Framed, s.Accepted + s.GetRejected(NmeaRejectReason.UnknownTalker) + s.GetRejected(NmeaRejectReason.UnknownType)
            + s.GetRejected(NmeaRejectReason.InvalidField) + s.GetRejected(NmeaRejectReason.MissingFields));
        Assert.True(s.Rejected > 1000, $"random input should mostly be rejected, got {s.Rejected}");
        Assert.True(s.SkippedBytes > 100000);
    }

    [Fact]
    public void Mutated_real_sentences_never_throw_and_are_accepted_only_when_still_valid()
    {
        var random = new Random(4242);
        string[] lines = Captures.Names
            .SelectMany(n => File.ReadAllLines(Captures.PathOf(n), Encoding.Latin1))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith('$'))
            .ToArray();
        var parser = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        int cases = 0;
        int accepted = 0;
        for (int round = 0; round < 40000; round++)
        {
            byte[] line = Encoding.Latin1.GetBytes(lines[random.Next(lines.Length)]);
            int mutations = random.Next(1, 4);
            for (int m = 0; m < mutations && line.Length > 0; m++)
            {
                int at = random.Next(line.Length);
                switch (random.Next(4))
                {
                    case 0: line[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    case 1: line[at] = (byte)random.Next(256); break;
                    case 2: line = line.Take(at).ToArray(); break; // truncate
                    default: line = [.. line.Take(at), .. line.Skip(at).Take(random.Next(8)), .. line.Skip(at)]; break; // duplicate a run
                }
            }

            byte[] framed = [.. line, (byte)'\r', (byte)'\n'];
            parser.Feed(framed, 0, framed.Length);
            while (parser.Read() != NmeaSentenceType.None)
            {
                accepted++;
                AssertDecodedValuesAreSane(parser);
            }

            cases++;
        }

        Assert.Equal(40000, cases);
        Assert.Equal(accepted, parser.Statistics.Accepted);
        Assert.True(parser.Statistics.GetRejected(NmeaRejectReason.InvalidField) > 1000);
        Assert.True(accepted > 1000);
    }

    // Whatever got accepted must hold values inside their domains: mutation may change a value, never break a range.
    private static void AssertDecodedValuesAreSane(NmeaParser parser)
    {
        switch (parser.Current)
        {
            case RmcSentence r:
                Assert.True(double.IsNaN(r.LatitudeDegrees) || Math.Abs(r.LatitudeDegrees) <= 90.0);
                Assert.True(double.IsNaN(r.LongitudeDegrees) || Math.Abs(r.LongitudeDegrees) <= 180.0);
                Assert.True(!r.TimeUtc.IsValid || (r.TimeUtc.Hour < 24 && r.TimeUtc.Minute < 60 && r.TimeUtc.Second <= 60));
                Assert.True(!r.Date.IsValid || (r.Date.Month is >= 1 and <= 12 && r.Date.Year is >= 1980 and <= 2079));
                break;
            case GsvSentence g:
                Assert.InRange(g.SatelliteCount, 0, GsvSentence.MaxSatellites);
                break;
            case GsaSentence a:
                Assert.InRange(a.SatelliteCount, 0, a.SlotCount);
                Assert.InRange(a.SlotCount, GsaSentence.Slots, GsaSentence.MaxSlots);
                break;
        }
    }
}
