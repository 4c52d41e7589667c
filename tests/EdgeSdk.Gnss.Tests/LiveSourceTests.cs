using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeSdk.Gnss.Tests;

/// <summary>Sources over real transports: a socat pseudo-terminal as the serial port, loopback TCP and UDP.</summary>
public class LiveSourceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90); // generous: only a failing test waits it out

    [Fact]
    public async Task Serial_source_reads_every_valid_sentence_of_a_capture_through_a_pty()
    {
        await using SocatPty pty = await SocatPty.StartAsync();
        await using var receiver = GnssReceiver.Open($"serial:{pty.DevicePath}?baud=115200");
        using var cts = new CancellationTokenSource(Timeout);
        List<string> expected = Captures.ValidSentences("skytraq-dgps.log");
        Task<List<string>> reading = receiver.ReadSentencesAsync(cts.Token).Take(expected.Count).ToListAsync(cts.Token).AsTask();
        await SocatPty.WaitForAsync(() => receiver.Source.StatusKind == GnssStatusKind.Opened, "the port to open");
        Task writing = pty.WritePeerAsync(Captures.Stream("skytraq-dgps.log"));
        Assert.Equal(expected, await reading);
        await writing.WaitAsync(cts.Token);
        Assert.Equal(0, receiver.Counters.RejectedSentences);
    }

    [Fact]
    public async Task Serial_source_with_auto_baud_settles_on_a_rate_that_carries_sentences()
    {
        await using SocatPty pty = await SocatPty.StartAsync();
        var source = new SerialGnssSource(pty.DevicePath, 0) { ProbeTime = TimeSpan.FromSeconds(5) };
        await using var receiver = new GnssReceiver(source);
        using var cts = new CancellationTokenSource(Timeout);
        Task<List<string>> reading = receiver.ReadSentencesAsync(cts.Token).Take(3).ToListAsync(cts.Token).AsTask();
        await using FileStream peer = pty.OpenPeer();
        byte[] epoch = Encoding.ASCII.GetBytes(string.Join("\r\n", Captures.ValidSentences("tcp-torture.log")) + "\r\n");
        while (!reading.IsCompleted)
        {
            await peer.WriteAsync(epoch, cts.Token); // a receiver keeps talking while the rate is probed
            await Task.WhenAny(reading, Task.Delay(100, cts.Token));
        }

        Assert.Equal(3, (await reading).Count);
        Assert.Equal(SerialGnssSource.AutoBaudRates[0], source.BaudRate); // a pty carries bytes at any rate: the first rate wins
        Assert.StartsWith($"opened {pty.DevicePath}: valid sentences at 9600 baud", source.StatusText);
        Assert.Equal(GnssStatusKind.Opened, source.StatusKind);
    }

    [Fact]
    public async Task Serial_source_reports_an_unplugged_device_and_reopens_it_when_it_returns()
    {
        await using SocatPty pty = await SocatPty.StartAsync();
        var source = new SerialGnssSource(pty.DevicePath, 9600) { ReopenInterval = TimeSpan.FromMilliseconds(50) };
        await using var receiver = new GnssReceiver(source);
        var statuses = new List<string>();
        receiver.StatusChanged += (_, e) => { lock (statuses) { statuses.Add(e.Text); } };
        using var cts = new CancellationTokenSource(Timeout);
        await using IAsyncEnumerator<string> sentences = receiver.ReadSentencesAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        ValueTask<bool> first = sentences.MoveNextAsync();
        await SocatPty.WaitForAsync(() => source.StatusKind == GnssStatusKind.Opened, "the port to open");
        const string Gga = "$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7D";
        await WriteAsync(pty, Gga);
        Assert.True(await first);
        Assert.Equal(Gga, sentences.Current);

        await pty.StopAsync(); // unplug
        ValueTask<bool> next = sentences.MoveNextAsync();
        await SocatPty.WaitForAsync(() => Contains(statuses, $"device {pty.DevicePath} disappeared; waiting for it to come back"), "the unplug to be reported");
        await pty.RestartAsync(); // plug back in
        await SocatPty.WaitForAsync(() => Contains(statuses, $"device {pty.DevicePath} is back at 9600 baud"), "the device to be reopened");
        await WriteAsync(pty, Gga);
        Assert.True(await next);
        Assert.Equal(Gga, sentences.Current);
        Assert.Equal(1, source.Reopens);
    }

    [Fact]
    public async Task A_disposed_serial_source_ends_instead_of_reopening_its_path()
    {
        // pts numbers are reused: a disposed source that kept reopening its path read the next program's terminal.
        await using SocatPty pty = await SocatPty.StartAsync();
        var source = new SerialGnssSource(pty.DevicePath, 9600) { ReopenInterval = TimeSpan.FromMilliseconds(50) };
        using var cts = new CancellationTokenSource(Timeout);
        await source.OpenAsync(cts.Token);
        ValueTask<int> pending = source.ReadAsync(new byte[64], cts.Token);
        await source.DisposeAsync();
        Assert.Equal(0, await pending); // the end of the source, not a reopen
        Assert.Equal(0, await source.ReadAsync(new byte[64], cts.Token));
        Assert.Equal(0, source.Reopens);
    }

    [Fact]
    public async Task Tcp_source_reads_a_capture_and_reconnects_when_the_server_drops_it()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var source = new TcpGnssSource("127.0.0.1", port) { ReconnectDelay = TimeSpan.FromMilliseconds(50) };
        await using var receiver = new GnssReceiver(source);
        using var cts = new CancellationTokenSource(Timeout);
        List<string> expected = Captures.ValidSentences("tcp-torture.log");
        Task<List<string>> reading = receiver.ReadSentencesAsync(cts.Token).Take(expected.Count * 2).ToListAsync(cts.Token).AsTask();
        for (int connection = 0; connection < 2; connection++)
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(cts.Token);
            await client.GetStream().WriteAsync(Captures.Stream("tcp-torture.log"), cts.Token);
            client.Client.Shutdown(SocketShutdown.Both);
        }

        Assert.Equal([.. expected, .. expected], await reading);
        Assert.Equal(1, source.Reconnects);
    }

    [Fact]
    public async Task Udp_source_reads_sentences_from_datagrams()
    {
        var source = new UdpGnssSource("127.0.0.1", FreeUdpPort());
        await using var receiver = new GnssReceiver(source);
        using var cts = new CancellationTokenSource(Timeout);
        await source.OpenAsync(cts.Token);
        List<string> expected = Captures.ValidSentences("tcp-torture.log");
        Task<List<string>> reading = receiver.ReadSentencesAsync(cts.Token).Take(expected.Count).ToListAsync(cts.Token).AsTask();
        using var sender = new UdpClient();
        foreach (string sentence in expected)
        {
            await sender.SendAsync(Encoding.ASCII.GetBytes(sentence + "\r\n"), source.LocalEndpoint!, cts.Token);
        }

        Assert.Equal(expected, await reading);
    }

    private static bool Contains(List<string> statuses, string status)
    {
        lock (statuses)
        {
            return statuses.Contains(status);
        }
    }

    private static async Task WriteAsync(SocatPty pty, string sentence)
    {
        await using FileStream peer = pty.OpenPeer();
        await peer.WriteAsync(Encoding.ASCII.GetBytes(sentence + "\r\n"));
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}
