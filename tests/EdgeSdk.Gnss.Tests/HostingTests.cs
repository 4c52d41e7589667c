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
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string expected = "$PCAS02,100*1E\r\n$PCAS04,2*1B\r\n$PCAS01,5*19\r\n";
        Task<byte[]> reading = pty.ReadPeerAsync(expected.Length, cts.Token); // the peer is open before the commands go
        await receiver.ConfigureAsync(new ReceiverSettings { UpdateRateHz = 10, Constellations = GnssConstellations.Beidou, BaudRate = 115200 }, cancellationToken: cts.Token);
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(await reading));
        Assert.Equal(115200, source.BaudRate);
    }

    [Fact]
    public async Task A_hosted_service_that_subscribes_in_its_constructor_gets_every_fix_from_the_first()
    {
        // A file source publishes its fixes as fast as it reads them: a service that subscribed only when
        // its ExecuteAsync ran would find most of them gone. This one subscribes in its constructor, is
        // registered after the receiver (so started after it), and reads only once the receiver has
        // published its last fix: every fix must still be there, in order.
        const string capture = "bundg_zeus_9.log";
        List<GnssFix> expected = await CaptureReplayTests.ReplayAsync(capture);
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-hosting-{Guid.NewGuid():N}.nmea");
        await File.WriteAllBytesAsync(path, Captures.Stream(capture));
        try
        {
            HostApplicationBuilder builder = Host.CreateApplicationBuilder();
            builder.Services.AddGnssReceiver(path);
            builder.Services.AddSingleton(new LastFix(expected[^1].TimeUtc));
            builder.Services.AddHostedService<FirstFixesService>();
            using IHost host = builder.Build();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(cts.Token);
            var service = host.Services.GetServices<IHostedService>().OfType<FirstFixesService>().Single();
            List<GnssFix> received = await service.Received.Task.WaitAsync(cts.Token);
            await host.StopAsync(cts.Token);

            Assert.Equal(149, expected.Count);
            Assert.Equal(expected.Select(f => (f.TimeUtc, f.LatitudeDegrees, f.LongitudeDegrees)), received.Select(f => (f.TimeUtc, f.LatitudeDegrees, f.LongitudeDegrees)));
            Assert.Equal(0, service.Dropped);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_subscription_taken_after_the_hub_completed_ends_at_once()
    {
        var hub = new GnssFixHub();
        using GnssFixSubscription early = hub.Subscribe(capacity: 2);
        GnssFix[] fixes = [new GnssFix { Mode = FixMode.NoFix }, new GnssFix { Mode = FixMode.TwoD }, new GnssFix { Mode = FixMode.ThreeD }];
        foreach (GnssFix fix in fixes)
        {
            hub.Publish(fix);
        }

        hub.Complete();
        using GnssFixSubscription late = hub.Subscribe();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal([FixMode.TwoD, FixMode.ThreeD], await early.ReadAllAsync(cts.Token).Select(f => f.Mode).ToListAsync(cts.Token));
        Assert.Equal(1, early.Dropped); // capacity 2: the oldest of 3 went
        Assert.Empty(await late.ReadAllAsync(cts.Token).ToListAsync(cts.Token));
        Assert.Same(fixes[2], hub.Latest);
    }

    private sealed record LastFix(DateTime? TimeUtc);

    private sealed class FirstFixesService : BackgroundService
    {
        private readonly GnssFixHub _hub;
        private readonly LastFix _last;
        private readonly GnssFixSubscription _fixes;

        public FirstFixesService(GnssFixHub hub, LastFix last)
        {
            _hub = hub;
            _last = last;
            _fixes = hub.Subscribe(capacity: 10_000);
        }

        public TaskCompletionSource<List<GnssFix>> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Dropped => _fixes.Dropped;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await SocatPty.WaitForAsync(() => _hub.Latest is GnssFix f && f.TimeUtc == _last.TimeUtc, "the receiver to publish its last fix", 60_000);
                Received.TrySetResult(await _fixes.ReadAllAsync(stoppingToken).ToListAsync(stoppingToken));
            }
            catch (Exception e)
            {
                Received.TrySetException(e);
            }
        }
    }
}
