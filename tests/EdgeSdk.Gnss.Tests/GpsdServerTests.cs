using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Gnss.Tests;

/// <summary>The gpsd-protocol server with Debian's real gpspipe, several clients and a client that stops reading.</summary>
public class GpsdServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gpspipe_receives_the_tpv_reports_of_a_replayed_capture()
    {
        const string Capture = "ublox-neo-m9n-nmea.log";
        List<GnssFix> fixes = await CaptureReplayTests.ReplayAsync(Capture);
        int skies = fixes.Count(GpsdJson.HasSky);
        await using var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "/dev/ttyGNSS");
        server.Start();
        using var cts = new CancellationTokenSource(Timeout);
        // VERSION, DEVICES, WATCH, then one TPV per fix and one SKY per fix that has a sky.
        int lines = 3 + fixes.Count + skies;
        Task<string> gpspipe = RunAsync("gpspipe", $"-w -n {lines} 127.0.0.1:{server.LocalEndpoint.Port}", cts.Token);
        await server.WaitForWatcherAsync(cts.Token);
        await using var receiver = new GnssReceiver(new StreamGnssSource(Capture, new MemoryStream(Captures.Stream(Capture))));
        await server.RunAsync(receiver.ReadFixesAsync(cts.Token), cts.Token);

        string[] output = (await gpspipe).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines, output.Length);
        Assert.Contains("\"class\":\"VERSION\"", output[0]);
        Assert.Contains("\"path\":\"/dev/ttyGNSS\"", output[1]);
        Assert.StartsWith("{\"class\":\"WATCH\",\"enable\":true,\"json\":true", output[2]);
        List<JsonElement> tpvs = output.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("class").GetString() == "TPV").ToList();
        Assert.Equal(fixes.Count, tpvs.Count);
        for (int i = 0; i < fixes.Count; i++)
        {
            Assert.Equal(fixes[i].TimeUtc!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), tpvs[i].GetProperty("time").GetString());
            Assert.Equal(fixes[i].LatitudeDegrees!.Value, tpvs[i].GetProperty("lat").GetDouble(), 9);
            Assert.Equal(fixes[i].LongitudeDegrees!.Value, tpvs[i].GetProperty("lon").GetDouble(), 9);
        }

        // And those are gpsd's own positions for this capture (first epoch, from its .chk).
        Assert.Equal("2020-07-11T22:37:45.000Z", tpvs[0].GetProperty("time").GetString());
        Assert.Equal(38.110494000, tpvs[0].GetProperty("lat").GetDouble());
        Assert.Equal(-122.626897000, tpvs[0].GetProperty("lon").GetDouble());
    }

    [Fact]
    public async Task Devices_poll_and_unknown_commands_get_gpsd_answers()
    {
        await using var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "tcp://10.0.0.7:2000");
        server.Start();
        using var cts = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(server.LocalEndpoint, cts.Token);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
        Assert.StartsWith("{\"class\":\"VERSION\",\"release\":\"3.22\"", await reader.ReadLineAsync(cts.Token));
        await client.GetStream().WriteAsync("?POLL;\n"u8.ToArray(), cts.Token);
        string? poll = await reader.ReadLineAsync(cts.Token);
        Assert.Matches("^\\{\"class\":\"POLL\",\"time\":\"[0-9T:.-]+Z\",\"active\":1,\"tpv\":\\[\\],\"sky\":\\[\\]\\}$", poll);

        server.Publish(new GnssFix { TimeUtc = new DateTime(2026, 8, 5, 5, 52, 34, 200, DateTimeKind.Utc), Mode = FixMode.TwoD, LatitudeDegrees = 47.661981667, LongitudeDegrees = -122.326393667 });
        await client.GetStream().WriteAsync("?POLL;?DEVICES;?FOO;"u8.ToArray(), cts.Token);
        Assert.EndsWith("\"tpv\":[{\"class\":\"TPV\",\"device\":\"tcp://10.0.0.7:2000\",\"mode\":2,\"time\":\"2026-08-05T05:52:34.200Z\",\"lat\":47.661981667,\"lon\":-122.326393667}],\"sky\":[]}", await reader.ReadLineAsync(cts.Token));
        Assert.StartsWith("{\"class\":\"DEVICES\",\"devices\":[{\"class\":\"DEVICE\",\"path\":\"tcp://10.0.0.7:2000\",\"driver\":\"NMEA0183\"", await reader.ReadLineAsync(cts.Token));
        Assert.Equal("{\"class\":\"ERROR\",\"message\":\"Unrecognized request 'FOO'\"}", await reader.ReadLineAsync(cts.Token));
    }

    [Fact]
    public async Task A_client_that_stops_reading_loses_its_oldest_reports_and_stalls_nobody()
    {
        const string Capture = "ublox-neo-m9n-nmea.log";
        List<GnssFix> fixes = await CaptureReplayTests.ReplayAsync(Capture);
        await using var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "/dev/ttyGNSS") { ClientQueueCapacity = 8 };
        server.Start();
        using var cts = new CancellationTokenSource(Timeout);
        using var slow = new TcpClient { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync(server.LocalEndpoint, cts.Token);
        await slow.GetStream().WriteAsync("?WATCH={\"enable\":true,\"json\":true};"u8.ToArray(), cts.Token);
        using var fast = new TcpClient();
        await fast.ConnectAsync(server.LocalEndpoint, cts.Token);
        await fast.GetStream().WriteAsync("?WATCH={\"enable\":true,\"json\":true};"u8.ToArray(), cts.Token);
        using var reader = new StreamReader(fast.GetStream(), Encoding.ASCII);
        for (int i = 0; i < 3; i++)
        {
            await reader.ReadLineAsync(cts.Token); // VERSION, DEVICES, WATCH
        }

        await SocatPty.WaitForAsync(() => server.ClientCount == 2, "both clients to subscribe");
        int received = 0;
        const int Rounds = 20;
        for (int round = 0; round < Rounds; round++)
        {
            foreach (GnssFix fix in fixes)
            {
                server.Publish(fix); // never blocks, whatever the slow client does
                while (true)
                {
                    string line = (await reader.ReadLineAsync(cts.Token))!;
                    if (line.StartsWith("{\"class\":\"TPV\"", StringComparison.Ordinal))
                    {
                        received++;
                        break;
                    }
                }
            }
        }

        Assert.Equal(Rounds * fixes.Count, received);
        slow.Close();
        await SocatPty.WaitForAsync(() => server.ClientCount == 1, "the slow client to be dropped");
        Assert.True(server.DroppedReports > 0, "the slow client's queue should have overflowed");
        Assert.Equal(Rounds * fixes.Count, server.PublishedFixes);
    }

    internal static async Task<string> RunAsync(string program, string arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        return await stdout;
    }
}
