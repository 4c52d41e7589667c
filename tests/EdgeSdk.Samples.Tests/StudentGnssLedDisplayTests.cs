using System.Device.Gpio;
using EdgeSdk.Devices;
using EdgeSdk.Devices.Tests;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation.Devices;
using StudentGnssLed;

namespace EdgeSdk.Samples.Tests;

/// <summary>StudentGnssLed with the OLED: the fix appears on the virtual panel; an unplugged panel is one line and the LED goes on.</summary>
public sealed class StudentGnssLedDisplayTests
{
    private const int LedPin = 27;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_oled_shows_the_fix_or_one_line_says_it_is_not_connected_and_the_led_goes_on(bool connected)
    {
        var chip = new VirtualGpioDriver();
        using var gpio = new GpioController(chip);
        var panel = new VirtualSsd1306 { Connected = connected };
        using var oled = new OledStatusDisplay(() => panel, "SSD1306 on I2C bus 1 at 0x3C") { UpdateIntervalMilliseconds = 100 };
        var output = new LineWriter();
        var app = new GnssLedApp(gpio, LedPin, chip.ButtonPin, output,
            new BlinkTiming(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), oled);
        int threeDCycles = 0;
        app.Led.CycleStarted += mode => Interlocked.Add(ref threeDCycles, mode == FixMode.ThreeD ? 1 : 0);

        await using SimulatedDrive drive = SimulatedDrive.Start("campus-loop", seconds: 60, speedup: 10, gpio: chip);
        await using GnssReceiver receiver = GnssReceiver.Open(drive.Source);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Task running = app.RunAsync(receiver, stop.Token);
        string fixRow = "";
        await Await.UntilAsync(
            () => Volatile.Read(ref threeDCycles) >= 2 && (!connected || (fixRow = PanelReader.ReadRow(panel, 1)).StartsWith("FIX 3D", StringComparison.Ordinal)),
            () => $"{threeDCycles} 3D blink cycles, panel row 1: '{fixRow}', state {oled.State}");
        await stop.CancelAsync();
        await running;

        List<string> displayLines = output.Lines.Where(l => l.StartsWith("display:", StringComparison.Ordinal)).ToList();
        if (connected)
        {
            Assert.Equal("STUDENT GNSS", PanelReader.ReadRow(panel, 0, inverted: true));
            Assert.Matches(@"^FIX 3D   SAT \d\d/\d\d$", fixRow);
            Assert.Equal("LINK NONE", PanelReader.ReadRow(panel, 7));
            Assert.Empty(displayLines);
        }
        else
        {
            Assert.Equal(DisplayState.NotConnected, oled.State);
            string line = Assert.Single(displayLines);
            Assert.StartsWith("display: SSD1306 on I2C bus 1 at 0x3C: not answering", line);
        }
    }
}
