namespace EdgeSdk.Cli.Tests;

public class SimCommandTests
{
    [Fact]
    public async Task Sim_writes_nmea_to_stdout_and_a_summary_to_stderr()
    {
        var result = await EdgeSdkProcess.RunAsync("sim --scenario campus-loop --duration 5 --receiver ublox-m9");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Count(l => l.StartsWith("$GNRMC,")));
        Assert.All(lines, l => Assert.StartsWith("$", l));
        Assert.Contains("5 epochs", result.StdErr);
    }

    [Fact]
    public async Task Sim_writes_a_file_and_truth_lines()
    {
        string dir = Directory.CreateTempSubdirectory("edgesdk-sim").FullName;
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"sim --duration 10 --rate 5 --out {dir}/out.nmea --truth {dir}/truth.jsonl --seed 3");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(50, File.ReadAllLines($"{dir}/truth.jsonl").Length);
            Assert.Equal(50, File.ReadAllLines($"{dir}/out.nmea").Count(l => l.StartsWith("$GNGGA")));
            Assert.Contains($"writing to {dir}/out.nmea", result.StdErr);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("sim --receiver sirf", "unknown receiver 'sirf'")]
    [InlineData("sim --scenario /nonexistent/route.json", "/nonexistent/route.json")]
    [InlineData("sim --rate 3", "rate 3 Hz is not supported")]
    [InlineData("sim --faults bogus=1", "bad fault 'bogus=1'")]
    [InlineData("sim --out tcp://nohost:1", "bad TCP target")]
    public async Task Bad_arguments_are_one_clear_line_and_exit_code_2(string args, string message)
    {
        var result = await EdgeSdkProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
