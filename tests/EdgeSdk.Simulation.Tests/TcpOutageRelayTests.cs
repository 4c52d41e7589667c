using System.Net;
using System.Net.Sockets;
using EdgeSdk.Simulation.Faults;

namespace EdgeSdk.Simulation.Tests;

public sealed class TcpOutageRelayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Bytes_go_both_ways_through_the_relay_to_the_upstream_server()
    {
        await using var echo = new EchoServer();
        await using var relay = new TcpOutageRelay(echo.EndPoint);

        using TcpClient client = await ConnectAsync(relay);
        byte[] answer = await RoundTripAsync(client, "$GNRMC,hello"u8.ToArray());

        Assert.Equal("$GNRMC,hello"u8.ToArray(), answer);
        Assert.Equal(1, relay.Relayed);
        Assert.Equal(0, relay.Refused);
        Assert.NotEqual(echo.EndPoint.Port, relay.Port);
    }

    [Fact]
    public async Task Down_closes_the_open_connection_and_refuses_new_ones_until_it_is_brought_up()
    {
        await using var echo = new EchoServer();
        await using var relay = new TcpOutageRelay(echo.EndPoint);
        using TcpClient before = await ConnectAsync(relay);
        await RoundTripAsync(before, [1, 2, 3]);

        relay.TakeDown();

        Assert.True(relay.IsDown);
        Assert.True(await IsClosedAsync(before), "the relayed connection is closed when the relay goes down");
        using (TcpClient during = await ConnectAsync(relay))
        {
            Assert.True(await IsClosedAsync(during), "a connection made while down is closed at once");
        }

        Assert.Equal(1, relay.Refused);
        Assert.Equal(1, relay.Relayed);

        relay.BringUp();

        Assert.False(relay.IsDown);
        using TcpClient after = await ConnectAsync(relay);
        Assert.Equal(new byte[] { 4, 5 }, await RoundTripAsync(after, [4, 5]));
        Assert.Equal(2, relay.Relayed);
        Assert.Equal(1, relay.Refused);
        Assert.Equal(2, echo.Accepted);
    }

    [Fact]
    public async Task Silence_leaves_the_open_connection_open_and_unanswered_and_relays_new_ones()
    {
        await using var echo = new EchoServer();
        await using var relay = new TcpOutageRelay(echo.EndPoint);
        using TcpClient before = await ConnectAsync(relay);
        await RoundTripAsync(before, [1, 2, 3]);

        relay.Silence();

        // A write still succeeds (into the socket buffer); no echo and no close comes back (a dead link, not a cut one).
        await before.GetStream().WriteAsync(new byte[] { 7, 8 });
        using (var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await before.GetStream().ReadExactlyAsync(new byte[1], quiet.Token));
        }

        using TcpClient after = await ConnectAsync(relay);
        Assert.Equal(new byte[] { 4, 5 }, await RoundTripAsync(after, [4, 5]));
        Assert.Equal(2, relay.Relayed);
        Assert.False(relay.IsDown);
    }

    [Fact]
    public async Task Latency_delays_bytes_each_way_in_order_and_keeps_the_connection()
    {
        await using var echo = new EchoServer();
        await using var relay = new TcpOutageRelay(echo.EndPoint);
        using TcpClient client = await ConnectAsync(relay);
        await RoundTripAsync(client, [1]);

        relay.Latency = TimeSpan.FromMilliseconds(400);

        // Out and back: at least twice the latency (a busy machine only adds to it); two writes arrive in order.
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        await client.GetStream().WriteAsync(new byte[] { 2, 3 });
        await client.GetStream().WriteAsync(new byte[] { 4 });
        var answer = new byte[3];
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            await client.GetStream().ReadExactlyAsync(answer, timeout.Token);
        }

        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(800), "the round trip took less than twice the latency");
        Assert.Equal(new byte[] { 2, 3, 4 }, answer);
        Assert.Equal(TimeSpan.FromMilliseconds(400), relay.Latency);

        relay.Latency = TimeSpan.Zero;
        Assert.Equal(new byte[] { 5 }, await RoundTripAsync(client, [5]));
        Assert.Equal(1, relay.Relayed);
    }

    [Fact]
    public async Task An_upstream_that_does_not_answer_closes_the_client_and_is_counted()
    {
        var unused = new TcpListener(IPAddress.Loopback, 0);
        unused.Start();
        var nobody = (IPEndPoint)unused.LocalEndpoint;
        unused.Stop();
        await using var relay = new TcpOutageRelay(nobody);

        using TcpClient client = await ConnectAsync(relay);

        Assert.True(await IsClosedAsync(client));
        await WaitForAsync(() => relay.UpstreamFailures == 1);
        Assert.Equal(0, relay.Relayed);
        Assert.Equal(0, relay.Refused);
    }

    private static async Task<TcpClient> ConnectAsync(TcpOutageRelay relay)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, relay.Port);
        return client;
    }

    private static async Task<byte[]> RoundTripAsync(TcpClient client, byte[] data)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await client.GetStream().WriteAsync(data, timeout.Token);
        var answer = new byte[data.Length];
        await client.GetStream().ReadExactlyAsync(answer, timeout.Token);
        return answer;
    }

    // Closed by the other end: a read ends (0 bytes) or fails with a reset, well before the timeout.
    private static async Task<bool> IsClosedAsync(TcpClient client)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await client.GetStream().ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    // The upstream server: echoes every byte on every connection.
    private sealed class EchoServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly Task _accept;
        private int _accepted;

        public EchoServer()
        {
            _listener.Start();
            _accept = AcceptAsync();
        }

        public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

        public int Accepted => Volatile.Read(ref _accepted);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accept;
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _accepted);
                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = EchoAsync(client);
            }
        }

        private static async Task EchoAsync(TcpClient client)
        {
            try
            {
                await client.GetStream().CopyToAsync(client.GetStream());
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The relay closed it.
            }
        }
    }
}
