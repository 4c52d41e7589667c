namespace EdgeSdk.Cli.Tests;

/// <summary>A mistyped command line is one line naming the mistake and the closest valid spelling, exit code 2.</summary>
public class CommandLineMistakeTests
{
    [Theory]
    [InlineData("fxies", "edgesdk: 'fxies' is not a command; did you mean 'fixes'? (edgesdk --help lists them)")]
    [InlineData("subscibe --count 3", "edgesdk: 'subscibe' is not a command; did you mean 'subscribe'? (edgesdk --help lists them)")]
    [InlineData("demo --durration 10", "edgesdk demo: '--durration' is not an option; did you mean '--duration'? (edgesdk demo --help lists the options)")]
    [InlineData("demo --durration=10", "edgesdk demo: '--durration' is not an option; did you mean '--duration'? (edgesdk demo --help lists the options)")]
    [InlineData("bench nmea x.log --secnods 1", "edgesdk bench nmea: '--secnods' is not an option; did you mean '--seconds'? (edgesdk bench nmea --help lists the options)")]
    [InlineData("bench nmae x.log", "edgesdk bench: 'nmae' is not a command; did you mean 'nmea'? (edgesdk bench --help lists them)")]
    [InlineData("fixes x.nmea --hlep", "edgesdk fixes: '--hlep' is not an option; did you mean '--help'? (edgesdk fixes --help lists the options)")]
    [InlineData("serve --nowiat x.nmea", "edgesdk serve: '--nowiat' is not an option; did you mean '--nowait'? (edgesdk serve --help lists the options)")]
    [InlineData("fixes --realtiem x.nmea", "edgesdk fixes: '--realtiem' is not an option; did you mean '--realtime'? (edgesdk fixes --help lists the options)")]
    [InlineData("demo duration 10", "edgesdk demo: 'duration' is an unexpected argument; did you mean '--duration'? (edgesdk demo --help lists the options)")]
    [InlineData("demo --zzzzzz", "edgesdk demo: '--zzzzzz' is not an option (edgesdk demo --help lists the options)")]
    public async Task A_mistyped_command_or_option_is_one_line_with_the_closest_spelling_and_exit_2(string arguments, string expected)
    {
        var result = await EdgeSdkProcess.RunAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.StdErr.TrimEnd('\n'));
        Assert.Empty(result.StdOut);
    }

    // The command list comes from the tree, so commands added later are listed (and suggested) without a change here.
    private static string Commands => string.Join(", ", CommandTree.Build().Subcommands.Select(c => c.Name));

    [Fact]
    public async Task A_word_close_to_no_command_lists_the_commands()
    {
        var result = await EdgeSdkProcess.RunAsync("qqqqqq");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: 'qqqqqq' is not a command: use {Commands} (edgesdk --help)", result.StdErr.TrimEnd('\n'));
        Assert.StartsWith("demo, nmea, bench, fixes, serve", Commands);
    }

    [Fact]
    public async Task No_command_at_all_lists_the_commands()
    {
        var result = await EdgeSdkProcess.RunAsync("");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: give a command: {Commands} (edgesdk --help)", result.StdErr.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("bench", "edgesdk bench: give a command: nmea (edgesdk bench --help)")]
    [InlineData("track x.nmea", "edgesdk track: Option '--device' is required (edgesdk track --help)")]
    [InlineData("demo --duration soon", "edgesdk demo: Cannot parse argument 'soon' for option '--duration' as expected type 'System.Double' (edgesdk demo --help)")]
    public async Task A_missing_or_malformed_part_is_one_line_and_exit_2(string arguments, string expected)
    {
        var result = await EdgeSdkProcess.RunAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Help_after_a_mistake_still_shows_help()
    {
        var result = await EdgeSdkProcess.RunAsync("demo --durration 10 --help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--duration", result.StdOut);
    }

    [Theory]
    [InlineData("fxies", "fixes", 1)] // swapped neighbours are one edit
    [InlineData("--durration", "--duration", 1)]
    [InlineData("subscibe", "subscribe", 1)]
    [InlineData("demo", "demo", 0)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_counts_insertions_deletions_changes_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, ClosestName.Distance(a, b));
    }

    [Fact]
    public void A_unique_prefix_is_suggested_and_an_ambiguous_one_is_not()
    {
        Assert.Equal("--drain-seconds", ClosestName.Find("--drain", ["--device", "--drain-seconds", "--fleet"]));
        Assert.Null(ClosestName.Find("--s", ["--scenario", "--speedup"]));
    }
}
