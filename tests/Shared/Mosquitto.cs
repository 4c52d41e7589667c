using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.TestSupport;

/// <summary>
/// Debian's mosquitto on a free 127.0.0.1 port with a generated config, in its own temporary directory
/// (persistence on, so a stop/start keeps sessions like a production broker). Always stopped on dispose.
/// </summary>
public sealed class Mosquitto : IAsyncDisposable
{
    private Process? _process;

    private Mosquitto(string extraConfig)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edgesdk-mosquitto-").FullName;
        Port = FreePort();
        File.WriteAllText(ConfigPath,
            $"user root\nlistener {Port} 127.0.0.1\npersistence true\npersistence_location {Directory}/\n" +
            $"log_dest file {Directory}/mosquitto.log\n{extraConfig}\n");
    }

    public string Directory { get; }

    public int Port { get; }

    public Uri Uri => new($"mqtt://127.0.0.1:{Port}");

    private string ConfigPath => Path.Combine(Directory, "mosquitto.conf");

    /// <summary>Writes the config (anonymous access unless <paramref name="extraConfig"/> says otherwise) without starting.</summary>
    public static Mosquitto Create(string extraConfig = "allow_anonymous true") => new(extraConfig);

    public static async Task<Mosquitto> StartAsync(string extraConfig = "allow_anonymous true")
    {
        var broker = new Mosquitto(extraConfig);
        await broker.StartAsync();
        return broker;
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("mosquitto", $"-c {ConfigPath}") { UseShellExecute = false, RedirectStandardError = true })!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60)) // generous: a busy machine starts processes slowly
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited: {await _process.StandardError.ReadToEndAsync()} {Log()}");
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("mosquitto did not listen within 60 s");
    }

    /// <summary>SIGTERM, as a service manager stops it: mosquitto saves its sessions and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            Process.Start("kill", $"-TERM {_process.Id}")!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process?.Dispose();
        _process = null;
    }

    public string Log() => File.Exists(PathOf("mosquitto.log")) ? File.ReadAllText(PathOf("mosquitto.log")) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
