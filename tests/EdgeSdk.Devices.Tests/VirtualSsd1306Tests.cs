using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Devices.Tests;

public sealed class VirtualSsd1306Tests
{
    [Fact]
    public void Page_addressing_with_continuation_control_bytes_lands_where_the_datasheet_says()
    {
        var panel = new VirtualSsd1306();
        // Co=1 control bytes (0x80) carry one command byte each, arguments included; then Co=0 data.
        panel.Write([0x80, 0x8D, 0x80, 0x14, 0x80, 0xA1, 0x80, 0xC8, 0x80, 0xAF, 0x80, 0xB2, 0x80, 0x05, 0x80, 0x11]);
        panel.Write([0x40, 0xFF, 0x81]);

        byte[] memory = panel.SnapshotMemory();
        Assert.Equal(0xFF, memory[(2 * 128) + 21]);
        Assert.Equal(0x81, memory[(2 * 128) + 22]);
        Assert.Equal(2, panel.DataBytes);
        Assert.Equal(8, panel.CommandBytes);
        Assert.Equal(0, panel.UnknownCommands);
        Assert.True(panel.IsLit(21, 16));
        Assert.True(panel.IsLit(22, 16));
        Assert.False(panel.IsLit(22, 17));
        Assert.True(panel.IsLit(22, 23));
    }

    [Fact]
    public void Horizontal_window_wraps_inside_the_column_and_page_range()
    {
        var panel = new VirtualSsd1306();
        panel.Write([0x00, 0x20, 0x00, 0x21, 10, 11, 0x22, 3, 4]);
        panel.Write([0x40, 1, 2, 3, 4, 5]); // 2 columns x 2 pages, then wraps to the window's start

        byte[] memory = panel.SnapshotMemory();
        Assert.Equal(5, memory[(3 * 128) + 10]);
        Assert.Equal(2, memory[(3 * 128) + 11]);
        Assert.Equal(3, memory[(4 * 128) + 10]);
        Assert.Equal(4, memory[(4 * 128) + 11]);
        Assert.Equal(5, memory.Count(b => b != 0) + 1); // byte 1 was overwritten by 5
    }

    [Fact]
    public void Display_off_inverse_and_entire_on_change_what_the_panel_shows_and_unknown_codes_are_counted()
    {
        var panel = new VirtualSsd1306();
        panel.Write([0x00, 0x8D, 0x14, 0xA1, 0xC8]);
        Assert.False(panel.IsLit(0, 0)); // off after reset
        Assert.Equal(0x40, panel.ReadByte());

        panel.Write([0x00, 0xAF, 0xA7]);
        Assert.True(panel.IsLit(0, 0));   // inverse of an empty memory
        panel.Write([0x00, 0xA6, 0xA5]);
        Assert.True(panel.IsLit(127, 63)); // entire display on
        panel.Write([0x00, 0xA4, 0xFE]);
        Assert.False(panel.IsLit(127, 63));
        Assert.Equal(1, panel.UnknownCommands);
        Assert.Equal(0x00, panel.ReadByte());
    }

    [Fact]
    public void An_unplugged_panel_refuses_every_transfer_like_a_nack()
    {
        var panel = new VirtualSsd1306 { Connected = false };

        IOException write = Assert.Throws<IOException>(() => panel.Write([0x00, 0xAF]));
        Assert.Throws<IOException>(() => panel.ReadByte());

        Assert.Equal("Error 121 performing I2C data transfer.", write.Message);
        Assert.Equal(2, panel.NackedTransfers);
        Assert.Equal(0, panel.Writes);
        Assert.False(panel.DisplayOn);
    }

    [Fact]
    public void Frame_text_is_clipped_at_21_columns()
    {
        var frame = new MonochromeFrame();
        Assert.Equal(21, frame.DrawText(0, 0, new string('8', 30)));
        Assert.Equal(1, frame.DrawText(1, 20, "AB"));
        Assert.Equal(0, frame.DrawText(8, 0, "A"));
        Assert.True(frame.GetPixel(0, 1));     // '8' column 0 = 0x36: rows 1,2,4,5
        Assert.False(frame.GetPixel(0, 0));
        Assert.False(frame.GetPixel(126, 1));  // 128 = 21*6 + 2: the last two columns stay blank
    }
}

public sealed class OledStatusDisplayAllocationTests
{
    [Fact]
    public void An_update_allocates_only_the_status_lines_not_a_frame()
    {
        var panel = new VirtualSsd1306();
        using var display = new OledStatusDisplay(() => panel, "virtual SSD1306");
        var status = new TrackerStatus { Mode = EdgeSdk.Gnss.FixMode.ThreeD, SatellitesUsed = 9, LatitudeDegrees = 31.2, LongitudeDegrees = 121.4, QueueDepth = 5 };
        for (int i = 0; i < 5; i++)
        {
            Assert.True(display.Show(status)); // warm-up: the panel opens, the binding's buffers grow
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            display.Show(status);
        }

        long perUpdate = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // Measured 560 B (the eight status strings); a copied or re-allocated 1 KB frame would exceed this.
        Assert.True(perUpdate < 1024, $"{perUpdate} bytes per update");
    }
}
