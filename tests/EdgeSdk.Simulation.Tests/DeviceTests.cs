using System.Device.Gpio;
using System.Text;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Tests;

public class DeviceTests
{
    [Fact]
    public async Task Pseudo_terminal_delivers_bytes_to_a_program_that_opens_the_linked_path()
    {
        string link = Path.Combine(Path.GetTempPath(), $"edgesdk-sim-{Guid.NewGuid():N}");
        using (var pty = PseudoTerminal.Open(link))
        {
            Assert.StartsWith("/dev/pts/", pty.SlavePath);
            Assert.Equal(pty.SlavePath, new FileInfo(link).LinkTarget);
            await using var reader = new FileStream(link, FileMode.Open, FileAccess.Read);
            byte[] sent = Encoding.ASCII.GetBytes("$GPTXT,01,01,02,hello*2D\r\n");
            await pty.Stream.WriteAsync(sent);

            var received = new byte[sent.Length];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await reader.ReadExactlyAsync(received, timeout.Token);
            Assert.Equal(sent, received); // raw mode: no echo, no CR/LF translation
        }

        Assert.False(File.Exists(link) || new FileInfo(link).LinkTarget != null, "the link is removed on dispose");
    }

    [Fact]
    public async Task Pseudo_terminal_without_a_reader_drops_and_counts_instead_of_stalling()
    {
        using var pty = PseudoTerminal.Open();
        pty.WriteTimeout = TimeSpan.FromMilliseconds(50);
        var chunk = new byte[1000];
        for (int i = 0; i < 2000; i++)
        {
            await pty.Stream.WriteAsync(chunk);
        }

        // The kernel buffers some kilobytes when idle, and up to its flip-buffer limit (640 KB) when the
        // machine is too busy to move them to the line discipline; everything beyond is dropped and counted.
        Assert.InRange(pty.DroppedBytes, 2_000_000 - (640 * 1024) - 65_536, 2_000_000 - 1000);
    }

    [Fact]
    public void Link_over_a_regular_file_is_a_clear_error()
    {
        string file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<IOException>(() => PseudoTerminal.Open(file));
            Assert.Contains(file, error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Gpio_pps_pulses_once_per_simulated_second_and_the_scenario_presses_the_button()
    {
        var driver = new VirtualGpioDriver();
        using var gpio = new GpioController(driver);
        gpio.OpenPin(driver.PpsPin, PinMode.Input);
        gpio.OpenPin(driver.ButtonPin, PinMode.InputPullUp);
        int rising = 0, presses = 0, releases = 0;
        gpio.RegisterCallbackForPinValueChangedEvent(driver.PpsPin, PinEventTypes.Rising, (_, _) => rising++);
        gpio.RegisterCallbackForPinValueChangedEvent(driver.ButtonPin, PinEventTypes.Falling, (_, _) => presses++);
        gpio.RegisterCallbackForPinValueChangedEvent(driver.ButtonPin, PinEventTypes.Rising, (_, _) => releases++);

        // campus-loop presses the button at 30 s; 5 Hz gives 5 epochs per PPS pulse.
        await SimRun.RunAsync(new SimulationOptions { Scenario = "campus-loop", DurationSeconds = 40, RateHz = 5, Gpio = driver });

        Assert.Equal(40, rising);
        Assert.Equal(40, driver.PpsPulses);
        Assert.Equal(1, presses);
        Assert.Equal(1, releases);
        Assert.Equal(PinValue.High, gpio.Read(driver.ButtonPin));
    }

    [Fact]
    public async Task Gpio_button_can_be_pressed_from_a_test_and_awaited()
    {
        var driver = new VirtualGpioDriver(pinCount: 8, ppsPin: 2, buttonPin: 3);
        using var gpio = new GpioController(driver);
        gpio.OpenPin(3, PinMode.InputPullUp);
        gpio.OpenPin(5, PinMode.Output);
        gpio.Write(5, PinValue.High);
        Assert.Equal(PinValue.High, gpio.Read(5));
        Assert.Equal(PinValue.High, gpio.Read(3));

        Task<WaitForEventResult> wait = Task.Run(() => gpio.WaitForEvent(3, PinEventTypes.Falling, TimeSpan.FromSeconds(10)));
        while (!wait.IsCompleted)
        {
            driver.PressButton(); // the waiter may register after the first press: press until it sees one
            driver.ReleaseButton();
            await Task.WhenAny(wait, Task.Delay(20));
        }

        WaitForEventResult result = await wait;
        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Falling, result.EventTypes);

        WaitForEventResult none = gpio.WaitForEvent(3, PinEventTypes.Falling, TimeSpan.FromMilliseconds(50));
        Assert.True(none.TimedOut);
        Assert.Throws<ArgumentOutOfRangeException>(() => driver.SetInput(9, PinValue.High));
    }
}
