using System.Text;
using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Cli.Tests;

public class BenchCommandTests
{
    private const string TwoSentences =
        "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13\r\n" +
        "$GBGSV,2,1,05,201,00,000,44,202,14,089,35,204,00,000,42,205,27,091,*66\r\n";

    [Fact]
    public async Task Bench_nmea_prints_exactly_the_documented_fields_for_whole_passes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-bench-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(path, TwoSentences);
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"bench nmea {path} --seconds 0.3");
            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.StdOut);
            JsonElement root = doc.RootElement;
            Assert.Equal(new[] { "portable", "fast_path", "fast_path_speedup" }, root.EnumerateObject().Select(p => p.Name).ToArray());
            foreach (string name in new[] { "portable", "fast_path" })
            {
                JsonElement row = root.GetProperty(name);
                Assert.Equal(
                    new[] { "sentences", "bytes", "seconds", "sentences_per_second", "megabytes_per_second", "allocated_bytes_per_sentence" },
                    row.EnumerateObject().Select(p => p.Name).ToArray());
                long sentences = row.GetProperty("sentences").GetInt64();
                Assert.True(sentences > 0);
                Assert.Equal(0, sentences % 2); // whole passes over the two-sentence file
                Assert.Equal(sentences / 2 * 148, row.GetProperty("bytes").GetInt64());
                Assert.True(row.GetProperty("seconds").GetDouble() >= 0.3);

                // A timed run on a busy machine also counts what the runtime allocates on the thread while it
                // tiers the code up (0.001 B/sentence was seen); one object per sentence would be 24 B or more.
                // That the decoding itself allocates nothing is asserted exactly, below, after warm-up.
                double perSentence = row.GetProperty("allocated_bytes_per_sentence").GetDouble();
                Assert.InRange(perSentence, 0, 1);
            }

            Assert.True(root.GetProperty("fast_path_speedup").GetDouble() > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_code_path_bench_nmea_measures_allocates_nothing_after_warm_up(bool fastPath)
    {
        // The same calls as BenchCommand: one parser per path, DecodeAll over the whole capture, pass after pass.
        byte[] data = Encoding.ASCII.GetBytes(TwoSentences);
        var parser = new NmeaParser(new NmeaReader { SkipCommentLines = true, FastPath = fastPath });
        for (int pass = 0; pass < 1000; pass++)
        {
            parser.DecodeAll(data, 0, data.Length); // JIT and static tables
        }

        // Five windows of 10,000 passes. Code that allocates per call shows in every window; the runtime's own
        // one-off work on this thread (installing tiered-up code, on a busy machine at any moment) in one at most.
        var allocatedPerWindow = new long[5];
        for (int window = 0; window < allocatedPerWindow.Length; window++)
        {
            long sentences = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int pass = 0; pass < 10_000; pass++)
            {
                sentences += parser.DecodeAll(data, 0, data.Length);
            }

            allocatedPerWindow[window] = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(20_000, sentences);
        }

        Assert.True(allocatedPerWindow.Count(a => a == 0) >= 4, $"bytes allocated per window of 20,000 sentences: {string.Join(", ", allocatedPerWindow)}");
    }

    [Fact]
    public async Task Bench_nmea_with_a_missing_file_is_a_user_error()
    {
        var result = await EdgeSdkProcess.RunAsync("bench nmea /no/such/file.log --seconds 1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not found", result.StdErr);
    }
}
