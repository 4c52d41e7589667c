// A first board project: a GNSS module on the UART, an LED that blinks the fix state, a button that
// prints the position. `--simulate` runs it without a board (simulated receiver + virtual GPIO chip).
using System.CommandLine;
using System.Device.Gpio;
using System.Device.I2c;
using EdgeSdk.Devices;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;
using StudentGnssLed;

var port = new Option<string>("--port")
{
    Description = "The GNSS module's serial port (Raspberry Pi UART: /dev/serial0; modules start at 9600 baud)",
    DefaultValueFactory = _ => "serial:/dev/serial0?baud=9600",
};
var ledPin = new Option<int>("--led") { Description = "GPIO number (BCM) of the LED", DefaultValueFactory = _ => 27 };
var buttonPin = new Option<int>("--button") { Description = "GPIO number (BCM) of the button to ground", DefaultValueFactory = _ => 17 };
var display = new Option<int?>("--display") { Description = "I2C bus of an SSD1306 OLED at 0x3C (Raspberry Pi: 1); without it, no display" };
var simulate = new Option<bool>("--simulate") { Description = "No board: a simulated receiver (campus-loop) on a pseudo-terminal and a virtual GPIO chip" };
var root = new RootCommand("Blinks an LED with the GNSS fix state: 1 blink no fix, 2 blinks 2D, 3 blinks 3D.") { port, ledPin, buttonPin, display, simulate };
root.SetAction(async (parseResult, cancellationToken) =>
{
    try
    {
        return parseResult.GetValue(simulate)
            ? await RunSimulatedAsync(parseResult.GetValue(ledPin), cancellationToken)
            : await RunOnBoardAsync(parseResult.GetValue(port)!, parseResult.GetValue(ledPin), parseResult.GetValue(buttonPin), parseResult.GetValue(display), cancellationToken);
    }
    catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"StudentGnssLed: {ex.Message}");
        return 2;
    }
});
return await root.Parse(args).InvokeAsync();

static async Task<int> RunOnBoardAsync(string source, int led, int button, int? displayBus, CancellationToken cancellationToken)
{
    if (!Directory.Exists("/dev") || Directory.GetFiles("/dev", "gpiochip*").Length == 0)
    {
        throw new IOException("no GPIO chip (/dev/gpiochip*): run this on a Raspberry Pi, or add --simulate to try it without a board");
    }

    using var gpio = new GpioController();
    await using GnssReceiver receiver = GnssReceiver.Open(source);
    receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"gnss: {e.Text}");
    using OledStatusDisplay? oled = displayBus is int bus ? new OledStatusDisplay(new I2cConnectionSettings(bus, OledStatusDisplay.DefaultI2cAddress)) : null;
    await new GnssLedApp(gpio, led, button, Console.Out, display: oled).RunAsync(receiver, cancellationToken);
    return 0;
}

static async Task<int> RunSimulatedAsync(int led, CancellationToken cancellationToken)
{
    var driver = new VirtualGpioDriver(); // the simulator presses its button (GPIO17) 30 s into the drive
    using var pty = PseudoTerminal.Open();
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    Task<SimulationSummary> simulation = GnssSimulator.RunAsync(
        new SimulationOptions { Scenario = "campus-loop", Realtime = true, Gpio = driver }, pty.Stream, stop.Token);
    _ = simulation.ContinueWith(_ => stop.Cancel(), TaskScheduler.Default); // the drive is over: stop

    using var gpio = new GpioController(driver);
    await using GnssReceiver receiver = GnssReceiver.Open($"serial:{pty.DevicePath}?baud=115200");
    var panel = new VirtualSsd1306(); // a virtual OLED on I2C bus 1 at 0x3C; its picture is saved at the end
    using var oled = new OledStatusDisplay(() => panel, "virtual SSD1306 on I2C bus 1 at 0x3C");
    var app = new GnssLedApp(gpio, led, driver.ButtonPin, Console.Out, display: oled);
    app.Led.CycleStarted += mode => Console.WriteLine($"led: {(FixLed.BlinksFor(mode) == 0 ? "dark" : string.Concat(Enumerable.Repeat("* ", FixLed.BlinksFor(mode))))}");
    Console.WriteLine($"simulated receiver on {pty.DevicePath}, virtual LED on GPIO{led}; Ctrl+C to stop");
    await app.RunAsync(receiver, stop.Token);
    await stop.CancelAsync();
    await simulation.ContinueWith(_ => { }, TaskScheduler.Default); // cancelled or finished: either is the end
    string png = Path.GetFullPath("oled-status.png");
    await File.WriteAllBytesAsync(png, panel.ToPng(scale: 4), CancellationToken.None);
    Console.WriteLine($"display: the virtual OLED's last picture is in {png}");
    return 0;
}
