using System.Net.Sockets;

namespace EdgeSdk.Gnss;

/// <summary>
/// A TCP client source (<c>tcp://host:port</c>): an NTRIP-less network receiver, a serial-to-TCP
/// bridge, or another gpsd-speaking box in raw mode. The first connection must succeed (so a
/// typo is reported at once); after that a lost connection is retried with back-off, forever.
/// </summary>
public sealed class TcpGnssSource : GnssSource
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly string _host;
    private readonly int _port;
    private TcpClient? _client;
    private NetworkStream? _stream;

    /// <summary>Creates a source that connects to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public TcpGnssSource(string host, int port)
    {
        _host = host;
        _port = port;
    }

    /// <summary>Delay before the first reconnect attempt; doubles up to 10 s.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Number of times the connection was lost and re-established.</summary>
    public int Reconnects { get; private set; }

    /// <inheritdoc />
    public override string Name => $"tcp://{_host}:{_port}";

    /// <inheritdoc />
    public override string Path => Name;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override async ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_stream != null)
        {
            return;
        }

        try
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new IOException($"cannot connect to {Name}: {ex.Message} — is the receiver or bridge listening?", ex);
        }
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_stream == null)
            {
                await ReconnectAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                int read = await _stream!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    return read;
                }

                ReportStatus(GnssStatusKind.ConnectionLost, $"{Name} closed the connection; reconnecting");
            }
            catch (IOException ex)
            {
                ReportStatus(GnssStatusKind.ConnectionLost, $"{Name} connection lost ({ex.InnerException?.Message ?? ex.Message}); reconnecting");
            }

            Close();
        }
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        NetworkStream stream = _stream ?? throw new IOException($"{Name} is not connected");
        await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        _stream = client.GetStream();
        ReportStatus(GnssStatusKind.Opened, $"connected to {Name}");
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        TimeSpan delay = ReconnectDelay;
        while (true)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            try
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
                Reconnects++;
                return;
            }
            catch (SocketException ex)
            {
                ReportStatus(GnssStatusKind.ConnectionLost, $"cannot reconnect to {Name} ({ex.SocketErrorCode}); retrying in {delay.TotalSeconds:0.#} s");
            }

            delay = delay * 2 > MaxBackoff ? MaxBackoff : delay * 2;
        }
    }

    private void Close()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }
}
