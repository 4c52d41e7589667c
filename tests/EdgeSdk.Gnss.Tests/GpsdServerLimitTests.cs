using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeSdk.Gnss.Tests;

/// <summary>Issue 19, item 11: a client limit with a polite refusal, and an over-long command line is one rejected command.</summary>
public class GpsdServerLimitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Clients_over_the_limit_get_one_error_line_and_the_others_are_still_served()
    {
        await using var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "/dev/ttyS0") { MaxClients = 2 };
        server.Start();
        using var cts = new CancellationTokenSource(Timeout);
        using TcpClient first = new(), second = new(), third = new();
        var readers = new List<StreamReader>();
        foreach (TcpClient client in new[] { first, second, third })
        {
            await client.ConnectAsync(server.LocalEndpoint, cts.Token);
            readers.Add(new StreamReader(client.GetStream(), Encoding.ASCII));
        }

        Assert.StartsWith("{\"class\":\"VERSION\"", await readers[0].ReadLineAsync(cts.Token));
        Assert.StartsWith("{\"class\":\"VERSION\"", await readers[1].ReadLineAsync(cts.Token));
        Assert.Equal("{\"class\":\"ERROR\",\"message\":\"too many clients: this server serves at most 2 at once; try again later\"}", await readers[2].ReadLineAsync(cts.Token));
        Assert.Null(await readers[2].ReadLineAsync(cts.Token)); // then closed
        Assert.Equal(1, server.RefusedClients);

        // A served client still gets answers; when one leaves, a newcomer is served.
        await first.GetStream().WriteAsync("?VERSION;\n"u8.ToArray(), cts.Token);
        Assert.StartsWith("{\"class\":\"VERSION\"", await readers[0].ReadLineAsync(cts.Token));
        first.Close();
        await SocatPty.WaitForAsync(() => server.ClientCount == 1, "the first client to leave");
        using var fourth = new TcpClient();
        await fourth.ConnectAsync(server.LocalEndpoint, cts.Token);
        using var reader = new StreamReader(fourth.GetStream(), Encoding.ASCII);
        Assert.StartsWith("{\"class\":\"VERSION\"", await reader.ReadLineAsync(cts.Token));
        Assert.Equal(1, server.RefusedClients);
    }

    [Fact]
    public async Task The_rest_of_an_over_long_line_is_one_rejected_command()
    {
        await using var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "/dev/ttyS0");
        server.Start();
        using var cts = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.LocalEndpoint, cts.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        Assert.StartsWith("{\"class\":\"VERSION\"", await reader.ReadLineAsync(cts.Token));

        // 100 kB of junk with 2,000 semicolons on one line, then two real commands.
        string junk = string.Concat(Enumerable.Repeat(new string('x', 48) + ";", 2000));
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(new string('y', 2000) + junk + "\n?FOO;?VERSION;\n"), cts.Token);

        Assert.Equal("{\"class\":\"ERROR\",\"message\":\"Request too long (over 1024 bytes); the rest of the line is ignored\"}", await reader.ReadLineAsync(cts.Token));
        Assert.Equal("{\"class\":\"ERROR\",\"message\":\"Unrecognized request 'FOO'\"}", await reader.ReadLineAsync(cts.Token));
        Assert.StartsWith("{\"class\":\"VERSION\"", await reader.ReadLineAsync(cts.Token));
    }

    [Fact]
    public async Task A_command_at_the_length_limit_is_still_answered()
    {
        await using var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "/dev/ttyS0");
        server.Start();
        using var cts = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.LocalEndpoint, cts.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        await reader.ReadLineAsync(cts.Token);
        string padded = "?WATCH={\"enable\":true,\"json\":true,\"pad\":\"" + new string('p', GpsdServer.MaxCommandLength - 43) + "\"}";
        Assert.Equal(GpsdServer.MaxCommandLength, padded.Length);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(padded + ";"), cts.Token);
        Assert.StartsWith("{\"class\":\"DEVICES\"", await reader.ReadLineAsync(cts.Token));
        Assert.StartsWith("{\"class\":\"WATCH\",\"enable\":true", await reader.ReadLineAsync(cts.Token));
    }
}
