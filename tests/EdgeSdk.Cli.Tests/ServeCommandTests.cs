using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Cli.Tests;

public class ServeCommandTests
{
    [Fact]
    public async Task Gpspipe_gets_the_position_from_edgesdk_serve()
    {
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, FixesCommandTests.Epoch);
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "serve", "--gpsd", $"127.0.0.1:{port}", file })
        {
            start.ArgumentList.Add(arg);
        }

        using Process serve = Process.Start(start)!;
        Task<string> serveErrors = serve.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await WaitForListenerAsync(port, cts.Token);
            // serve waits for the first watching client (like gpsd without -n), so nothing is missed.
            var pipe = new ProcessStartInfo("gpspipe", $"-w -n 5 127.0.0.1:{port}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using Process gpspipe = Process.Start(pipe)!;
            Task<string> output = gpspipe.StandardOutput.ReadToEndAsync(cts.Token);
            await gpspipe.WaitForExitAsync(cts.Token);
            string[] lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, lines.Length); // VERSION, DEVICES, WATCH, TPV, SKY
            Assert.StartsWith("{\"class\":\"VERSION\"", lines[0]);
            Assert.Contains($"\"path\":\"{file}\"", lines[1]);
            Assert.StartsWith($"{{\"class\":\"TPV\",\"device\":\"{file}\",\"mode\":3,\"time\":\"2007-12-23T19:32:21.000Z\",\"lat\":20.628798333,\"lon\":-87.068080000,", lines[3]);
            Assert.StartsWith($"{{\"class\":\"SKY\",\"device\":\"{file}\"", lines[4]);
        }
        finally
        {
            serve.Kill();
            await serve.WaitForExitAsync();
            File.Delete(file);
        }

        Assert.Contains($"serving gpsd protocol on 127.0.0.1:{port}", await serveErrors);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_a_non_zero_exit()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var result = await EdgeSdkProcess.RunAsync($"serve --gpsd 127.0.0.1:{port} -");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"edgesdk: cannot listen on 127.0.0.1:{port}: ", result.StdErr.Trim());
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_missing_serial_port_ends_serve_with_one_line()
    {
        var result = await EdgeSdkProcess.RunAsync($"serve --gpsd 127.0.0.1:{FreePort()} serial:/dev/ttyEDGESDK404?baud=auto --nowait");
        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("edgesdk: serial port /dev/ttyEDGESDK404 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)", result.StdErr.Trim());
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    internal static async Task WaitForListenerAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }
}
