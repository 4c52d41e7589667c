using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Simulation.Output;

/// <summary>
/// A TCP server that sends what is written to every connected client, like a serial-to-network
/// bridge. The first write waits for the first client; later clients join mid-stream; a client
/// that fails is dropped. With no client connected, writes are discarded.
/// </summary>
internal sealed class TcpBroadcastStream : Stream
{
    private readonly TcpListener _listener;
    private readonly List<NetworkStream> _clients = new();
    private readonly TaskCompletionSource _firstClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public TcpBroadcastStream(IPAddress address, int port)
    {
        _listener = new TcpListener(address, port);
        try
        {
            _listener.Start();
        }
        catch (SocketException ex)
        {
            throw new IOException($"cannot listen on tcp://{address}:{port} ({ex.Message}): pick a free port, or port 0 for any", ex);
        }

        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _firstClient.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        NetworkStream[] clients;
        lock (_clients)
        {
            clients = _clients.ToArray();
        }

        foreach (NetworkStream client in clients)
        {
            try
            {
                await client.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                lock (_clients)
                {
                    _clients.Remove(client);
                }

                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _listener.Stop();
            _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
                _clients.Clear();
            }

            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task AcceptAsync()
    {
        while (await TcpAccept.NextAsync(_listener, _stop.Token).ConfigureAwait(false) is TcpClient client)
        {
            client.NoDelay = true;
            lock (_clients)
            {
                _clients.Add(client.GetStream());
            }

            _firstClient.TrySetResult();
        }
    }
}
