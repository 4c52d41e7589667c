using System.Text.Json;

namespace EdgeSdk.Cli.Tests;

public class Jt808CommandTests
{
    // V1 and V8 of tests/EdgeSdk.Jt808.Tests/TestData/jt808/vectors.txt (SmallChi/JT808, MIT).
    private const string V1 = "7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E";
    private const string V8 = "7E00020000040021679287002B7D027E";
    private const string V1BadBcc = "7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01147E";

    [Fact]
    public async Task Decode_prints_the_location_report_with_degrees_and_gmt8_time()
    {
        var result = await EdgeSdkProcess.RunAsync($"jt808 decode {V1}");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdErr);
        using var doc = JsonDocument.Parse(result.StdOut);
        JsonElement root = doc.RootElement;
        Assert.Equal("0x0200", root.GetProperty("message_id").GetString());
        Assert.Equal(2013, root.GetProperty("version").GetInt32());
        Assert.Equal("123456789012", root.GetProperty("phone").GetString());
        Assert.Equal(126, root.GetProperty("sequence").GetInt32());
        JsonElement body = root.GetProperty("body");
        Assert.Equal(12.222222, body.GetProperty("latitude_deg").GetDouble());
        Assert.Equal(132.444444, body.GetProperty("longitude_deg").GetDouble());
        Assert.Equal(6.0, body.GetProperty("speed_kmh").GetDouble());
        Assert.Equal("2018-10-15T10:10:10+08:00", body.GetProperty("time").GetString());
        Assert.Equal("2018-10-15T02:10:10Z", body.GetProperty("time_utc").GetString());
        Assert.Equal(10.0, body.GetProperty("mileage_km").GetDouble());
        Assert.Equal(12.5, body.GetProperty("fuel_l").GetDouble());
        Assert.Equal(["01:00000064", "02:007D"], body.GetProperty("items").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_wrong_checksum_is_refused_with_the_reason_unless_ignored()
    {
        var refused = await EdgeSdkProcess.RunAsync($"jt808 decode {V1BadBcc}");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(string.Empty, refused.StdOut);
        string error = refused.StdErr.Trim();
        Assert.Single(error.Split('\n'));
        Assert.StartsWith("edgesdk: jt808 frame refused: wrong_checksum", error);
        Assert.Contains("--ignore-checksum", error);

        var ignored = await EdgeSdkProcess.RunAsync($"jt808 decode {V1BadBcc} --ignore-checksum");
        Assert.Equal(0, ignored.ExitCode);
        using var doc = JsonDocument.Parse(ignored.StdOut);
        Assert.False(doc.RootElement.GetProperty("checksum_ok").GetBoolean());
        Assert.Equal("0x14", doc.RootElement.GetProperty("checksum").GetString());
        Assert.Equal(12.222222, doc.RootElement.GetProperty("body").GetProperty("latitude_deg").GetDouble());
    }

    [Fact]
    public async Task Stdin_mode_decodes_each_line_and_refuses_bad_ones_with_their_line_number()
    {
        string input = "# heartbeat, then a bad escape, then the report\n" + V8 + "\n\n7E00020000040021679287002B7D037E\n" + V1 + "\n";
        var result = await EdgeSdkProcess.RunAsync("jt808 decode -", input);
        Assert.Equal(1, result.ExitCode);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var heartbeat = JsonDocument.Parse(lines[0]);
        Assert.Equal("0x0002", heartbeat.RootElement.GetProperty("message_id").GetString());
        Assert.Equal("0x7E", heartbeat.RootElement.GetProperty("checksum").GetString());
        Assert.Equal(43, heartbeat.RootElement.GetProperty("sequence").GetInt32());
        using var report = JsonDocument.Parse(lines[1]);
        Assert.Equal("0x0200", report.RootElement.GetProperty("message_id").GetString());
        Assert.StartsWith("edgesdk: jt808 line 4 refused: bad_escape", result.StdErr.Trim());
    }
}
