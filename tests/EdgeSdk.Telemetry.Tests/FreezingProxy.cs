using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// A loopback TCP relay to a broker whose open connections can be frozen: nothing more is forwarded either way and no
/// socket is closed, as when a vehicle enters a tunnel or its cellular address changes under a TCP connection (no FIN,
/// no RST: the client's writes succeed into its socket buffer and no answer comes). Connections made after the freeze
/// are relayed normally (coverage is back).
/// </summary>
public sealed class FreezingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Upstream, CancellationTokenSource Frozen)> _links = [];
    private readonly Task _accepting;

    public FreezingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Uri => new($"mqtt://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Connections
    {
        get
        {
            lock (_links)
            {
                return _links.Count;
            }
        }
    }

    /// <summary>Stops forwarding on every connection open now; they stay open.</summary>
    public void FreezeOpenConnections()
    {
        lock (_links)
        {
            foreach ((_, _, CancellationTokenSource frozen) in _links)
            {
                frozen.Cancel();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_links)
        {
            foreach ((TcpClient client, TcpClient upstream, CancellationTokenSource frozen) in _links)
            {
                client.Dispose();
                upstream.Dispose();
                frozen.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort);
            var frozen = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            lock (_links)
            {
                _links.Add((client, upstream, frozen));
            }

            _ = PumpAsync(client.GetStream(), upstream.GetStream(), frozen.Token);
            _ = PumpAsync(upstream.GetStream(), client.GetStream(), frozen.Token);
        }
    }

    // Frozen: the pending read is abandoned (cancelled) and nothing is written or closed any more.
    private static async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken frozen)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReadAsync(buffer, frozen);
                if (frozen.IsCancellationRequested)
                {
                    return;
                }

                if (n == 0)
                {
                    to.Socket.Shutdown(SocketShutdown.Send); // a close is relayed (when not frozen)
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, n), frozen);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
    }
}
