using System.Diagnostics;

namespace EdgeSdk.Samples.Tests;

/// <summary>The built sample programs, run as a user runs them: the one-line errors and the --simulate mode.</summary>
public sealed class SampleProcessTests
{
    [Fact]
    public async Task StudentGnssLed_without_a_board_or_port_says_what_to_do_in_one_line()
    {
        bool board = Directory.GetFiles("/dev", "gpiochip*").Length > 0;
        (int exit, List<string> output, List<string> errors) = await RunAsync("StudentGnssLed", "--port", "serial:/dev/ttyEdgeSdkMissing0");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal([board
            ? "StudentGnssLed: serial port /dev/ttyEdgeSdkMissing0 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)"
            : "StudentGnssLed: no GPIO chip (/dev/gpiochip*): run this on a Raspberry Pi, or add --simulate to try it without a board"], errors);
    }

    [Fact]
    public async Task StudentGnssLed_simulate_goes_from_no_fix_to_3D_and_stops_cleanly_on_ctrl_c()
    {
        var output = new LineWriter();
        using Process process = Start("StudentGnssLed", output, "--simulate");
        try
        {
            await Await.UntilAsync(() => output.Lines.Contains("led: * * * "), () => string.Join('|', output.Lines));
        }
        finally
        {
            await InterruptAsync(process);
        }

        Assert.Equal(0, process.ExitCode);
        List<string> lines = [.. output.Lines];
        Assert.StartsWith("simulated receiver on /dev/pts/", lines[0]);
        Assert.Equal(["fix: no fix, 0 satellites used", "fix: 3D fix"], lines.Where(l => l.StartsWith("fix:")).Select(l => l.StartsWith("fix: 3D") ? "fix: 3D fix" : l));
        int threeD = lines.FindIndex(l => l.StartsWith("fix: 3D"));
        Assert.Equal("led: * ", lines.Take(threeD).Last(l => l.StartsWith("led:"))); // one blink while there was no fix
    }

    // Ctrl+C, and the process must stop within a minute; a process that does not is killed, not left running.
    internal static async Task InterruptAsync(Process process)
    {
        Process.Start("kill", $"-INT {process.Id}")!.WaitForExit();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    [Fact]
    public async Task FleetConsumer_with_no_broker_says_so_in_one_line()
    {
        (int exit, _, List<string> errors) = await RunAsync("FleetConsumer", "--mqtt", "mqtt://127.0.0.1:9", "--out", Path.Combine(Path.GetTempPath(), "unused.geojson"));

        Assert.Equal(2, exit);
        string error = Assert.Single(errors);
        Assert.StartsWith("FleetConsumer: cannot connect to the MQTT broker at mqtt://127.0.0.1:9", error);
    }

    [Fact]
    public async Task LogisticsTracker_with_a_bad_broker_address_says_so_in_one_line()
    {
        (int exit, _, List<string> errors) = await RunAsync("LogisticsTracker", "--Tracker:Broker=broker.example.com");

        Assert.Equal(2, exit);
        Assert.Equal(["LogisticsTracker: 'broker.example.com' is not a broker address: use mqtt://HOST:PORT (or mqtts://HOST:PORT for TLS)"], errors);
    }

    internal static async Task<(int Exit, List<string> Output, List<string> Errors)> RunAsync(string sample, params string[] args)
    {
        var output = new LineWriter();
        using Process process = Start(sample, output, args);
        string errors = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, [.. output.Lines], [.. errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }

    // The samples' builds sit next to the tests (project references); run them with the same dotnet.
    internal static Process Start(string sample, LineWriter output, params string[] args)
    {
        string dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, sample + ".dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                output.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        return process;
    }
}
