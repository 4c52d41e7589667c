using System.Text.Json;

namespace EdgeSdk.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public async Task Bench_nmea_prints_exactly_the_documented_fields_and_zero_allocation()
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-bench-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(path,
            "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13\r\n" +
            "$GBGSV,2,1,05,201,00,000,44,202,14,089,35,204,00,000,42,205,27,091,*66\r\n");
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"bench nmea {path} --seconds 0.3");
            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.StdOut);
            JsonElement root = doc.RootElement;
            Assert.Equal(
                new[] { "sentences", "bytes", "seconds", "sentences_per_second", "megabytes_per_second", "allocated_bytes_per_sentence" },
                root.EnumerateObject().Select(p => p.Name).ToArray());
            long sentences = root.GetProperty("sentences").GetInt64();
            Assert.True(sentences > 0);
            Assert.Equal(0, sentences % 2); // whole passes over the two-sentence file
            Assert.Equal(sentences / 2 * 148, root.GetProperty("bytes").GetInt64());
            Assert.Equal(0, root.GetProperty("allocated_bytes_per_sentence").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Bench_nmea_with_a_missing_file_is_a_user_error()
    {
        var result = await EdgeSdkProcess.RunAsync("bench nmea /no/such/file.log --seconds 1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not found", result.StdErr);
    }
}
