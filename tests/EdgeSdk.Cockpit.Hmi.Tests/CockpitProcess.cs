using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary><c>edgesdk cockpit</c> on free loopback ports, as a user runs it; stopped with Ctrl+C (SIGINT).</summary>
public sealed partial class CockpitProcess : IAsyncLifetime
{
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private Process? _process;
    private Task? _reading;

    /// <summary>The HMI's URL as the command printed it.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public string StdOut { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string StdErr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    // Four times real time: the drive moves quickly, and the climate ECU's 0.5 s and the CAN message period stay short.
    // The rules raise "overspeed" above 30 km/h, which the simulated van exceeds on its route.
    public Task InitializeAsync() => StartAsync("--speedup", "4", "--rules", Path.Combine(AppContext.BaseDirectory, "overspeed-30kmh.rules.json"));

    public async Task StartAsync(params string[] arguments)
    {
        _process = Start(["cockpit", "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0", .. arguments]);
        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task errors = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is string line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        });
        Task output = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is string line)
            {
                lock (_stdout)
                {
                    _stdout.AppendLine(line);
                }

                if (HmiUrl().Match(line) is { Success: true } match)
                {
                    url.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }

            url.TrySetException(new InvalidOperationException($"edgesdk cockpit exited: {StdOut}{StdErr}"));
        });
        _reading = Task.WhenAll(errors, output);
        Url = await url.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>Ctrl+C, then waits for the exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (Process kill = Process.Start("kill", ["-INT", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        await _reading!;
        return _process.ExitCode;
    }

    public async Task DisposeAsync()
    {
        if (_process != null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            await _reading!;
            _process.Dispose();
        }
    }

    /// <summary>Runs <c>edgesdk ARGS</c> to its end (for the commands that fail before serving).</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToEndAsync(params string[] arguments)
    {
        using Process process = Start(arguments);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    [GeneratedRegex(@"HMI on (http://\S+)")]
    private static partial Regex HmiUrl();
}
