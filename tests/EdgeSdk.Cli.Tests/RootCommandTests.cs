namespace EdgeSdk.Cli.Tests;

public class RootCommandTests
{
    [Fact]
    public async Task Version_prints_the_assembly_version()
    {
        var result = await EdgeSdkProcess.RunAsync("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.StdOut.Trim());
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await EdgeSdkProcess.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("demo", result.StdOut);
        Assert.Contains("BeiDou", result.StdOut);
    }

    [Fact]
    public async Task An_unknown_command_is_an_error_with_a_non_zero_exit_code()
    {
        var result = await EdgeSdkProcess.RunAsync("no-such-command");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-command", result.StdErr);
    }
}
