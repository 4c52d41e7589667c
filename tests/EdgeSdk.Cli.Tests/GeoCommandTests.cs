namespace EdgeSdk.Cli.Tests;

public class GeoCommandTests
{
    [Fact]
    public async Task Convert_prints_nine_decimals_per_line_with_the_exact_inverse()
    {
        // coordtransform README point (G5): the exact GCJ-02 → WGS-84 inverse, not its one-step answer.
        var result = await EdgeSdkProcess.RunAsync("geo convert --from gcj02 --to wgs84", stdin: "39.915,116.404\n# comment\n\n 45 , 123 \n");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("39.913596236,116.397755755\n44.998040618,122.993955810\n", result.StdOut);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [Fact]
    public async Task Convert_wgs84_to_bd09_and_outside_china_unchanged()
    {
        var result = await EdgeSdkProcess.RunAsync("geo convert --from wgs84 --to bd09", stdin: "40.670063,122.4523\n48.8566,2.3522\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("40.677393879,122.464244025\n48.856600000,2.352200000\n", result.StdOut);
    }

    [Fact]
    public async Task Bad_lines_are_named_counted_skipped_and_make_the_exit_code_1()
    {
        var result = await EdgeSdkProcess.RunAsync("geo convert --from bd09 --to gcj02", stdin: "29.199786,120.019809\nnorth,east\n91,100\n29.5,106.5,3\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("line 2: \"north,east\" is not lat,lon", result.StdErr);
        Assert.Contains("line 3: \"91,100\"", result.StdErr);
        Assert.Contains("line 4: \"29.5,106.5,3\"", result.StdErr);
        Assert.Contains("3 of 4 lines were not lat,lon and were skipped", result.StdErr);
    }

    [Fact]
    public async Task An_unknown_datum_is_refused()
    {
        var result = await EdgeSdkProcess.RunAsync("geo convert --from mercator --to wgs84", stdin: "29.5,106.5\n");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Argument 'mercator' not recognized", result.StdErr + result.StdOut);
        Assert.DoesNotContain("29.5", result.StdOut);
    }
}
