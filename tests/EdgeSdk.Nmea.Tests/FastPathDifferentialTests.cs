using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>
/// The .NET fast path (<see cref="NmeaReader.FastPath"/>) against the portable path, the reference: every capture,
/// dirty inputs and the fuzz seeds, in several chunkings and under every checksum policy; after every Read the
/// sentence, every typed value and every counter and reject reason must be the same.
/// </summary>
public class FastPathDifferentialTests
{
    private static readonly NmeaChecksumPolicy[] Policies =
        [NmeaChecksumPolicy.CheckedWhenPresent, NmeaChecksumPolicy.Required, NmeaChecksumPolicy.Ignored];

    // Whole, one byte at a time (every line split), a prime that splits lines anywhere, a reader-sized chunk.
    private static readonly int[] Chunks = [int.MaxValue, 1, 61, 4093];

    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (string name in GpsdCaptures.All())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_capture_is_in_the_comparison()
    {
        Assert.Equal(71, GpsdCaptures.All().Length);
    }

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public void Every_capture_decodes_the_same_on_both_paths(string name)
    {
        byte[] bytes = Captures.Bytes(name);
        int events = AssertSame(bytes, name);
        Assert.True(events > Chunks.Length * Policies.Length, $"{name}: {events} comparisons");
    }

    [Fact]
    public void Dirty_inputs_decode_the_same_on_both_paths()
    {
        int total = 0;
        foreach (string name in GpsdCaptures.All())
        {
            byte[] clean = Captures.Bytes(name);
            for (int seed = 1; seed <= 3; seed++)
            {
                byte[] dirty = Dirty(clean, (name.Sum(c => c) * 7) + seed); // string hashes differ per process: not those
                total += AssertSame(dirty, $"{name} dirty seed {seed}");
            }
        }

        Assert.True(total > 100_000, $"{total} comparisons");
    }

    [Fact]
    public void Fuzz_seeds_decode_the_same_on_both_paths()
    {
        string[] seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzSeeds", "nmea"));
        Assert.Equal(8, seeds.Length);
        foreach (string seed in seeds)
        {
            AssertSame(File.ReadAllBytes(seed), Path.GetFileName(seed));
        }
    }

    [Theory]
    // Fixed-width fields at and around every edge the fast readers test: digits next to '0'-1 and '9'+1, signs,
    // extra dots, too many or too few digits, minute 60, 90°/180°, day 0, 29 February, 24:00, second 60.
    [InlineData("$GNRMC,235959.999,A,8960.0000,N,18000.0000,E,0.00,0.0,290224,,,A,V")]
    [InlineData("$GNRMC,240000.00,A,8960.0001,N,18000.0001,E,/.00,:.0,290223,,,A,V")]
    [InlineData("$GNRMC,235960.1234567,A,0000.00000000,S,00000.0000000000,W,12345678.,.5,010180,,,A")]
    [InlineData("$GNRMC,23595:,A,47.5,N,1220.1.5,W,-1.5,+2,311299,,,A")]
    [InlineData("$GNRMC,2359/9.5,A,4739.71890,NN,12219.58362,X,1..2,12.3.4,31129,,,A")]
    [InlineData("$GNRMC,123456,A,123456.789,N,1234567.8,E,99999999,999999999.9,000000,,,A")]
    [InlineData("$GNRMC,12345.6,A,4739.7189012345,N,12219.583621234567,W,1e5,0x1,3112999,,,A")]
    [InlineData("$GNGGA,055234.000,4739.71890,N,12219.58362,W,1,12,0.9,-12.3,M,-17.0,M,,0000")]
    [InlineData("$GNGGA,055234.00,4739.71890123,S,12219.58362123,W,1,12,0.9,1.0,M,2.0,M,,")]
    [InlineData("$GNGGA,055234.00,9000.00000000,N,18000.00000000,E,1,12,0.9,1.0,M,2.0,M,,")]
    [InlineData("$GNGGA,055234.00,8959.99999999,N,18000.00000001,E,1,12,0.9,1.0,M,2.0,M,,")]
    [InlineData("$GNGLL,0000.00000001,N,17959.99999999,W,055234.00,A,A")]
    [InlineData("$GNGGA,055234.,47.39,N,1.2,W,+1,-2,.9,12.,M,00.0,M,1.2,10000")]
    [InlineData("$GNGGA,0552,4739.,N,12219.,W,a,1a,0,1,M,2,M,3,4")]
    [InlineData("$GPGSV,3,1,12,01,40,083,46,02,17,308,,12,07,344,39,14,22,228,45*75")]
    [InlineData("$GBGSV,9,9,99,0001,-1,+83,4.6,99999,90.5,360,99,163,1a,1/,:1,,,,,1")]
    [InlineData("$GLGSV,1,1,04,65,,,,66,,,,67,,,,68,,,,F")]
    [InlineData("$GAGSV,1,1,00,,,,,,,,,,,,,,,,,0")]
    [InlineData("$GPGSV,10000,1,,-0,00,000,00")]
    [InlineData("$GNVTG,-,T,+,M,-0.0,N,-.5,K,A")]
    [InlineData("$GNVTG,-5.,T,+1234567,M,-1234567,N,-12345.6,K,A")]
    [InlineData("$GNVTG,--1,T,-+1,M,-1-,N,+0.000001,K,A")]
    public void Edge_values_decode_the_same_on_both_paths(string sentence)
    {
        // With and without a (correct) checksum, as a line in the middle of a stream and as the stream's last bytes.
        string withChecksum = NmeaChecksum.Append(sentence.Contains('*') ? sentence[..sentence.IndexOf('*')] : sentence);
        foreach (string line in new[] { sentence, withChecksum })
        {
            AssertSame(Encoding.ASCII.GetBytes(line + "\r\n" + line + "\r\n"), line);
            AssertSame(Encoding.ASCII.GetBytes(line), line + " (last bytes)");
        }
    }

    [Fact]
    public void Long_lines_and_many_commas_reject_the_same_on_both_paths()
    {
        var inputs = new List<string>
        {
            "$GPGSV," + new string(',', 300) + "\r\n",                          // more fields than the reader holds
            "$GPTXT," + new string('A', 254) + "\r\n",                           // 262 characters: TooLong at 256
            "$GPTXT," + new string('A', 248) + "\r\n",                           // exactly 256
            "$GPTXT," + new string('A', 249) + "\r\n",                           // 257
            "$GPGGA," + string.Concat(Enumerable.Repeat("1,", 130)) + "*00\r\n",  // commas up to the checksum
            "$GPTXT,01,01,02,hello*\r\n$GPTXT,01,01,02,hello*1\r\n$GPTXT*,\r\n$*00\r\n$\r\n!\r\n$$$!!\r\n",
        };
        foreach (string input in inputs)
        {
            foreach (int max in new[] { 16, 82, 256, 300 })
            {
                byte[] bytes = Encoding.ASCII.GetBytes(input);
                foreach (NmeaChecksumPolicy policy in Policies)
                {
                    foreach (int chunk in Chunks)
                    {
                        string? diff = NmeaDifferential.FirstDifference(bytes, chunk, policy, false, max, out _);
                        Assert.True(diff == null, $"max {max}: {diff}");
                    }
                }
            }
        }
    }

    private static int AssertSame(byte[] bytes, string what)
    {
        int total = 0;
        foreach (NmeaChecksumPolicy policy in Policies)
        {
            foreach (int chunk in Chunks)
            {
                // Comment lines skipped at the default length; kept (skipped as garbage) at NMEA's own 82.
                bool comments = chunk % 2 == 1;
                string? diff = NmeaDifferential.FirstDifference(bytes, chunk, policy, comments, comments ? 256 : 82, out int events);
                Assert.True(diff == null, $"{what}: {diff}");
                total += events;
            }
        }

        return total;
    }

    // Deterministic damage, line by line: flipped and replaced bytes, digits turned into their neighbours
    // ('/' and ':'), truncated lines, lost line ends, binary frames and random bytes between lines, over-long lines.
    private static byte[] Dirty(byte[] clean, int seed)
    {
        var random = new Random(seed);
        var output = new List<byte>(clean.Length * 2);
        int lineStart = 0;
        for (int i = 0; i <= clean.Length; i++)
        {
            if (i < clean.Length && clean[i] != '\n')
            {
                continue;
            }

            var line = new List<byte>(clean[lineStart..Math.Min(i + 1, clean.Length)]);
            lineStart = i + 1;
            switch (random.Next(12))
            {
                case 0:
                    if (line.Count > 0)
                    {
                        line[random.Next(line.Count)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    for (int k = 0; k < line.Count; k++)
                    {
                        if (line[k] >= '0' && line[k] <= '9' && random.Next(8) == 0)
                        {
                            line[k] = (byte)(random.Next(2) == 0 ? '/' : ':');
                        }
                    }

                    break;
                case 2:
                    if (line.Count > 2)
                    {
                        line = line.Take(random.Next(1, line.Count)).ToList();
                    }

                    break;
                case 3:
                    line.RemoveAll(b => b == '\r' || b == '\n');
                    break;
                case 4:
                    byte[] frame = random.Next(2) == 0 ? [0xB5, 0x62, 1, 7, 8, 0] : [0xBA, 0xCE, 8, 0, 1, 2];
                    output.AddRange(frame);
                    for (int k = 0; k < 8 + (frame[0] == 0xB5 ? 2 : 4); k++)
                    {
                        output.Add((byte)(random.Next(3) == 0 ? '$' : random.Next(256)));
                    }

                    break;
                case 5:
                    for (int k = random.Next(1, 40); k > 0; k--)
                    {
                        output.Add((byte)random.Next(256));
                    }

                    break;
                case 6:
                    var body = line.Where(b => b != '\r' && b != '\n').ToList();
                    int at = line.FindIndex(b => b == '\r' || b == '\n');
                    for (int k = 0; k < 4; k++)
                    {
                        line.InsertRange(at < 0 ? line.Count : at, body.Skip(1)); // the line four times longer, one terminator
                    }

                    break;
                case 7:
                    for (int k = 0; k < line.Count; k++)
                    {
                        if (line[k] == '.' && random.Next(3) == 0)
                        {
                            line.Insert(k, (byte)(random.Next(2) == 0 ? '.' : '-'));
                            k++;
                        }
                    }

                    break;
                case 8:
                    for (int k = 0; k < line.Count; k++)
                    {
                        if (line[k] == ',' && random.Next(6) == 0)
                        {
                            line.Insert(k + 1, (byte)('0' + random.Next(10)));
                            k++;
                        }
                    }

                    break;
            }

            output.AddRange(line);
        }

        return output.ToArray();
    }
}
