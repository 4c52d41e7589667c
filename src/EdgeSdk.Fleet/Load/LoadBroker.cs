using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Fleet;

/// <summary>
/// The private mosquitto of a load run: Debian's mosquitto on a free 127.0.0.1 port, persistence on (a SIGTERM
/// restart keeps the consumers' sessions and their queued messages, as a production broker does), in the run's
/// directory. Only this broker is ever restarted by the run.
/// </summary>
internal sealed class LoadBroker : IAsyncDisposable
{
    private readonly string _config;
    private Process? _process;

    private LoadBroker(string directory, int maxQueuedMessages)
    {
        Directory = directory;
        Port = FreePort();
        _config = Path.Combine(directory, "mosquitto.conf");
        // max_inflight_messages: the ingestors acknowledge after their commit, so a batch needs many messages in flight
        // (mosquitto's default of 20 would make every consumer write 20 fixes per transaction).
        File.WriteAllText(_config, string.Create(CultureInfo.InvariantCulture,
            $"user root\nlistener {Port} 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location {directory}/\n" +
            $"log_dest file {directory}/mosquitto.log\nmax_inflight_messages 1000\nmax_queued_messages {maxQueuedMessages}\n"));
    }

    public string Directory { get; }

    public int Port { get; }

    public Uri Uri => new(string.Create(CultureInfo.InvariantCulture, $"mqtt://127.0.0.1:{Port}"));

    public static async Task<LoadBroker> StartAsync(string directory, int maxQueuedMessages, CancellationToken cancellationToken)
    {
        var broker = new LoadBroker(directory, maxQueuedMessages);
        await broker.StartAsync(cancellationToken).ConfigureAwait(false);
        return broker;
    }

    /// <summary>Starts mosquitto and returns once it accepts connections.</summary>
    /// <exception cref="IOException">mosquitto is not installed, exited, or did not listen within a minute.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("mosquitto") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_config);
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new IOException($"cannot start mosquitto ({ex.Message}): apt-get install mosquitto, or give --mqtt mqtt://127.0.0.1:PORT", ex);
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1)) // generous: a busy machine starts processes slowly
        {
            if (_process.HasExited)
            {
                string log = File.Exists(Path.Combine(Directory, "mosquitto.log")) ? await File.ReadAllTextAsync(Path.Combine(Directory, "mosquitto.log"), cancellationToken).ConfigureAwait(false) : string.Empty;
                throw new IOException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)} {log}".Trim());
            }

            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new IOException($"mosquitto did not listen on 127.0.0.1:{Port} within a minute");
    }

    /// <summary>SIGTERM: mosquitto saves its sessions and queued messages, then exits.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await SignalProcess.TerminateAsync(_process, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            _process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
