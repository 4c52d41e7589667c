using System.Device.I2c;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Devices.Tests;

public sealed class OledStatusDisplayTests
{
    private static readonly TrackerStatus Moving = new()
    {
        Title = "Truck 7",
        Mode = FixMode.ThreeD,
        SatellitesUsed = 9,
        SatellitesInView = 14,
        LatitudeDegrees = 31.230416,
        LongitudeDegrees = 121.473701,
        SpeedMetersPerSecond = 12.0,
        TimeUtc = new DateTime(2026, 11, 30, 12, 34, 56, DateTimeKind.Utc),
        QueueDepth = 12,
        QueueDropped = 0,
        Broker = BrokerLinkState.Connected,
    };

    private static readonly string[] MovingLines =
    [
        "TRUCK 7",
        "FIX 3D   SAT 09/14",
        "LAT   31.230416 N",
        "LON  121.473701 E",
        "SPD   43.2 KM/H",
        "UTC 12:34:56",
        "QUEUE 12",
        "LINK UP",
    ];

    [Fact]
    public void Status_drawn_through_the_binding_reads_back_from_the_virtual_panel()
    {
        var panel = new VirtualSsd1306();
        using var display = new OledStatusDisplay(() => panel, "virtual SSD1306");

        Assert.True(display.Show(Moving));

        Assert.Equal(DisplayState.Showing, display.State);
        Assert.True(panel.DisplayOn);
        Assert.True(panel.ChargePumpOn);
        Assert.Equal(0, panel.UnknownCommands);
        // Each update is one 1024-byte frame (the binding's own constructor clears the screen first).
        long before = panel.DataBytes;
        Assert.True(display.Show(Moving));
        Assert.Equal(1024, panel.DataBytes - before);
        Assert.Equal(2, display.FramesShown);
        Assert.Equal(MovingLines[0], PanelReader.ReadRow(panel, 0, inverted: true));
        for (int row = 1; row < MovingLines.Length; row++)
        {
            Assert.Equal(MovingLines[row], PanelReader.ReadRow(panel, row));
        }

        // The title bar is lit edge to edge (inverted row), the blank line under each text row is dark.
        Assert.All(Enumerable.Range(0, 126), x => Assert.True(panel.IsLit(x, 7)));
        Assert.All(Enumerable.Range(0, 128), x => Assert.False(panel.IsLit(x, 15)));
    }

    [Fact]
    public void The_panel_png_decodes_to_exactly_the_lit_pixels()
    {
        var panel = new VirtualSsd1306();
        using var display = new OledStatusDisplay(() => panel, "virtual SSD1306");
        Assert.True(display.Show(Moving));

        byte[] png = panel.ToPng(scale: 2);
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "oled-status.png"), png);
        (int width, int height, byte[] pixels) = PanelReader.DecodeGray8(png);

        Assert.Equal(256, width);
        Assert.Equal(128, height);
        int lit = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 128; x++)
            {
                bool on = panel.IsLit(x, y);
                lit += on ? 1 : 0;
                for (int d = 0; d < 4; d++)
                {
                    Assert.Equal(on ? 255 : 0, pixels[((2 * y) + (d / 2)) * width + (2 * x) + (d % 2)]);
                }
            }
        }

        // The frame the library drew and the panel's lit pixels are the same picture.
        int drawn = 0;
        for (int y = 0; y < 64; y++)
        {
            for (int x = 0; x < 128; x++)
            {
                drawn += display.Frame.GetPixel(x, y) ? 1 : 0;
            }
        }

        Assert.Equal(drawn, lit);
        Assert.Equal(2, PanelReader.ReadRow((x, y) => pixels[(2 * y * width) + (2 * x)] == 255, 1).Split("SAT").Length);
        Assert.Equal(MovingLines[3], PanelReader.ReadRow((x, y) => pixels[(2 * y * width) + (2 * x)] == 255, 3));
    }

    [Fact]
    public void A_display_that_does_not_answer_gives_a_clear_status_and_recovers_when_plugged_in()
    {
        var panel = new VirtualSsd1306 { Connected = false };
        using var display = new OledStatusDisplay(() => panel, "SSD1306 on I2C bus 1 at 0x3C");

        Assert.False(display.Show(Moving));
        Assert.False(display.Show(Moving));

        Assert.Equal(DisplayState.NotConnected, display.State);
        Assert.Equal(2, display.FailedUpdates);
        Assert.Equal(0, display.FramesShown);
        Assert.StartsWith("SSD1306 on I2C bus 1 at 0x3C: not answering (Error 121 performing I2C data transfer)", display.StatusMessage);
        Assert.Contains("i2cdetect -y <bus>", display.StatusMessage);
        Assert.Contains("keeps running", display.StatusMessage);
        Assert.True(panel.NackedTransfers >= 2);

        panel.Connected = true;
        Assert.True(display.Show(Moving));
        Assert.Equal(DisplayState.Showing, display.State);
        Assert.Equal(1, display.FramesShown);
        Assert.Equal(MovingLines[1], PanelReader.ReadRow(panel, 1));

        // Unplugged while running: the next update fails, the one after re-initialises the panel.
        panel.Connected = false;
        Assert.False(display.Show(Moving));
        panel.Connected = true;
        Assert.True(display.Show(Moving));
        Assert.Equal(3, display.FailedUpdates);
        Assert.Equal(2, display.FramesShown);
    }

    [Fact]
    public void A_missing_i2c_bus_is_a_status_not_an_exception()
    {
        using var display = new OledStatusDisplay(() => throw new IOException("Error 2 initializing the I2C bus 9. Can not open I2C device file '/dev/i2c-9'."), "SSD1306 on I2C bus 9 at 0x3C");

        Assert.False(display.Show(Moving));
        Assert.Equal(DisplayState.NotConnected, display.State);
        Assert.Contains("/dev/i2c-9", display.StatusMessage);
        Assert.Equal(1, display.FailedUpdates);
    }

    [Fact]
    public void No_fix_southern_western_and_drops_are_formatted_exactly()
    {
        string[] none = StatusScreen.FormatLines(new TrackerStatus { Mode = FixMode.NoFix, Broker = BrokerLinkState.Disconnected });
        Assert.Equal(["EDGESDK", "FIX NONE SAT 00/00", "LAT ---", "LON ---", "SPD ---", "UTC ---", "", "LINK DOWN"], none);

        string[] south = StatusScreen.FormatLines(new TrackerStatus
        {
            Title = "a very long device name indeed",
            Mode = FixMode.TwoD,
            SatellitesUsed = 120,
            LatitudeDegrees = -33.856784,
            LongitudeDegrees = -70.651,
            QueueDepth = 1000,
            QueueDropped = 37,
            Broker = BrokerLinkState.Connecting,
        });
        Assert.Equal("A VERY LONG DEVICE NA", south[0]);
        Assert.Equal("FIX 2D   SAT 99/00", south[1]);
        Assert.Equal("LAT   33.856784 S", south[2]);
        Assert.Equal("LON   70.651000 W", south[3]);
        Assert.Equal("QUEUE 1000 DROP 37", south[6]);
        Assert.Equal("LINK CONNECTING", south[7]);
    }

    [Fact]
    public void The_status_of_a_gnss_fix_carries_mode_satellites_and_position()
    {
        var fix = new GnssFix
        {
            Mode = FixMode.ThreeD,
            SatellitesUsed = 7,
            LatitudeDegrees = 39.9,
            LongitudeDegrees = 116.4,
            SpeedMetersPerSecond = 1.5,
        };

        TrackerStatus status = TrackerStatus.FromFix(fix, "Bus 3", queueDepth: 4, queueDropped: 1, broker: BrokerLinkState.Connected);

        Assert.Equal(FixMode.ThreeD, status.Mode);
        Assert.Equal(7, status.SatellitesUsed);
        Assert.Equal(39.9, status.LatitudeDegrees);
        Assert.Equal(116.4, status.LongitudeDegrees);
        Assert.Equal("QUEUE 4 DROP 1", StatusScreen.FormatLines(status)[6]);
        Assert.Equal("LAT ---", StatusScreen.FormatLines(TrackerStatus.FromFix(null, "x"))[2]);
    }
}
