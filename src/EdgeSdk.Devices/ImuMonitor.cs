using System.Device.I2c;
using System.Numerics;
using Iot.Device.Imu;

namespace EdgeSdk.Devices;

/// <summary>
/// Reads an MPU6050 over I2C through the Iot.Device.Imu binding and feeds a <see cref="DrivingEventDetector"/>.
/// The sensor is mounted level with X forward, Y left, Z up. An absent sensor, or one that answers as
/// something else (WHO_AM_I not 0x68, all-ones reads), never stops the program: <see cref="TryRead"/>
/// returns false with <see cref="State"/> and <see cref="StatusMessage"/> saying why, and the next read
/// tries again.
/// </summary>
/// <example><code>
/// using var imu = new ImuMonitor(new I2cConnectionSettings(1, ImuMonitor.DefaultI2cAddress));
/// if (imu.TryRead(DateTime.UtcNow, out DrivingEvent? e) &amp;&amp; e is not null) Console.WriteLine(e);
/// </code></example>
public sealed class ImuMonitor : IDisposable
{
    /// <summary>The MPU6050's address with AD0 low (0x69 with AD0 high).</summary>
    public const int DefaultI2cAddress = 0x68;

    private const byte WhoAmIRegister = 0x75;
    private const byte Mpu6050Identity = 0x68;

    private readonly Func<I2cDevice> _open;
    private readonly object _gate = new();
    private I2cDevice? _device;
    private Mpu6050? _sensor;
    private Vector3 _lastRaw = new(float.NaN);
    private int _repeats;

    /// <summary>A sensor on <paramref name="settings"/>' bus and address.</summary>
    public ImuMonitor(I2cConnectionSettings settings, DrivingEventThresholds? thresholds = null)
        : this(() => I2cDevice.Create(settings), $"MPU6050 on I2C bus {settings.BusId} at 0x{settings.DeviceAddress:X2}", thresholds)
    {
    }

    /// <summary>A sensor on the device <paramref name="open"/> returns (called again after a failure), named <paramref name="deviceName"/> in messages.</summary>
    /// <exception cref="ArgumentException">A threshold makes no sense; the message names it.</exception>
    public ImuMonitor(Func<I2cDevice> open, string deviceName, DrivingEventThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        _open = open;
        DeviceName = deviceName;
        Detector = new DrivingEventDetector(thresholds);
        StatusMessage = $"{deviceName}: not read yet";
    }

    /// <summary>The sensor's name in messages.</summary>
    public string DeviceName { get; }

    /// <summary>The detector the samples go to (its counters say how many were accepted and rejected).</summary>
    public DrivingEventDetector Detector { get; }

    /// <summary>State after the last read.</summary>
    public SensorState State { get; private set; } = SensorState.NotStarted;

    /// <summary>One line for the user: what the sensor is doing, or why not and how to fix it.</summary>
    public string StatusMessage { get; private set; }

    /// <summary>Reads that failed (no answer or wrong answers).</summary>
    public long FailedReads { get; private set; }

    /// <summary>
    /// Identical readings in a row after which the sensor counts as stuck (default 50, 5 s at 10 Hz; 0 turns the check
    /// off): a working MPU6050's noise (a few mg) changes the last bits of every sample, a hung one repeats its
    /// output registers. While stuck, samples are ignored (<see cref="SensorState.WrongAnswers"/>) until they change.
    /// </summary>
    public int StuckSampleLimit { get; init; } = 50;

    /// <summary>Samples ignored because the sensor was stuck.</summary>
    public long StuckSamples { get; private set; }

    /// <summary>The last plausible acceleration, m/s², in the vehicle frame.</summary>
    public Vector3 LastAccelerationMetersPerSecondSquared { get; private set; }

    /// <summary>
    /// Reads one sample stamped <paramref name="timeUtc"/> and returns true when it was plausible;
    /// <paramref name="drivingEvent"/> is the event it completed, if any. Never throws for a missing or
    /// failing sensor.
    /// </summary>
    public bool TryRead(DateTime timeUtc, out DrivingEvent? drivingEvent)
    {
        drivingEvent = null;
        lock (_gate)
        {
            Vector3 acceleration;
            try
            {
                _sensor ??= Start();
                if (_sensor is null)
                {
                    return false;
                }

                acceleration = _sensor.GetAccelerometer();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
            {
                Stop();
                Fail(SensorState.NotConnected, $"{DeviceName}: not answering ({ex.Message.TrimEnd('.')}); check VCC/GND/SDA/SCL wiring, that I2C is enabled and the address (i2cdetect -y <bus>: 68, or 69 with AD0 high); the tracker keeps running without it");
                return false;
            }

            _repeats = acceleration == _lastRaw ? _repeats + 1 : 1;
            _lastRaw = acceleration;
            if (StuckSampleLimit > 0 && _repeats >= StuckSampleLimit)
            {
                StuckSamples++;
                Fail(SensorState.WrongAnswers, FormattableString.Invariant(
                    $"{DeviceName}: the same reading ({acceleration.X:F3}, {acceleration.Y:F3}, {acceleration.Z:F3}) m/s² {_repeats} times in a row: its outputs are stuck (a working sensor's noise changes them every sample); samples are ignored until they change (power-cycle it, check the wiring)"));
                return false;
            }

            long rejectedBefore = Detector.ImplausibleSamples;
            drivingEvent = Detector.Add(timeUtc, acceleration.X, acceleration.Y, acceleration.Z);
            if (Detector.ImplausibleSamples != rejectedBefore)
            {
                Fail(SensorState.WrongAnswers, FormattableString.Invariant(
                    $"{DeviceName}: implausible reading ({acceleration.X:F2}, {acceleration.Y:F2}, {acceleration.Z:F2}) m/s², less than 0.3 g in total; the sample is ignored (check the wiring; a sensor at rest reads about 9.8 on Z)"));
                return false;
            }

            LastAccelerationMetersPerSecondSquared = acceleration;
            State = SensorState.Working;
            StatusMessage = $"{DeviceName}: working";
            return true;
        }
    }

    /// <summary>Releases the I2C device.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            Stop();
        }
    }

    // Checks the identity first (cheap, and the binding's own check comes only after a 200 ms reset),
    // then lets the binding reset and wake the sensor, and sets the ±16 g range: at the binding's default
    // ±2 g a crash would saturate at 2 g and never be seen (16 g still resolves 0.005 m/s²).
    private Mpu6050? Start()
    {
        I2cDevice device = _open();
        try
        {
            device.WriteByte(WhoAmIRegister);
            byte identity = device.ReadByte();
            if (identity != Mpu6050Identity)
            {
                device.Dispose();
                Fail(SensorState.WrongAnswers, $"{DeviceName}: answers 0x{identity:X2} to WHO_AM_I, an MPU6050 answers 0x68: another chip at this address, or a bad connection");
                return null;
            }

            _device = device;
            return new Mpu6050(device) { AccelerometerRange = AccelerometerRange.Range16G };
        }
        catch
        {
            device.Dispose();
            _device = null;
            throw;
        }
    }

    private void Fail(SensorState state, string message)
    {
        FailedReads++;
        State = state;
        StatusMessage = message;
    }

    private void Stop()
    {
        _sensor?.Dispose();
        _sensor = null;
        _device?.Dispose();
        _device = null;
    }
}
