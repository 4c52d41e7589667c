using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Tests;

/// <summary>Debian's real gpsd reads the simulator's pseudo-terminal and must accept it as a receiver.</summary>
public class GpsdTests
{
    [Fact]
    public async Task Gpsd_reports_3d_fixes_within_the_noise_of_the_truth_and_the_simulated_satellites()
    {
        using var pty = PseudoTerminal.Open();
        using var truth = new MemoryStream();
        int port = FreePort();
        string socket = Path.Combine(Path.GetTempPath(), $"edgesdk-gpsd-{Guid.NewGuid():N}.sock");
        using Process gpsd = Start("gpsd", "-N", "-n", "-b", "-S", port.ToString(CultureInfo.InvariantCulture), "-F", socket, pty.SlavePath);
        var lines = new List<string>();
        try
        {
            // gpspipe first, so no epoch is written before anyone listens; then drive at least 60 simulated
            // seconds and until gpsd has reported enough 3D fixes (it takes a few seconds to settle on a new
            // device), at most 160 simulated seconds at 4x (40 s of wall time).
            using Process pipe = await StartGpspipeAsync(port, lines);
            var options = new SimulationOptions { DurationSeconds = 160, Realtime = true, Speedup = 4, Truth = truth };
            using var enough = new CancellationTokenSource();
            var driving = Stopwatch.StartNew();
            Task<SimulationSummary> run = GnssSimulator.RunAsync(options, pty.Stream, enough.Token);
            while (!run.IsCompleted && (driving.Elapsed < TimeSpan.FromSeconds(15) || Count3dTpv(lines) < 35))
            {
                await Task.WhenAny(run, Task.Delay(200));
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

            await Task.Delay(500); // let gpsd report the last epoch (bounded, not a condition wait)
            pipe.Kill(entireProcessTree: true);
            await pipe.WaitForExitAsync();
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
        Assert.True(tpv3d.Count >= 30, $"{tpv3d.Count} 3D TPV reports from gpsd");
        foreach (JsonElement tpv in tpv3d)
        {
            JsonElement t = truthByTime[tpv.GetProperty("time").GetString()!];
            double error = SimRun.Meters(t.GetProperty("latitudeDegrees").GetDouble(), t.GetProperty("longitudeDegrees").GetDouble(),
                tpv.GetProperty("lat").GetDouble(), tpv.GetProperty("lon").GetDouble());
            Assert.True(error <= t.GetProperty("horizontalErrorBoundMeters").GetDouble() + 0.05, $"{tpv}: {error:F2} m off the truth");
        }

        var sky = reports.Where(r => r.GetProperty("class").GetString() == "SKY" && r.TryGetProperty("satellites", out _)).ToList();
        Assert.True(sky.Count >= 30);
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

    private static int Count3dTpv(List<string> lines)
    {
        lock (lines)
        {
            return lines.Count(l => l.Contains("\"class\":\"TPV\"", StringComparison.Ordinal) && l.Contains("\"mode\":3", StringComparison.Ordinal));
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

    private static Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    // gpsd takes a moment to listen: retry gpspipe until it stays connected (awaited, bounded).
    private static async Task<Process> StartGpspipeAsync(int port, List<string> lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
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
            Task exited = pipe.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(exited, Task.Delay(1000, timeout.Token)) != exited)
            {
                return pipe;
            }

            pipe.Dispose();
        }
    }
}
