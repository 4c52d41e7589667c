namespace EdgeSdk.Cli.Tests;

public sealed class TimeCommandTests
{
    [Fact]
    public async Task Without_a_source_it_says_how_to_give_one()
    {
        var result = await EdgeSdkProcess.RunAsync("time");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("edgesdk: time: give the receiver's NMEA with --nmea SOURCE (e.g. serial:/dev/ttyAMA0?baud=9600), or add --simulate to try it without a board", result.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Simulated_it_prints_samples_near_the_injected_offset_and_the_counters()
    {
        // 250 µs injected, no jitter: each sample is 250 µs plus the time from the virtual edge to the clock read.
        var result = await EdgeSdkProcess.RunAsync("time --simulate --pps-pin 22 --offset-us 250 --jitter-us 0 --duration 6", timeout: TimeSpan.FromMinutes(2));
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("simulated receiver on /dev/pts/", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("virtual PPS on GPIO 22: clock 250 us ahead, 0 us RMS jitter; Ctrl+C to stop", lines[0], StringComparison.Ordinal);
        string[] samples = lines.Where(l => l.Contains(" offset ", StringComparison.Ordinal) && l.EndsWith(" us", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(samples);
        Assert.All(samples, l => Assert.True(double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture) >= 250, l));
        Assert.Matches(@"^pulses \d+, samples \d+, pulses without time \d+, times without pulse \d+, sentences without time \d+$", lines[^1]);
    }
}
