using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EdgeSdk.Devices;
using EdgeSdk.Devices.Tests;
using EdgeSdk.Positioning;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Samples.Tests;

/// <summary>The BikeComputer sample run as a student runs it: <c>--simulate</c>, its summary, its OLED's PNG, and unplugged devices.</summary>
public sealed partial class BikeComputerTests : IDisposable
{
    private readonly string _directory = Await.TempDirectory();

    [Fact]
    public async Task A_simulated_ride_reports_the_scenarios_distance_and_hard_brakes_and_the_oled_shows_them()
    {
        string png = Path.Combine(_directory, "bike.png");
        (int exit, List<string> output, string errors) = await RunAsync("--simulate", "--speedup", "40", "--png", png);

        Assert.True(exit == 0, $"exit {exit}: {errors}");
        Scenario ride = Scenario.Load("bike-ride");
        Summary summary = Summary.Parse(output);
        double route = RouteMeters(ride);
        Assert.InRange(summary.DistanceMeters, route * 0.97, route * 1.03); // 1 Hz fixes with the simulator's 2 m noise
        int stops = ride.Waypoints.Count(w => w.StopSeconds > 0) + 1; // two stops and the finish, each a 4 m/s² brake
        Assert.Equal(stops, summary.HardBrakes);
        Assert.InRange(summary.MaxSpeedKmh, 17.0, 19.5); // an 18 km/h limit, speed as the receiver reports it
        Assert.Equal(OfflineMaxLeanDegrees(ride).ToString("F1", CultureInfo.InvariantCulture), summary.MaxLeanDegrees.ToString("F1", CultureInfo.InvariantCulture));
        Assert.True(summary.Fixes >= 400, $"{summary.Fixes} fixes"); // 420 s of 1 Hz epochs
        Assert.Equal("imu: MPU6050 on I2C bus 1 at 0x68: working", Assert.Single(output, l => l.StartsWith("imu:")));

        // The screen as printed, and the PNG is exactly those lines as the display's own renderer draws them.
        string[] screen = output.Where(l => l.StartsWith("screen: ")).Select(l => l["screen: ".Length..]).ToArray();
        Assert.Equal(8, screen.Length);
        Assert.Equal("BIKE COMPUTER", screen[0]);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"TRIP  {summary.DistanceMeters / 1000,6:F2} KM"), screen[2]);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"MAX LEAN {summary.MaxLeanDegrees,4:F1} DEG"), screen[5]);
        Assert.Equal($"HARD BRAKES {stops}", screen[6]);
        Assert.Equal("FIX 3D IMU OK", screen[7]);
        var expected = new VirtualSsd1306();
        using var display = new OledStatusDisplay(() => expected, "reference SSD1306");
        Assert.True(display.ShowLines(screen));
        Assert.Equal(expected.ToPng(scale: 4), await File.ReadAllBytesAsync(png));
        for (int row = 0; row < screen.Length; row++)
        {
            Assert.Equal(screen[row], PanelReader.ReadRow(expected, row, inverted: row == 0)); // pixels read back as the text
        }
    }

    [Fact]
    public async Task Without_a_display_and_with_an_imu_answering_garbage_it_runs_headless_and_still_measures_the_ride()
    {
        string png = Path.Combine(_directory, "never.png");
        (int exit, List<string> output, string errors) = await RunAsync("--simulate", "--speedup", "40", "--png", png, "--unplug", "display", "imu-garbage");

        Assert.True(exit == 0, $"exit {exit}: {errors}");
        Assert.Equal("display: SSD1306 on I2C bus 1 at 0x3C: not answering (Error 121 performing I2C data transfer); check VCC/GND/SDA/SCL wiring, " +
            "that I2C is enabled (raspi-config) and the address (i2cdetect -y <bus>); the tracker keeps running without it; running headless, the summary is printed at the end",
            Assert.Single(output, l => l.StartsWith("display:")));
        Assert.Equal("imu: MPU6050 on I2C bus 1 at 0x68: answers 0xFF to WHO_AM_I, an MPU6050 answers 0x68: another chip at this address, or a bad connection",
            Assert.Single(output, l => l.StartsWith("imu:")));
        Summary summary = Summary.Parse(output);
        double route = RouteMeters(Scenario.Load("bike-ride"));
        Assert.InRange(summary.DistanceMeters, route * 0.97, route * 1.03);
        Assert.Equal(0, summary.HardBrakes);
        Assert.Equal(0, summary.MaxLeanDegrees);
        Assert.Contains("FIX 3D IMU BAD", output.Select(l => l.Replace("screen: ", string.Empty, StringComparison.Ordinal)));
        Assert.False(File.Exists(png));
    }

    [Fact]
    public async Task A_hard_brake_threshold_above_the_rides_4_m_s2_brakes_counts_none_and_a_negative_one_is_refused()
    {
        (int exit, List<string> output, string errors) = await RunAsync("--simulate", "--speedup", "40", "--png", Path.Combine(_directory, "b.png"), "--hard-brake", "4.5");
        Assert.True(exit == 0, $"exit {exit}: {errors}");
        Assert.Equal(0, Summary.Parse(output).HardBrakes);

        (exit, _, errors) = await RunAsync("--simulate", "--hard-brake", "-1");
        Assert.Equal(2, exit);
        Assert.Equal("BikeComputer: harsh braking and acceleration thresholds must be positive m/s² (e.g. 3.4 and 2.9)", errors.Trim());
    }

    [Fact]
    public async Task A_missing_serial_port_is_one_line_naming_it()
    {
        (int exit, _, string errors) = await RunAsync("--port", "serial:/dev/ttyEdgeSdkMissing0", "--i2c-bus", "97");

        Assert.Equal(2, exit);
        Assert.Equal(["BikeComputer: serial port /dev/ttyEdgeSdkMissing0 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)"],
            errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static double RouteMeters(Scenario ride)
    {
        double meters = 0;
        for (int i = 1; i < ride.Waypoints.Count; i++)
        {
            meters += GreatCircle.DistanceMeters(ride.Waypoints[i - 1].LatitudeDegrees, ride.Waypoints[i - 1].LongitudeDegrees,
                ride.Waypoints[i].LatitudeDegrees, ride.Waypoints[i].LongitudeDegrees);
        }

        return meters;
    }

    // The same ride through the same sensor model, without the sample: the lean it must report.
    private static double OfflineMaxLeanDegrees(Scenario ride)
    {
        var sensor = new VirtualMpu6050();
        var feed = new VehicleImuFeed(ride, sensor);
        using var imu = new ImuMonitor(() => sensor, "virtual MPU6050");
        var computer = new RideComputer();
        while (!feed.Finished)
        {
            feed.Step(0.1);
            computer.AddImuSample(imu, ride.StartTimeUtc.AddSeconds(feed.ElapsedSeconds));
        }

        return computer.MaxLeanDegrees;
    }

    private static async Task<(int Exit, List<string> Output, string Errors)> RunAsync(params string[] args)
    {
        string dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BikeComputer.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(240));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, [.. (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)], await errors);
    }

    private sealed partial record Summary(double DistanceMeters, double MaxSpeedKmh, double MaxLeanDegrees, int HardBrakes, int Fixes)
    {
        public static Summary Parse(List<string> output)
        {
            string line = Assert.Single(output, l => l.StartsWith("summary:"));
            Match m = Pattern().Match(line);
            Assert.True(m.Success, line);
            double D(int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
            return new Summary(D(1), D(2), D(3), (int)D(4), (int)D(5));
        }

        [GeneratedRegex(@"^summary: distance ([0-9.]+) m, max speed ([0-9.]+) km/h, max lean ([0-9.]+) deg, hard brakes (\d+), fixes (\d+)$")]
        private static partial Regex Pattern();
    }
}
