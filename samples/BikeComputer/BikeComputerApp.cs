using System.Globalization;
using EdgeSdk.Devices;
using EdgeSdk.Gnss;

namespace BikeComputer;

/// <summary>
/// The bike computer: fixes from the receiver and samples from the IMU go into a <see cref="RideComputer"/>; the
/// OLED shows <see cref="BikeScreen"/> at most once a second. A display that does not answer gives one line and the
/// ride goes on headless (retried at every update); an IMU that is absent or answers garbage gives one line per
/// change of state and the GNSS numbers go on.
/// </summary>
public sealed class BikeComputerApp(ImuMonitor imu, OledStatusDisplay? display, TextWriter output)
{
    private readonly object _gate = new();
    private SensorState _imuReported = SensorState.NotStarted;
    private bool _headlessReported;

    /// <summary>The ride's numbers (read under no lock: for the summary after the run).</summary>
    public RideComputer Ride { get; } = new();

    /// <summary>The lines the screen shows now.</summary>
    public string[] ScreenLines()
    {
        lock (_gate)
        {
            return BikeScreen.FormatLines(Ride, imu.State, "BIKE COMPUTER");
        }
    }

    /// <summary>Reads fixes until the receiver ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="IOException">The serial port cannot be opened; the message names it.</exception>
    public async Task ReadFixesAsync(GnssReceiver receiver, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken))
            {
                lock (_gate)
                {
                    Ride.AddFix(fix);
                }

                if (display is { IsUpdateDue: true })
                {
                    Show();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C
        }
    }

    /// <summary>Reads one IMU sample stamped <paramref name="timeUtc"/>; prints a line when the sensor's state changes.</summary>
    public void ReadImu(DateTime timeUtc)
    {
        SensorState state;
        lock (_gate)
        {
            Ride.AddImuSample(imu, timeUtc);
            state = imu.State;
        }

        if (state != _imuReported)
        {
            _imuReported = state;
            output.WriteLine($"imu: {imu.StatusMessage}");
        }
    }

    /// <summary>Draws the screen now; the first failure prints one line (the ride goes on headless).</summary>
    public void Show()
    {
        if (display is null)
        {
            return;
        }

        if (!display.ShowLines(ScreenLines()) && !_headlessReported)
        {
            _headlessReported = true;
            output.WriteLine($"display: {display.StatusMessage}; running headless, the summary is printed at the end");
        }
    }

    /// <summary>The one-line summary printed at the end.</summary>
    public string Summary()
    {
        lock (_gate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"summary: distance {Ride.TripDistanceMeters:F1} m, max speed {Ride.MaxSpeedMetersPerSecond * 3.6:F1} km/h, max lean {Ride.MaxLeanDegrees:F1} deg, hard brakes {Ride.HardBrakings}, fixes {Ride.Fixes}");
        }
    }
}
