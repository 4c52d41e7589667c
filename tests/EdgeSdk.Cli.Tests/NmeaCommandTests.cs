using System.Text.Json;

namespace EdgeSdk.Cli.Tests;

public class NmeaCommandTests
{
    // From gpsd's quectel-l76k-nmea.log and beidou-gb.log, plus one bad checksum and one unknown talker.
    private const string Input =
        "# a comment line, as in gpsd captures\n" +
        "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13\r\n" +
        "$GBGSV,2,1,05,201,00,000,44,202,14,089,35,204,00,000,42,205,27,091,*66\r\n" +
        "$GNGGA,055234.000,4739.71890,N,12219.58362,W,1,08,1.5,60.3,M,-17.3,M,,*00\r\n" +
        "$GYOACC,090624,000653.10,0.004960,-0.001510,0.005386,100,-3.358145,-8.120926,4.427577,100,35,0,100,0*21\n";

    [Fact]
    public async Task Prints_one_json_object_per_accepted_sentence_with_units_in_the_names()
    {
        var result = await EdgeSdkProcess.RunAsync("nmea -", Input);
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);

        using var rmc = JsonDocument.Parse(lines[0]);
        Assert.Equal("GN", rmc.RootElement.GetProperty("talker").GetString());
        Assert.Equal("RMC", rmc.RootElement.GetProperty("type").GetString());
        Assert.Equal(47.661981666666667, rmc.RootElement.GetProperty("latitude_deg").GetDouble(), 12);
        Assert.Equal("2026-08-05", rmc.RootElement.GetProperty("date").GetString());
        Assert.Equal("05:52:34.000", rmc.RootElement.GetProperty("time_utc").GetString());
        Assert.False(rmc.RootElement.TryGetProperty("magnetic_variation_deg", out _)); // absent, not 0

        using var gsv = JsonDocument.Parse(lines[1]);
        JsonElement first = gsv.RootElement.GetProperty("satellites")[0];
        Assert.Equal("Beidou", first.GetProperty("system").GetString());
        Assert.Equal(401, first.GetProperty("PRN").GetInt32());
        Assert.Equal(3, first.GetProperty("gnssid").GetInt32());
        Assert.Equal(44, first.GetProperty("snr_dbhz").GetDouble());
    }

    [Fact]
    public async Task Stats_counts_accepted_and_rejected_per_reason()
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-nmea-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(path, Input);
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"nmea {path} --stats");
            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.StdOut);
            JsonElement root = doc.RootElement;
            Assert.Equal(2, root.GetProperty("accepted").GetInt64());
            Assert.Equal(2, root.GetProperty("rejected").GetInt64());
            Assert.Equal(1, root.GetProperty("rejected_by_reason").GetProperty("bad_checksum").GetInt64());
            Assert.Equal(1, root.GetProperty("rejected_by_reason").GetProperty("unknown_talker").GetInt64());
            Assert.Equal(1, root.GetProperty("comment_lines").GetInt64());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_file_is_one_line_on_stderr_and_a_non_zero_exit_code()
    {
        var result = await EdgeSdkProcess.RunAsync("nmea /no/such/capture.log");
        Assert.NotEqual(0, result.ExitCode);
        string error = result.StdErr.Trim();
        Assert.Single(error.Split('\n'));
        Assert.StartsWith("edgesdk:", error);
        Assert.Contains("/no/such/capture.log", error);
        Assert.Contains("not found", error);
    }
}
