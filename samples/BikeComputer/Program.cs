// A student bike computer: a GNSS module on the UART, an MPU6050 and an SSD1306 OLED on I2C. It shows speed,
// trip distance, maximum speed, maximum lean and the hard-braking count. `--simulate` runs it without hardware
// (the simulator's receiver on a pseudo-terminal, a virtual MPU6050 driven by the simulated bike, a virtual OLED
// whose last picture is saved as a PNG).
using System.CommandLine;
using System.Device.I2c;
using BikeComputer;
using EdgeSdk.Devices;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;

var port = new Option<string>("--port")
{
    Description = "The GNSS module's serial port (Raspberry Pi UART on pins 8/10: /dev/serial0; modules start at 9600 baud)",
    DefaultValueFactory = _ => "serial:/dev/serial0?baud=9600",
};
var bus = new Option<int>("--i2c-bus") { Description = "I2C bus of the OLED and the IMU (Raspberry Pi pins 3/5: bus 1)", DefaultValueFactory = _ => 1 };
var displayAddress = new Option<int>("--display-address") { Description = "I2C address of the SSD1306, decimal (60 = 0x3C, 61 = 0x3D)", DefaultValueFactory = _ => OledStatusDisplay.DefaultI2cAddress };
var imuAddress = new Option<int>("--imu-address") { Description = "I2C address of the MPU6050, decimal (104 = 0x68, 105 = 0x69 with AD0 high)", DefaultValueFactory = _ => ImuMonitor.DefaultI2cAddress };
var imuHz = new Option<int>("--imu-hz") { Description = "IMU samples per second", DefaultValueFactory = _ => 10 };
var hardBrake = new Option<double>("--hard-brake") { Description = "Deceleration that counts as a hard brake, m/s² (held 300 ms or more)", DefaultValueFactory = _ => 3.4 };
var simulate = new Option<bool>("--simulate") { Description = "No hardware: simulated receiver, virtual MPU6050 and virtual OLED riding a scenario" };
var scenario = new Option<string>("--scenario") { Description = "With --simulate: the ride (a built-in name or a scenario JSON file)", DefaultValueFactory = _ => "bike-ride" };
var speedup = new Option<double>("--speedup") { Description = "With --simulate: how much faster than real time", DefaultValueFactory = _ => 1 };
var png = new Option<string>("--png") { Description = "With --simulate: where to save the virtual OLED's last picture", DefaultValueFactory = _ => "bike-computer.png" };
var unplug = new Option<string[]>("--unplug") { Description = "With --simulate: devices to leave unplugged or broken: display, imu, imu-garbage", AllowMultipleArgumentsPerToken = true };
var root = new RootCommand("A bike computer: speed, trip, max speed, max lean and hard brakes on an OLED.")
{
    port, bus, displayAddress, imuAddress, imuHz, hardBrake, simulate, scenario, speedup, png, unplug,
};
root.SetAction(async (parseResult, cancellationToken) =>
{
    try
    {
        int hz = parseResult.GetValue(imuHz);
        if (hz is < 1 or > 1000)
        {
            throw new ArgumentException($"--imu-hz {hz}: use 1 to 1000 samples per second (10 resolves a 300 ms braking)");
        }

        var thresholds = new DrivingEventThresholds { HarshBrakingMetersPerSecondSquared = parseResult.GetValue(hardBrake) };
        thresholds.Validate(); // a nonsense threshold is one line naming it
        return parseResult.GetValue(simulate)
            ? await RunSimulatedAsync(parseResult.GetValue(scenario)!, parseResult.GetValue(speedup), parseResult.GetValue(png)!,
                parseResult.GetValue(unplug) ?? [], thresholds, cancellationToken)
            : await RunOnHardwareAsync(parseResult.GetValue(port)!, parseResult.GetValue(bus), parseResult.GetValue(displayAddress),
                parseResult.GetValue(imuAddress), hz, thresholds, cancellationToken);
    }
    catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or InvalidDataException)
    {
        Console.Error.WriteLine($"BikeComputer: {ex.Message}");
        return 2;
    }
});
return await root.Parse(args).InvokeAsync();

static async Task<int> RunOnHardwareAsync(string source, int bus, int displayAddress, int imuAddress, int hz, DrivingEventThresholds thresholds, CancellationToken cancellationToken)
{
    await using GnssReceiver receiver = GnssReceiver.Open(source);
    receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"gnss: {e.Text}");
    using var oled = new OledStatusDisplay(new I2cConnectionSettings(bus, displayAddress));
    using var imu = new ImuMonitor(new I2cConnectionSettings(bus, imuAddress), thresholds);
    var app = new BikeComputerApp(imu, oled, Console.Out);
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    Task sampling = SampleAsync(app, TimeSpan.FromSeconds(1.0 / hz), () => DateTime.UtcNow, stop.Token);
    try
    {
        await app.ReadFixesAsync(receiver, cancellationToken);
    }
    finally
    {
        await stop.CancelAsync();
        await sampling;
    }

    app.Show();
    Console.WriteLine(app.Summary());
    return 0;
}

static async Task<int> RunSimulatedAsync(string scenarioName, double speedup, string pngPath, string[] unplugged, DrivingEventThresholds thresholds, CancellationToken cancellationToken)
{
    if (!(speedup > 0))
    {
        throw new ArgumentException($"--speedup {speedup}: use a positive factor, e.g. 1 (real time) or 20");
    }

    string[] known = ["display", "imu", "imu-garbage"];
    if (unplugged.FirstOrDefault(u => !known.Contains(u)) is string unknown)
    {
        throw new ArgumentException($"--unplug {unknown}: use display, imu or imu-garbage");
    }

    Scenario ride = Scenario.Load(scenarioName);
    using var pty = PseudoTerminal.Open();
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    Task<SimulationSummary> simulation = GnssSimulator.RunAsync(
        new SimulationOptions { ScenarioDefinition = ride, Scenario = ride.Name, Realtime = true, Speedup = speedup }, pty.Stream, stop.Token);
    _ = simulation.ContinueWith(_ => stop.Cancel(), TaskScheduler.Default); // the ride is over: stop

    // The virtual IMU rides the same scenario: each sample advances the bike 1/10 s of simulated time.
    var sensor = new VirtualMpu6050 { Connected = !unplugged.Contains("imu"), Garbage = unplugged.Contains("imu-garbage") };
    var feed = new VehicleImuFeed(ride, sensor);
    var panel = new VirtualSsd1306 { Connected = !unplugged.Contains("display") };
    using var oled = new OledStatusDisplay(() => panel, "SSD1306 on I2C bus 1 at 0x3C");
    using var imu = new ImuMonitor(() => sensor, "MPU6050 on I2C bus 1 at 0x68", thresholds);
    var app = new BikeComputerApp(imu, oled, Console.Out);
    DateTime Step()
    {
        feed.Step(0.1);
        return ride.StartTimeUtc.AddSeconds(feed.ElapsedSeconds);
    }

    Console.WriteLine($"simulated ride '{ride.Name}' on {pty.DevicePath} at {speedup}x; virtual MPU6050 and SSD1306 on I2C bus 1; Ctrl+C to stop");
    await using GnssReceiver receiver = GnssReceiver.Open($"serial:{pty.DevicePath}?baud=115200");
    using var stopSampling = new CancellationTokenSource();
    Task sampling = SampleAsync(app, TimeSpan.FromSeconds(0.1 / speedup), Step, stopSampling.Token, until: () => feed.Finished);
    await app.ReadFixesAsync(receiver, stop.Token);
    await stop.CancelAsync();
    await simulation.ContinueWith(_ => { }, TaskScheduler.Default); // cancelled or finished: either is the end
    await stopSampling.CancelAsync();
    await sampling;
    if (!cancellationToken.IsCancellationRequested)
    {
        // The GNSS side is paced by the simulator's clock, the IMU by timers: finish the ride's samples so the
        // numbers do not depend on how busy the machine was.
        while (!feed.Finished)
        {
            app.ReadImu(Step());
        }
    }

    app.Show();
    foreach (string line in app.ScreenLines())
    {
        Console.WriteLine($"screen: {line}");
    }

    Console.WriteLine(app.Summary());
    if (panel.Connected)
    {
        string path = Path.GetFullPath(pngPath);
        await File.WriteAllBytesAsync(path, panel.ToPng(scale: 4), CancellationToken.None);
        Console.WriteLine($"display: the virtual OLED's last picture is in {path}");
    }

    return 0;
}

// Reads the IMU every period until cancelled (or until `until` says the source is done).
static async Task SampleAsync(BikeComputerApp app, TimeSpan period, Func<DateTime> clock, CancellationToken cancellationToken, Func<bool>? until = null)
{
    using var timer = new PeriodicTimer(period < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : period);
    try
    {
        while (until?.Invoke() != true && await timer.WaitForNextTickAsync(cancellationToken))
        {
            app.ReadImu(clock());
        }
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
        // Stopping.
    }
}
