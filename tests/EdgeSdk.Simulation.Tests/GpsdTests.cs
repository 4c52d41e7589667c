using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Tests;

/// <summary>
/// Debian's real gpsd reads the simulator's pseudo-terminal and must accept it as a receiver. It runs alone (not
/// beside the other pseudo-terminal tests): a daemon opening a device by path should not share a busy machine's
/// pts numbers, which are reused as soon as a test closes its terminal, with tests that open and close many.
/// </summary>
[Collection(nameof(GpsdTests))]
public class GpsdTests
{
    [Fact]
    public async Task Gpsd_reports_3d_fixes_within_the_noise_of_the_truth_and_the_simulated_satellites()
    {
        using var pty = PseudoTerminal.Open();
        pty.WriteTimeout = TimeSpan.FromSeconds(60); // never drop: on a busy machine gpsd may pause reading for seconds
        using var truth = new MemoryStream();
        int port = FreePort();
        string socket = Path.Combine(Path.GetTempPath(), $"edgesdk-gpsd-{Guid.NewGuid():N}.sock");
        var gpsdLog = new Queue<string>(); // gpsd's last log lines (-D 2), for the failure message
        using Process gpsd = Start(gpsdLog, "gpsd", "-N", "-n", "-b", "-D", "2", "-S", port.ToString(CultureInfo.InvariantCulture), "-F", socket, pty.SlavePath);
        var lines = new List<string>();
        int restarts = 0;
        try
        {
            // gpspipe first, so no epoch is written before anyone listens; then drive until gpsd has reported
            // enough 3D fixes and skies. gpsd takes a few seconds to settle on a new device, and much longer on a
            // busy machine, so the drive has simulated time to spare (1200 s, 5 min of wall time at 4x) and
            // ends as soon as the condition holds, however long that took.
            Process pipe = await StartGpspipeAsync(port, lines);
            var options = new SimulationOptions { DurationSeconds = 1200, Realtime = true, Speedup = 4, Truth = truth };
            using var enough = new CancellationTokenSource();
            Task<SimulationSummary> run = GnssSimulator.RunAsync(options, pty.Stream, enough.Token);
            while (!run.IsCompleted && (Count(lines, "\"class\":\"TPV\"", "\"mode\":3") < Wanted || Count(lines, "\"class\":\"SKY\"", "\"satellites\"") < Wanted))
            {
                await Task.WhenAny(run, Task.Delay(200));
                Assert.False(gpsd.HasExited, "gpsd exited during the drive");
                if (pipe.HasExited)
                {
                    // gpsd drops a client that falls behind (a starved gpspipe on a busy machine): listen again.
                    pipe.Dispose();
                    pipe = await StartGpspipeAsync(port, lines);
                    restarts++;
                }
            }

            await enough.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
                // stopped on purpose once gpsd had reported enough fixes
            }

            pipe.Kill(entireProcessTree: true);
            await pipe.WaitForExitAsync();
            pipe.Dispose();
            Assert.Equal(0, pty.DroppedBytes);
        }
        finally
        {
            gpsd.Kill(entireProcessTree: true);
            await gpsd.WaitForExitAsync();
            File.Delete(socket);
        }

        List<JsonElement> truthLines = SimRun.ParseTruth(truth.ToArray());
        var truthByTime = truthLines.ToDictionary(t => t.GetProperty("timeUtc").GetString()!, t => t);
        List<JsonElement> reports;
        lock (lines)
        {
            reports = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        }

        var tpv3d = reports.Where(r => r.GetProperty("class").GetString() == "TPV" && r.TryGetProperty("mode", out var m) && m.GetInt32() == 3 && r.TryGetProperty("time", out _)).ToList();
        Assert.True(tpv3d.Count >= Wanted, $"{tpv3d.Count} 3D TPV reports from gpsd; all reports: " +
            string.Join(", ", reports.GroupBy(r => r.GetProperty("class").GetString() + (r.TryGetProperty("mode", out var m) ? " mode " + m.GetInt32() : string.Empty)).Select(g => $"{g.Key}: {g.Count()}")) +
            $"; gpspipe restarted {restarts} times; gpsd's last log lines:\n{string.Join('\n', gpsdLog)}");

        // The drive may be stopped between an epoch's NMEA and its truth line: only the last report may lack truth.
        Assert.All(tpv3d.SkipLast(1), tpv => Assert.True(truthByTime.ContainsKey(tpv.GetProperty("time").GetString()!), $"{tpv}: no simulated epoch at that time"));
        foreach (JsonElement tpv in tpv3d.Where(t => truthByTime.ContainsKey(t.GetProperty("time").GetString()!)))
        {
            JsonElement t = truthByTime[tpv.GetProperty("time").GetString()!];
            double error = SimRun.Meters(t.GetProperty("latitudeDegrees").GetDouble(), t.GetProperty("longitudeDegrees").GetDouble(),
                tpv.GetProperty("lat").GetDouble(), tpv.GetProperty("lon").GetDouble());
            Assert.True(error <= t.GetProperty("horizontalErrorBoundMeters").GetDouble() + 0.05, $"{tpv}: {error:F2} m off the truth");
        }

        var sky = reports.Where(r => r.GetProperty("class").GetString() == "SKY" && r.TryGetProperty("satellites", out _)).ToList();
        Assert.True(sky.Count >= Wanted, $"{sky.Count} SKY reports with satellites from gpsd");
        int checkedSatellites = 0;
        foreach (JsonElement report in sky)
        {
            foreach (JsonElement sat in report.GetProperty("satellites").EnumerateArray().Where(s => s.GetProperty("gnssid").GetInt32() == 0))
            {
                int prn = sat.GetProperty("svid").GetInt32();
                double el = sat.GetProperty("el").GetDouble(), az = sat.GetProperty("az").GetDouble();
                // Some simulated epoch has this GPS satellite at gpsd's el/az (GSV rounds to whole degrees).
                bool matches = truthLines.Any(t => t.GetProperty("satellites").EnumerateArray().Any(s =>
                    s.GetProperty("system").GetString() == "gps" && s.GetProperty("prn").GetInt32() == prn
                    && Math.Abs(s.GetProperty("elevationDegrees").GetDouble() - el) <= 1
                    && AngleDiff(s.GetProperty("azimuthDegrees").GetDouble(), az) <= 1));
                Assert.True(matches, $"gpsd GPS {prn} at el {el} az {az} is not a simulated position");
                checkedSatellites++;
            }
        }

        Assert.True(checkedSatellites >= sky.Count * 6, $"{checkedSatellites} satellites checked");
    }

    /// <summary>3D TPV and SKY reports wanted from gpsd: about 9 s of the drive at 4x once gpsd has settled.</summary>
    private const int Wanted = 35;

    private static int Count(List<string> lines, string kind, string property)
    {
        lock (lines)
        {
            return lines.Count(l => l.Contains(kind, StringComparison.Ordinal) && l.Contains(property, StringComparison.Ordinal));
        }
    }

    private static double AngleDiff(double a, double b)
    {
        double d = Math.Abs(a - b) % 360;
        return Math.Min(d, 360 - d);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Process Start(Queue<string> log, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                if (e.Data != null)
                {
                    log.Enqueue(e.Data);
                }

                while (log.Count > 40)
                {
                    log.Dequeue();
                }
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    // gpsd takes a moment to listen: retry gpspipe until gpsd has greeted it (its VERSION report), bounded by
    // a generous timeout; a gpspipe that exits (connection refused) is started again.
    private static async Task<Process> StartGpspipeAsync(int port, List<string> lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            var start = new ProcessStartInfo("gpspipe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-w");
            start.ArgumentList.Add($"127.0.0.1:{port}");
            Process pipe = Process.Start(start)!;
            pipe.OutputDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    lock (lines)
                    {
                        lines.Add(e.Data);
                    }
                }
            };
            pipe.BeginOutputReadLine();
            pipe.BeginErrorReadLine();
            while (!pipe.HasExited)
            {
                if (Count(lines, "\"class\":\"VERSION\"", "release") > 0)
                {
                    return pipe;
                }

                await Task.Delay(50, timeout.Token);
            }

            pipe.Dispose();
            await Task.Delay(100, timeout.Token); // before trying again: gpsd is not listening yet
        }
    }
}
