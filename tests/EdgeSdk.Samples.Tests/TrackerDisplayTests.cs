using System.Text.RegularExpressions;
using EdgeSdk.Devices;
using EdgeSdk.Devices.Tests;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Telemetry.Broker;
using EdgeSdk.Telemetry;
using LogisticsTracker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Samples.Tests;

/// <summary>The LogisticsTracker's OLED: the status appears on a virtual SSD1306; an absent display changes nothing else.</summary>
public sealed class TrackerDisplayTests : IDisposable
{
    private readonly string _queue = Await.TempDirectory();

    [Fact]
    public async Task The_display_shows_fix_queue_and_a_down_link_while_the_broker_is_away()
    {
        await using var broker = new EmbeddedBroker(); // never started: the link stays down, fixes queue up
        var panel = new VirtualSsd1306();
        await using SimulatedDrive drive = SimulatedDrive.Start("campus-loop", seconds: 120, speedup: 20);
        using IHost host = TrackerApp.Build(Args(drive.Source, broker.Uri), () => panel);
        await host.StartAsync();

        string[] rows = new string[8];
        await Await.UntilAsync(() =>
            {
                for (int row = 0; row < rows.Length; row++)
                {
                    rows[row] = PanelReader.ReadRow(panel, row, inverted: row == 0);
                }

                return rows[1].StartsWith("FIX 3D", StringComparison.Ordinal) && Regex.IsMatch(rows[6], "^QUEUE [1-9][0-9]*$");
            },
            () => $"the panel shows: {string.Join(" | ", rows)}");

        Assert.Equal("TRUCK-7", rows[0]);
        Assert.Matches(@"^FIX 3D   SAT \d\d/\d\d$", rows[1]);
        Assert.Matches(@"^LAT +\d+\.\d{6} [NS]$", rows[2]);
        Assert.Matches(@"^LON +\d+\.\d{6} [EW]$", rows[3]);
        Assert.Matches(@"^UTC \d\d:\d\d:\d\d$", rows[5]);
        Assert.Equal("LINK DOWN", rows[7]);
        TrackerService service = host.Services.GetRequiredService<TrackerService>();
        Assert.Equal(DisplayState.Showing, service.Display!.State);
        Assert.Equal(0, service.Display.FailedUpdates);
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "tracker-oled.png"), panel.ToPng(scale: 4));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_display_that_is_not_connected_is_reported_and_every_fix_is_still_queued()
    {
        await using var broker = new EmbeddedBroker();
        var panel = new VirtualSsd1306 { Connected = false };
        await using SimulatedDrive drive = SimulatedDrive.Start("campus-loop", seconds: 20, speedup: 20);
        using IHost host = TrackerApp.Build(Args(drive.Source, broker.Uri), () => panel);
        await host.StartAsync();
        TrackerService service = host.Services.GetRequiredService<TrackerService>();
        IReadOnlyList<TruthEpoch> truth = await drive.TruthAsync();

        TelemetryPublisherCounters status = default!;
        await Await.UntilAsync(
            () => (status = service.Publisher.Counters).Accepted >= truth.Count && status.Queued == status.Accepted,
            () => $"{status.Accepted} fixes handed over, {status.Queued} queued, for {truth.Count} simulated epochs");

        Assert.Equal(truth.Count, status.Accepted);
        Assert.Equal(DisplayState.NotConnected, service.Display!.State);
        Assert.True(service.Display.FailedUpdates >= 1);
        Assert.Equal(0, service.Display.FramesShown);
        Assert.StartsWith("SSD1306 on I2C bus 1 at 0x3C: not answering", service.Display.StatusMessage);
        await host.StopAsync();
    }

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    private string[] Args(string source, Uri broker) =>
    [
        $"--Tracker:Source={source}", $"--Tracker:Broker={broker}", "--Tracker:DeviceId=truck-7", "--Tracker:Fleet=tests",
        $"--Tracker:QueuePath={_queue}", "--Tracker:DrainSeconds=0", "--Tracker:DisplayI2cBus=1",
    ];
}
