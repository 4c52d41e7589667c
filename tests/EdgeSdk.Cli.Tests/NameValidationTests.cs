namespace EdgeSdk.Cli.Tests;

/// <summary>Issue 19, item 10 through the CLI: a bad fleet or device name is one line naming it and exit 2, before any connection.</summary>
public class NameValidationTests
{
    private const string Allowed = "use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'";

    [Theory]
    [InlineData("subscribe --mqtt mqtt://127.0.0.1:9 --device #", "edgesdk: device '#' is not allowed: " + Allowed + ", or + for all")]
    [InlineData("subscribe --mqtt mqtt://127.0.0.1:9 --device a/b", "edgesdk: device 'a/b' is not allowed: " + Allowed + ", or + for all")]
    [InlineData("track - --mqtt mqtt://127.0.0.1:9 --fleet .. --device ..", "edgesdk: fleet '..' is not allowed: " + Allowed)]
    [InlineData("track - --mqtt mqtt://127.0.0.1:9 --fleet demo --device ../x", "edgesdk: device '../x' is not allowed: " + Allowed)]
    public async Task A_bad_name_is_one_line_and_exit_2(string arguments, string expected)
    {
        var result = await EdgeSdkProcess.RunAsync(arguments, stdin: string.Empty);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }
}
