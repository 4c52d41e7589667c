using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli.Tests;

public class BrokerCommandTests
{
    [Fact]
    public async Task The_broker_listens_on_loopback_and_takes_clients()
    {
        int port = FreePort();
        using Process broker = Start($"broker --port {port}");
        try
        {
            Assert.Equal($"edgesdk broker: listening on mqtt://127.0.0.1:{port} (loopback only); Ctrl+C stops it", await broker.StandardOutput.ReadLineAsync());
            await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = new MqttConnectionOptions { BrokerUri = new Uri($"mqtt://127.0.0.1:{port}") } });
            await consumer.StartAsync();
            Assert.True(consumer.Counters.Connected);
        }
        finally
        {
            broker.Kill();
            await broker.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_port_in_use_is_one_clear_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var result = await EdgeSdkProcess.RunAsync($"broker --port {port}");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"edgesdk: cannot listen on 127.0.0.1:{port}", result.StdErr);
        Assert.Single(result.StdErr.Trim().Split('\n'));
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static Process Start(string arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"));
        foreach (string arg in arguments.Split(' '))
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }
}
