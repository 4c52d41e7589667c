using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeSdk.Cli.Tests;

/// <summary>
/// Issue 19, item 11: <c>edgesdk serve</c> at the file-handle limit (<c>prlimit --nofile=256</c>). A flood
/// of 400 connections used to abort the process or leave its accept loop dead; now it backs off, and
/// gpspipe is served once the flood is gone.
/// </summary>
public sealed class ServeUnderFdLimitTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public ServeUnderFdLimitTests() => File.WriteAllText(_file, FixesCommandTests.Epoch);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task A_flood_past_the_handle_limit_is_refused_politely_and_gpspipe_is_served()
    {
        // Asked for more clients than the handle limit allows: the server lowers its limit and says so,
        // so client sockets never take the handles .NET itself needs (it aborts without them).
        int port = ServeCommandTests.FreePort();
        using Process serve = StartLimited(port, "--max-clients 1000", out List<string> stderr);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var flood = new List<TcpClient>();
        try
        {
            var firstLines = new List<string?>();
            for (int i = 0; i < 400; i++)
            {
                TcpClient client = await ConnectAsync(port, retry: i == 0, cts.Token);
                flood.Add(client);
                firstLines.Add(await new StreamReader(client.GetStream(), Encoding.ASCII).ReadLineAsync(cts.Token));
            }

            string? LimitLine()
            {
                lock (stderr)
                {
                    return stderr.SingleOrDefault(l => l.StartsWith("edgesdk: at most ", StringComparison.Ordinal));
                }
            }

            await WaitForAsync(() => LimitLine() != null, "the server to say its client limit", cts.Token);
            string limitLine = LimitLine()!;

            int limit = int.Parse(limitLine.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"edgesdk: at most {limit} clients at once, not 1000: the open-file limit (ulimit -n) leaves no more", limitLine);
            Assert.InRange(limit, 64, 256 - GpsdServerHeadroom);
            Assert.Equal(limit, firstLines.Count(l => l!.StartsWith("{\"class\":\"VERSION\"", StringComparison.Ordinal)));
            Assert.Equal(400 - limit, firstLines.Count(l => l == $"{{\"class\":\"ERROR\",\"message\":\"too many clients: this server serves at most {limit} at once; try again later\"}}"));
            Assert.InRange(OpenHandles(serve.Id), limit, 255);
            Assert.False(serve.HasExited);
        }
        finally
        {
            foreach (TcpClient client in flood)
            {
                client.Dispose();
            }
        }

        try
        {
            string[] lines = await GpspipeAsync(port, cts.Token);
            Assert.Equal(5, lines.Length); // VERSION, DEVICES, WATCH, TPV, SKY
            Assert.StartsWith($"{{\"class\":\"TPV\",\"device\":\"{_file}\",\"mode\":3,\"time\":\"2007-12-23T19:32:21.000Z\"", lines[3]);
            Assert.False(serve.HasExited);
        }
        finally
        {
            serve.Kill();
            await serve.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Past_the_client_limit_extra_clients_are_refused_politely_and_gpspipe_is_served()
    {
        int port = ServeCommandTests.FreePort();
        using Process serve = StartLimited(port, "--max-clients 64", out _);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clients = new List<TcpClient>();
        try
        {
            var firstLines = new List<string?>();
            for (int i = 0; i < 100; i++)
            {
                // No separate probe for the listener: the first client retries until it is up.
                TcpClient client = await ConnectAsync(port, retry: i == 0, cts.Token);
                clients.Add(client);
                firstLines.Add(await new StreamReader(client.GetStream(), Encoding.ASCII).ReadLineAsync(cts.Token));
            }

            Assert.Equal(64, firstLines.Count(l => l!.StartsWith("{\"class\":\"VERSION\"", StringComparison.Ordinal)));
            Assert.Equal(36, firstLines.Count(l => l == "{\"class\":\"ERROR\",\"message\":\"too many clients: this server serves at most 64 at once; try again later\"}"));
            clients[0].Dispose(); // one served client leaves: its slot is free again (once the server sees it go)
            clients.RemoveAt(0);

            string[] lines = await GpspipeAsync(port, cts.Token);
            Assert.Equal(5, lines.Length);
            Assert.StartsWith("{\"class\":\"SKY\"", lines[4]);
        }
        finally
        {
            foreach (TcpClient client in clients)
            {
                client.Dispose();
            }

            serve.Kill();
            await serve.WaitForExitAsync(CancellationToken.None);
        }
    }

    // prlimit execs the command, so the process ID is edgesdk's own.
    private const int GpsdServerHeadroom = EdgeSdk.Gnss.GpsdServer.FileHandleHeadroom;

    private Process StartLimited(int port, string options, out List<string> stderr)
    {
        var start = new ProcessStartInfo("prlimit") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { "--nofile=256:256", "dotnet", Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "serve", "--gpsd", $"127.0.0.1:{port}" }
            .Concat(options.Split(' ')).Append(_file))
        {
            start.ArgumentList.Add(arg);
        }

        var lines = new List<string>();
        stderr = lines;
        Process process = new() { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static int OpenHandles(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd").Length;
        }
        catch (IOException)
        {
            return -1; // exited
        }
    }

    private static async Task<TcpClient> ConnectAsync(int port, bool retry, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return client;
            }
            catch (SocketException) when (retry)
            {
                client.Dispose();
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    // gpspipe until it is served: right after the flood the server may still be closing the flood's
    // connections (a slot frees when it sees the close), and then it refuses with one ERROR line.
    private static async Task<string[]> GpspipeAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pipe = new ProcessStartInfo("gpspipe", $"-w -n 5 127.0.0.1:{port}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using Process gpspipe = Process.Start(pipe)!;
            Task<string> output = gpspipe.StandardOutput.ReadToEndAsync(cancellationToken);
            await gpspipe.WaitForExitAsync(cancellationToken);
            string[] lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length > 0 && lines[0].StartsWith("{\"class\":\"VERSION\"", StringComparison.Ordinal))
            {
                return lines;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
