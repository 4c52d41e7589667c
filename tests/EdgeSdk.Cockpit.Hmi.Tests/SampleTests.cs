using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary>samples/CockpitHmi as its README runs it: `edgesdk sim` as a TCP receiver, the sample connected to it.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task The_sample_shows_the_receivers_fixes_and_its_stub_ECU_answers_the_climate_request()
    {
        int gnssPort = FreePort(), httpPort = FreePort();
        using Process sim = Start("edgesdk.dll", "sim", "--realtime", "--speedup", "5", "--rate", "5", "--out", $"tcp://127.0.0.1:{gnssPort}");
        using Process sample = Start("CockpitHmi.dll", $"--Gnss:Source=tcp://127.0.0.1:{gnssPort}", $"--Hmi:Http=127.0.0.1:{httpPort}", "--Cockpit:Grpc=127.0.0.1:0");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = Timeout.InfiniteTimeSpan };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await WaitUntilServingAsync(http, timeout.Token);
            using Stream events = await http.GetStreamAsync("events", timeout.Token);
            using var reader = new StreamReader(events, Encoding.UTF8);

            string fix = await ReadUntilAsync(reader, "\"kind\":\"fix\",\"quality\":\"Autonomous\"", timeout.Token);
            Assert.Contains("\"system\":\"Beidou\"", fix, StringComparison.Ordinal);

            using HttpResponseMessage accepted = await http.PostAsync("api/climate/temperature?zone=Row1.Driver&celsius=23.5", null, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            // The stub ECU reports the requested value as the current one a second later.
            await ReadUntilAsync(reader, "{ \"zone\": \"Row1.Driver\", \"temperatureCelsius\": 23.5, \"requestedTemperatureCelsius\": 23.5 }", timeout.Token);

            using HttpResponseMessage refused = await http.PostAsync("api/climate/temperature?zone=Row3.Middle&celsius=23.5", null, timeout.Token);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("{\"ok\":false,\"error\":\"zone 'Row3.Middle' does not exist; zones: Row1.Driver, Row1.Passenger\"}", await refused.Content.ReadAsStringAsync(timeout.Token));
        }
        finally
        {
            Stop(sample);
            Stop(sim);
        }
    }

    private static async Task WaitUntilServingAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using HttpResponseMessage page = await http.GetAsync("", cancellationToken);
                if (page.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string text, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is string line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new EndOfStreamException($"the event stream ended before '{text}'");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process Start(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
