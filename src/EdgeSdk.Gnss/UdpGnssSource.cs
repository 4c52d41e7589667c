using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Gnss;

/// <summary>
/// A UDP listener source (<c>udp://:port</c> on loopback, <c>udp://0.0.0.0:port</c> for datagrams from the
/// network, or <c>udp://ADDRESS:port</c> to bind one address): receivers and marine multiplexers that broadcast
/// NMEA datagrams. Datagrams may hold several
/// sentences or part of one; the receiver frames them like any byte stream.
/// </summary>
public sealed class UdpGnssSource : GnssSource
{
    private readonly string _host;
    private readonly int _port;
    private Socket? _socket;
    private readonly byte[] _datagram = new byte[65536];
    private int _pending;
    private int _pendingOffset;

    /// <summary>
    /// Creates a listener on <paramref name="port"/> of <paramref name="host"/>. Empty means loopback (127.0.0.1):
    /// anyone who can send a datagram to this port sets the vehicle's position, so the network is opt-in
    /// (<c>0.0.0.0</c>, or the address of the interface the multiplexer is on).
    /// </summary>
    public UdpGnssSource(string host, int port)
    {
        _host = host;
        _port = port;
    }

    /// <summary>The bound endpoint once opened (useful with port 0 in tests).</summary>
    public IPEndPoint? LocalEndpoint => _socket?.LocalEndPoint as IPEndPoint;

    /// <inheritdoc />
    public override string Name => $"udp://{_host}:{_port}";

    /// <inheritdoc />
    public override string Path => Name;

    /// <inheritdoc />
    public override ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_socket != null)
        {
            return ValueTask.CompletedTask;
        }

        IPAddress address = _host.Length == 0 ? IPAddress.Loopback : IPAddress.Parse(_host);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, _port));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot listen on {Name}: {ex.Message}", ex);
        }

        _socket = socket;
        ReportStatus(GnssStatusKind.Opened, $"listening on {Name}");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        Socket socket = _socket ?? throw new InvalidOperationException("open the source first");
        while (_pending == 0)
        {
            _pending = await socket.ReceiveAsync(_datagram.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            _pendingOffset = 0;
        }

        int count = Math.Min(_pending, buffer.Length);
        _datagram.AsMemory(_pendingOffset, count).CopyTo(buffer);
        _pendingOffset += count;
        _pending -= count;
        return count;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _socket = null;
        return ValueTask.CompletedTask;
    }
}
