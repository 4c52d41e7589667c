using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Gnss.Tests;

public class HostingTests
{
    [Fact]
    public async Task A_host_runs_the_receiver_and_apps_read_fixes_from_the_hub()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddGnssReceiver($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", o => o.EpochIdleGap = TimeSpan.FromSeconds(1));
        using IHost host = builder.Build();
        var hub = host.Services.GetRequiredService<GnssFixHub>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reading = Task.Run(async () =>
        {
            var fixes = new List<GnssFix>();
            await foreach (GnssFix fix in hub.SubscribeAsync(cancellationToken: cts.Token))
            {
                fixes.Add(fix);
                if (fixes.Count == 3)
                {
                    break;
                }
            }

            return fixes;
        });
        await SocatPty.WaitForAsync(() => hub.SubscriberCount == 1, "the app to subscribe");
        await host.StartAsync(cts.Token);
        using TcpClient client = await listener.AcceptTcpClientAsync(cts.Token);
        await client.GetStream().WriteAsync(Captures.Stream("nmea-fuzzy-cases.log"), cts.Token);
        List<GnssFix> received = await reading;
        await host.StopAsync(cts.Token);

        List<GnssFix> expected = (await CaptureReplayTests.ReplayAsync("nmea-fuzzy-cases.log")).Take(3).ToList();
        Assert.Equal(expected.Select(f => (f.TimeUtc, f.LatitudeDegrees, f.LongitudeDegrees)), received.Select(f => (f.TimeUtc, f.LatitudeDegrees, f.LongitudeDegrees)));
        Assert.Same(host.Services.GetRequiredService<GnssReceiver>(), host.Services.GetRequiredService<GnssReceiver>());
        Assert.NotNull(hub.Latest);
    }

    [Fact]
    public async Task Configure_writes_casic_commands_to_the_serial_port()
    {
        await using SocatPty pty = await SocatPty.StartAsync();
        var source = new SerialGnssSource(pty.DevicePath, 9600);
        await using var receiver = new GnssReceiver(source);
        await using FileStream peer = pty.OpenPeer();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await receiver.ConfigureAsync(new ReceiverSettings { UpdateRateHz = 10, Constellations = GnssConstellations.Beidou, BaudRate = 115200 }, cancellationToken: cts.Token);
        string expected = "$PCAS02,100*1E\r\n$PCAS04,2*1B\r\n$PCAS01,5*19\r\n";
        byte[] buffer = new byte[expected.Length];
        int read = 0;
        while (read < buffer.Length)
        {
            read += await peer.ReadAsync(buffer.AsMemory(read), cts.Token);
        }

        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(buffer));
        Assert.Equal(115200, source.BaudRate);
    }
}
