using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace EdgeSdk.Simulation.Faults;

/// <summary>
/// A network outage between a client and its server: a loopback TCP relay in front of <c>upstream</c> that can go
/// down and come back. While down it closes every relayed connection and closes new ones as soon as they are accepted
/// (what a terminal sees when the platform or its load balancer is gone); the server's own port never moves, so
/// nothing has to be stopped and rebound (which could wait out TIME_WAIT on an exclusively bound port).
/// </summary>
/// <example><code>
/// await using var relay = new TcpOutageRelay(platform.LocalEndPoint);
/// // point the client at 127.0.0.1:relay.Port, then:
/// relay.TakeDown();   // the client's connection drops; reconnects are refused (counted in Refused)
/// relay.BringUp();    // the next reconnect is relayed again
/// relay.Silence();    // the open connections go silent, not closed (a tunnel); new ones are relayed
/// relay.Latency = TimeSpan.FromSeconds(2); // every byte arrives 2 s late (a congested cell, a loaded server)
/// </code></example>
public sealed class TcpOutageRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly HashSet<TcpClient> _silent = []; // under the _open lock
    private readonly Task _accept;
    private volatile bool _down;
    private long _latencyTicks; // Stopwatch ticks
    private int _refused, _relayed, _upstreamFailures, _disposed;

    /// <summary>Starts relaying from a free loopback port (<see cref="Port"/>) to <paramref name="upstream"/>.</summary>
    /// <exception cref="SocketException">No loopback port could be bound.</exception>
    public TcpOutageRelay(IPEndPoint upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        _upstream = upstream;
        _listener.Start();
        _accept = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>True between <see cref="TakeDown"/> and <see cref="BringUp"/>.</summary>
    public bool IsDown => _down;

    /// <summary>Connections relayed to the upstream server since start.</summary>
    public int Relayed => Volatile.Read(ref _relayed);

    /// <summary>Connections closed at once because the relay was down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Connections closed at once because the upstream server did not accept the relay's connection.</summary>
    public int UpstreamFailures => Volatile.Read(ref _upstreamFailures);

    /// <summary>Goes down: closes every relayed connection; until <see cref="BringUp"/>, new ones are closed on accept.</summary>
    public void TakeDown()
    {
        lock (_open)
        {
            _down = true;
            foreach (TcpClient c in _open)
            {
                c.Dispose();
            }

            _open.Clear();
            _silent.Clear();
        }
    }

    /// <summary>
    /// The connections relayed now go silent for good: nothing more is forwarded either way and none is closed (no
    /// FIN, no RST), as when a vehicle enters a tunnel or its cellular address changes under a TCP connection: the
    /// client's writes still succeed into its socket buffer and no answer ever comes. New connections are relayed
    /// (coverage is back). <see cref="TakeDown"/> or disposing closes the silent ones.
    /// </summary>
    public void Silence()
    {
        lock (_open)
        {
            _silent.UnionWith(_open);
        }
    }

    /// <summary>
    /// How late every relayed byte arrives, either way, on open and new connections alike (default zero): a congested
    /// cellular link or a loaded server, slow but alive. Applies to bytes read from now on; order is kept.
    /// </summary>
    public TimeSpan Latency
    {
        get => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _latencyTicks));
        set => Volatile.Write(ref _latencyTicks, (long)(Math.Max(0, value.TotalSeconds) * Stopwatch.Frequency));
    }

    /// <summary>Comes back: the next connection is relayed again.</summary>
    public void BringUp() => _down = false;

    /// <summary>Stops listening and closes every relayed connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accept.ConfigureAwait(false);
        TakeDown();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (await TcpAccept.NextAsync(_listener, _stop.Token).ConfigureAwait(false) is TcpClient client)
        {
            if (_down)
            {
                Interlocked.Increment(ref _refused);
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
                Interlocked.Increment(ref _upstreamFailures);
                client.Dispose();
                server.Dispose();
                continue;
            }

            // Checked again under the lock: a TakeDown while the upstream connection was being made must not
            // leave this pair running through the outage.
            lock (_open)
            {
                if (_down)
                {
                    Interlocked.Increment(ref _refused);
                    client.Dispose();
                    server.Dispose();
                    continue;
                }

                _open.Add(client);
                _open.Add(server);
            }

            Interlocked.Increment(ref _relayed);
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    // Reads one direction and hands each read to ForwardAsync with the time it is due (now + Latency), so a slow link
    // delays bytes without holding back the reads behind them.
    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        bool silent = false, ended = false;
        var pending = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task forward = ForwardAsync(pending.Reader, from, to);
        try
        {
            NetworkStream input = from.GetStream();
            byte[] buffer = new byte[16 * 1024];
            while (true)
            {
                int n = await input.ReadAsync(buffer).ConfigureAwait(false);
                lock (_open)
                {
                    silent = _silent.Contains(from);
                }

                if (silent || n == 0)
                {
                    ended = n == 0;
                    return; // silent: what came (bytes or a close) is lost on the dead link, both sockets stay open
                }

                pending.Writer.TryWrite((Stopwatch.GetTimestamp() + Volatile.Read(ref _latencyTicks), buffer[..n]));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // One side went away (or the relay went down): the other side is closed below.
        }
        finally
        {
            pending.Writer.TryComplete();
            if (ended)
            {
                await forward.ConfigureAwait(false); // a close comes after the bytes before it
            }

            if (!silent)
            {
                Close(from, to);
            }
        }
    }

    private async Task ForwardAsync(ChannelReader<(long Due, byte[] Bytes)> pending, TcpClient from, TcpClient to)
    {
        try
        {
            NetworkStream output = to.GetStream();
            await foreach ((long due, byte[] bytes) in pending.ReadAllAsync().ConfigureAwait(false))
            {
                // Never early: a timer may round its due time down by up to a millisecond.
                for (TimeSpan wait; (wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due)) > TimeSpan.Zero;)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds))).ConfigureAwait(false);
                }

                await output.WriteAsync(bytes).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            Close(from, to); // the receiving side went away: the pair is closed, which ends the read in PumpAsync
        }
    }

    private void Close(TcpClient from, TcpClient to)
    {
        lock (_open)
        {
            _open.Remove(from);
            _open.Remove(to);
            _silent.Remove(from);
            _silent.Remove(to);
        }

        from.Dispose();
        to.Dispose();
    }
}
