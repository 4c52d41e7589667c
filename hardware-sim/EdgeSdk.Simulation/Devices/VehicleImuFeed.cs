using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// Drives a <see cref="VirtualMpu6050"/> from the simulator's vehicle model: each <see cref="Step"/>
/// advances a scenario's trajectory and sets the sensor to the vehicle's longitudinal acceleration
/// (change of speed), lateral acceleration (speed × yaw rate) and gravity, as a sensor mounted level,
/// X forward, would feel them.
/// </summary>
/// <remarks>
/// The trajectory turns at its waypoints in one step (a polyline corner), which would be an unbounded
/// yaw rate; the body's heading here follows the path's with a first-order lag of
/// <see cref="TurnTimeConstantSeconds"/>, as a car takes a corner over a second or two.
/// </remarks>
/// <example><code>
/// var imu = new VirtualMpu6050();
/// var feed = new VehicleImuFeed(Scenario.Load("campus-loop"), imu);
/// while (!feed.Finished) { feed.Step(0.1); /* read the sensor */ }
/// </code></example>
public sealed class VehicleImuFeed
{
    private readonly VehicleTrajectory _trajectory;
    private readonly VirtualMpu6050 _sensor;
    private readonly Random _noise;
    private VehicleState _last;
    private double _bodyCourseDegrees;

    /// <summary>Time constant with which the body's heading follows a corner of the path, seconds.</summary>
    public const double TurnTimeConstantSeconds = 1.5;

    /// <summary>A feed of <paramref name="scenario"/>'s vehicle into <paramref name="sensor"/>.</summary>
    public VehicleImuFeed(Scenario scenario, VirtualMpu6050 sensor)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _sensor = sensor ?? throw new ArgumentNullException(nameof(sensor));
        _trajectory = new VehicleTrajectory(scenario);
        _noise = new Random(scenario.Seed); // the same scenario gives the same readings, run after run
        _last = _trajectory.Current;
        _bodyCourseDegrees = _last.CourseDegrees;
        sensor.SetMotion(0, 0, VirtualMpu6050.GravityMetersPerSecondSquared);
    }

    /// <summary>
    /// Standard deviation of the white noise added to each axis, m/s² (default 0.01: an MPU6050's 400 µg/√Hz behind its
    /// 5 Hz digital low-pass filter, about two counts at ±16 g). A real sensor never repeats a reading exactly for
    /// long; <see cref="VirtualMpu6050.Stuck"/> does, and a monitor can tell them apart. Zero for exact readings.
    /// </summary>
    public double NoiseMetersPerSecondSquared { get; init; } = 0.01;

    /// <summary>Whether the scenario's route is over.</summary>
    public bool Finished => _last.Finished;

    /// <summary>Simulated seconds so far.</summary>
    public double ElapsedSeconds { get; private set; }

    /// <summary>Longitudinal acceleration of the last step, m/s² (negative when braking).</summary>
    public double ForwardMetersPerSecondSquared { get; private set; }

    /// <summary>Advances the vehicle by <paramref name="seconds"/> and updates the sensor.</summary>
    public void Step(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        _trajectory.Step(seconds);
        VehicleState now = _trajectory.Current;
        ElapsedSeconds += seconds;
        ForwardMetersPerSecondSquared = (now.SpeedMetersPerSecond - _last.SpeedMetersPerSecond) / seconds;
        // Heading error wrapped to ±180°; compass course grows clockwise, yaw (Z up) counter-clockwise.
        double errorDegrees = ((now.CourseDegrees - _bodyCourseDegrees + 540) % 360) - 180;
        double turnDegrees = errorDegrees * Math.Min(1, seconds / TurnTimeConstantSeconds);
        _bodyCourseDegrees = (_bodyCourseDegrees + turnDegrees + 360) % 360;
        double yawRateDegreesPerSecond = -turnDegrees / seconds;
        double leftMetersPerSecondSquared = now.SpeedMetersPerSecond * yawRateDegreesPerSecond * Math.PI / 180;
        _sensor.SetMotion(ForwardMetersPerSecondSquared + Noise(), leftMetersPerSecondSquared + Noise(),
            VirtualMpu6050.GravityMetersPerSecondSquared + Noise(), yawRateDegreesPerSecond);
        _last = now;
    }

    // Gaussian (Box-Muller) with the configured deviation.
    private double Noise()
    {
        if (NoiseMetersPerSecondSquared <= 0)
        {
            return 0;
        }

        double u1 = 1.0 - _noise.NextDouble(), u2 = _noise.NextDouble();
        return NoiseMetersPerSecondSquared * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
