using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>
/// A loopback TCP relay between the terminal and the platform that can take the platform "down": while down it closes
/// every relayed connection and closes new ones as soon as they are accepted (what a terminal sees when the platform or
/// its load balancer is gone), without moving the platform's port.
/// </summary>
public sealed class OutageProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accept;
    private volatile bool _down;
    private int _refused;

    public OutageProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections refused (closed at once) while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public void TakeDown()
    {
        _down = true;
        lock (_open)
        {
            foreach (TcpClient c in _open)
            {
                c.Dispose();
            }

            _open.Clear();
        }
    }

    public void BringUp() => _down = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (_down)
            {
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            await server.ConnectAsync(_upstream);
            lock (_open)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // One side went away.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept;
        TakeDown();
        _stop.Dispose();
    }
}
