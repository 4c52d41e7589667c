using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeSdk.Cli.Tests;

/// <summary><c>edgesdk databroker --simulate</c> on a free loopback port, started once for a test class.</summary>
public sealed partial class DatabrokerProcess : IAsyncLifetime
{
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private Task? _reading;

    /// <summary>host:port the broker serves on.</summary>
    public string Address { get; private set; } = "";

    public string StdErr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public Task InitializeAsync() => StartAsync("--simulate");

    /// <summary>Starts <c>edgesdk databroker --grpc 127.0.0.1:0 ARGS</c> and waits until it serves.</summary>
    public async Task StartAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "databroker", "--grpc", "127.0.0.1:0" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reading = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is string line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }

                if (Listening().Match(line) is { Success: true } match)
                {
                    listening.TrySetResult(match.Groups[1].Value);
                }
            }

            listening.TrySetException(new InvalidOperationException($"edgesdk databroker exited: {StdErr}"));
        });
        Address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>Waits until stderr has a line containing <paramref name="text"/>.</summary>
    public async Task WaitForStdErrAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!StdErr.Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(50, cancel.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (_process != null)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            await _reading!;
            _process.Dispose();
        }
    }

    [GeneratedRegex(@"serving kuksa\.val\.v2 on (127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
