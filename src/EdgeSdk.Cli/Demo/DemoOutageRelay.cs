using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Cli.Demo;

/// <summary>
/// The demo's network between the JT/T 808 terminal and its platform: a loopback TCP relay that can go down (closes
/// every relayed connection and closes new ones at once) and come back, without moving the platform's port. (The
/// platform simulator binds exclusively, so stopping and rebinding it would wait out TIME_WAIT.)
/// </summary>
internal sealed class DemoOutageRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accept;
    private volatile bool _down;

    public DemoOutageRelay(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool IsDown => _down;

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
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_down)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_upstream, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

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
            await from.GetStream().CopyToAsync(to.GetStream()).ConfigureAwait(false);
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
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accept.ConfigureAwait(false);
        TakeDown();
        _stop.Dispose();
    }
}
