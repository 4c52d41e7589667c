using System.Buffers.Binary;
using System.Device.I2c;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A virtual MPU6050 accelerometer/gyroscope on I2C: a register model (WHO_AM_I, PWR_MGMT_1/2,
/// SMPLRT_DIV, CONFIG, GYRO_CONFIG, ACCEL_CONFIG with its full-scale range, the big-endian
/// ACCEL/TEMP/GYRO output registers, auto-incrementing reads) whose outputs come from
/// <see cref="SetMotion"/>: the simulator's vehicle model (see <see cref="VehicleImuFeed"/>) or a test.
/// Axes as mounted in the vehicle: X forward, Y left, Z up; a level, resting sensor reads +1 g on Z.
/// </summary>
/// <remarks>
/// Faults: <see cref="Connected"/> = false makes every transfer fail as a NACK does on Linux;
/// <see cref="Garbage"/> makes every read return 0xFF (a floating bus or a different chip), so
/// WHO_AM_I is wrong and samples are nonsense; <see cref="Stuck"/> freezes the outputs at their last sample.
/// </remarks>
public sealed class VirtualMpu6050 : I2cDevice
{
    /// <summary>Standard gravity used by the model, m/s² (the same value as the Iot.Device.Imu binding).</summary>
    public const double GravityMetersPerSecondSquared = 9.807;

    private const byte GyroConfig = 0x1B, AccelConfig = 0x1C, AccelXoutH = 0x3B,
        GyroXoutH = 0x43, PwrMgmt1 = 0x6B, WhoAmIRegister = 0x75;

    private readonly object _gate = new();
    private readonly byte[] _registers = new byte[128];
    private byte _pointer;
    private double _forward, _left, _up = GravityMetersPerSecondSquared, _yawRateDegreesPerSecond;

    /// <summary>A sensor at <paramref name="address"/> (0x68, or 0x69 with AD0 high) on <paramref name="busId"/>.</summary>
    public VirtualMpu6050(int busId = 1, int address = 0x68)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        _registers[WhoAmIRegister] = 0x68;
        _registers[PwrMgmt1] = 0x40; // reset state: asleep
    }

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Whether the sensor answers; false makes every transfer throw <see cref="IOException"/>.</summary>
    public bool Connected { get; set; } = true;

    /// <summary>Whether every read returns 0xFF (wrong chip, floating bus).</summary>
    public bool Garbage { get; set; }

    /// <summary>Whether the output registers have stopped updating (a hung sensor): reads repeat the last sample.</summary>
    public bool Stuck { get; set; }

    /// <summary>Register reads served (each byte counts once).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether the sensor has been woken (PWR_MGMT_1 sleep bit clear); asleep, its outputs stay 0.</summary>
    public bool Awake
    {
        get
        {
            lock (_gate)
            {
                return (_registers[PwrMgmt1] & 0x40) == 0;
            }
        }
    }

    /// <summary>
    /// Sets what the sensor feels, in m/s² along its axes (gravity included: +9.807 on Z at rest, level)
    /// and the yaw rate in degrees per second (counter-clockwise seen from above positive).
    /// </summary>
    public void SetMotion(double forwardMetersPerSecondSquared, double leftMetersPerSecondSquared, double upMetersPerSecondSquared, double yawRateDegreesPerSecond = 0)
    {
        lock (_gate)
        {
            _forward = forwardMetersPerSecondSquared;
            _left = leftMetersPerSecondSquared;
            _up = upMetersPerSecondSquared;
            _yawRateDegreesPerSecond = yawRateDegreesPerSecond;
        }
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            Answer();
            if (buffer.IsEmpty)
            {
                return;
            }

            _pointer = (byte)(buffer[0] & 0x7F);
            foreach (byte value in buffer[1..])
            {
                WriteRegister(_pointer, value);
                _pointer = (byte)((_pointer + 1) & 0x7F);
            }
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            Answer();
            Latch();
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = Garbage ? (byte)0xFF : _registers[_pointer];
                _pointer = (byte)((_pointer + 1) & 0x7F);
            }

            BytesRead += buffer.Length;
        }
    }

    /// <inheritdoc/>
    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <inheritdoc/>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Answer()
    {
        if (!Connected)
        {
            throw new IOException("Error 121 performing I2C data transfer.");
        }
    }

    private void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case PwrMgmt1 when (value & 0x80) != 0: // device reset: registers to defaults, asleep
                Array.Clear(_registers);
                _registers[WhoAmIRegister] = 0x68;
                _registers[PwrMgmt1] = 0x40;
                break;
            case WhoAmIRegister:
                break; // read-only
            case >= AccelXoutH and < GyroXoutH + 6:
                break; // outputs are read-only
            default:
                _registers[register] = value;
                break;
        }
    }

    // Fills the output registers from the motion, in the configured full-scale ranges, as the chip
    // does at each sample.
    private void Latch()
    {
        if ((_registers[PwrMgmt1] & 0x40) != 0 || Stuck)
        {
            return; // asleep or hung: outputs hold
        }

        double accelFullScaleG = 2 << ((_registers[AccelConfig] >> 3) & 0x03);
        double gyroFullScaleDps = 250 << ((_registers[GyroConfig] >> 3) & 0x03);
        Span<byte> output = _registers.AsSpan(AccelXoutH, 14);
        WriteScaled(output, _forward / GravityMetersPerSecondSquared, accelFullScaleG);
        WriteScaled(output[2..], _left / GravityMetersPerSecondSquared, accelFullScaleG);
        WriteScaled(output[4..], _up / GravityMetersPerSecondSquared, accelFullScaleG);
        BinaryPrimitives.WriteInt16BigEndian(output[6..], (short)Math.Round((25.0 - 21.0) * 333.87)); // 25 °C
        WriteScaled(output[8..], 0, gyroFullScaleDps);
        WriteScaled(output[10..], 0, gyroFullScaleDps);
        WriteScaled(output[12..], _yawRateDegreesPerSecond, gyroFullScaleDps);
    }

    // Saturates at the range's ends, as the ADC does: a crash beyond ±16 g reads as 16 g.
    private static void WriteScaled(Span<byte> target, double value, double fullScale) =>
        BinaryPrimitives.WriteInt16BigEndian(target, (short)Math.Clamp(Math.Round(value / fullScale * 32768), short.MinValue, short.MaxValue));
}
