using System.Diagnostics;
using System.Globalization;

namespace EdgeSdk.Devices.Tests;

/// <summary>
/// A throwaway instance of Debian's chronyd: its own directory and config, the project's SOCK refclock as its
/// only source, no NTP port, commands over a Unix socket in the directory, and <c>-x</c> so the system clock
/// is never touched. Killed and removed on dispose.
/// </summary>
internal sealed class Chronyd : IAsyncDisposable
{
    private readonly Process _process;

    private Chronyd(string directory, Process process)
    {
        Directory = directory;
        _process = process;
    }

    public string Directory { get; }

    /// <summary>The SOCK refclock's socket, which chronyd creates and reads.</summary>
    public string SocketPath => Path.Combine(Directory, "chrony.sock");

    public string CommandSocketPath => Path.Combine(Directory, "chronyd.sock");

    /// <summary>Null when chronyd can run here, else why not (for a skip).</summary>
    public static string? Unavailable()
    {
        if (!File.Exists("/usr/sbin/chronyd") || !File.Exists("/usr/bin/chronyc"))
        {
            return "chronyd/chronyc not installed (apt-get install chrony; tests/run-all.sh installs it)";
        }

        return Environment.UserName == "root" ? null : "chronyd runs as root here (it opens its sockets and drops privileges); run the test command as root";
    }

    public static async Task<Chronyd> StartAsync(string refclockOptions)
    {
        // CreateTempSubdirectory makes it 0700, which chronyd requires of the directory of its command socket.
        string directory = System.IO.Directory.CreateTempSubdirectory("edgesdk-chronyd-").FullName;
        string config = Path.Combine(directory, "chrony.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            $"refclock SOCK {directory}/chrony.sock refid PPS {refclockOptions}",
            $"bindcmdaddress {directory}/chronyd.sock",
            "cmdport 0",
            "port 0",
            $"pidfile {directory}/chronyd.pid",
            $"driftfile {directory}/chrony.drift",
            $"dumpdir {directory}",
            ""));
        var process = Process.Start(new ProcessStartInfo("/usr/sbin/chronyd", ["-x", "-d", "-u", "root", "-f", config])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var chronyd = new Chronyd(directory, process);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(chronyd.SocketPath) || !File.Exists(chronyd.CommandSocketPath))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60)) // generous: a busy machine starts processes slowly
            {
                await chronyd.DisposeAsync();
                lock (log)
                {
                    throw new InvalidOperationException($"chronyd did not open its sockets (exited: {process.HasExited}): {log}");
                }
            }

            await Task.Delay(50);
        }

        return chronyd;
    }

    /// <summary><c>chronyc -c sources</c>' line for the PPS refclock: mode, state, name, stratum, poll, reach (octal), ...</summary>
    public async Task<string[]?> SourceAsync() => await CsvLineAsync("sources");

    /// <summary><c>chronyc -c sourcestats</c>' line for the PPS refclock: name, samples, runs, span, frequency, skew, offset, std dev.</summary>
    public async Task<string[]?> SourceStatsAsync() => await CsvLineAsync("sourcestats");

    public static int Reach(string[] source) => Convert.ToInt32(source[5], 8);

    public static int SampleCount(string[] stats) => int.Parse(stats[1], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task<string[]?> CsvLineAsync(string command)
    {
        using var chronyc = Process.Start(new ProcessStartInfo("/usr/bin/chronyc", ["-h", CommandSocketPath, "-c", command])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = await chronyc.StandardOutput.ReadToEndAsync();
        await chronyc.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))
            .FirstOrDefault(f => f.Contains("PPS"));
    }
}
