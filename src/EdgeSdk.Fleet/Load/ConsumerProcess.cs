using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeSdk.Fleet;

/// <summary>
/// One consumer of a load run as a real process (<c>edgesdk fleet ingest</c>), so it can be killed with SIGKILL and
/// measured on its own. Its standard error is read continuously (the last lines are kept: a bounded tail).
/// </summary>
internal sealed partial class ConsumerProcess : IDisposable
{
    private const int TailLines = 20;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Task _reader, _outputReader;

    private ConsumerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _reader = Task.Run(ReadErrorAsync);
        _outputReader = Task.Run(() => process.StandardOutput.ReadToEndAsync()); // nothing expected; never let a full pipe block it
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the consumer and returns once it has printed its first line (subscribed).</summary>
    /// <exception cref="IOException">It could not be started, or exited before it was subscribed; the message has its error output.</exception>
    public static async Task<ConsumerProcess> StartAsync(string name, IReadOnlyList<string> command, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"cannot start the consumer '{command[0]}': {ex.Message}", ex);
        }

        var consumer = new ConsumerProcess(name, process);
        var clock = Stopwatch.StartNew();
        while (consumer.Lines().Length == 0)
        {
            if (process.HasExited && consumer._reader.IsCompleted && consumer.Lines().Length == 0)
            {
                throw new IOException($"consumer {name} exited with {process.ExitCode} before it subscribed");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException($"consumer {name} did not say it was subscribed within 2 minutes");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        if (process.HasExited)
        {
            await consumer._reader.ConfigureAwait(false);
            throw new IOException($"consumer {name} exited with {process.ExitCode}: {string.Join(" ", consumer.Lines())}");
        }

        return consumer;
    }

    /// <summary>SIGKILL: no goodbye; what it held uncommitted or unacknowledged is the broker's again.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGTERM, waits for its summary line, and returns it with the counts it names.</summary>
    public async Task<(string Summary, long Rejected, long AlreadyStored)> StopAsync()
    {
        await SignalProcess.TerminateAsync(_process, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        string summary = Lines().LastOrDefault() ?? string.Empty;
        Match skipped = SkippedPattern().Match(summary);
        Match already = AlreadyStoredPattern().Match(summary);
        long rejected = skipped.Success ? Parse(skipped.Groups[1].Value) + Parse(skipped.Groups[2].Value) : 0;
        return (summary, rejected, already.Success ? Parse(already.Groups[1].Value) : 0);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string[] Lines()
    {
        lock (_tail)
        {
            return [.. _tail];
        }
    }

    private async Task ReadErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_tail)
            {
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }
        }
    }

    private static long Parse(string digits) => long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    // The summary of `edgesdk fleet ingest`: "... 3 malformed and 1 oversized messages skipped".
    [GeneratedRegex(@"(\d+) malformed and (\d+) oversized")]
    private static partial Regex SkippedPattern();

    [GeneratedRegex(@"(\d+) already stored")]
    private static partial Regex AlreadyStoredPattern();
}
