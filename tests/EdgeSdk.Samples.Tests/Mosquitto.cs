using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Samples.Tests;

/// <summary>
/// Debian's mosquitto on a free 127.0.0.1 port: the broker for shared subscriptions ($share), which
/// the embedded MQTTnet broker refuses. Always stopped on dispose.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private Mosquitto(string directory, int port, Process process)
    {
        _directory = directory;
        Uri = new Uri($"mqtt://127.0.0.1:{port}");
        _process = process;
    }

    public Uri Uri { get; }

    public static async Task<Mosquitto> StartAsync()
    {
        string directory = Directory.CreateTempSubdirectory("edgesdk-samples-mosquitto-").FullName;
        int port = FreePort();
        string config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"user root\nlistener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest file {directory}/mosquitto.log\n");
        var process = Process.Start(new ProcessStartInfo("mosquitto", $"-c {config}") { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start: apt-get install mosquitto");
        var broker = new Mosquitto(directory, port, process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited: {await process.StandardError.ReadToEndAsync()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return broker;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token); // not listening yet
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
