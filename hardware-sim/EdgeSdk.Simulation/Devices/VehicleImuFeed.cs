using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// Drives a <see cref="VirtualMpu6050"/> from the simulator's vehicle model: each <see cref="Step"/>
/// advances a scenario's trajectory and sets the sensor to the vehicle's longitudinal acceleration
/// (change of speed), lateral acceleration (speed × yaw rate) and gravity, as a sensor mounted level,
/// X forward, would feel them.
/// </summary>
/// <example><code>
/// var imu = new VirtualMpu6050();
/// var feed = new VehicleImuFeed(Scenario.Load("campus-loop"), imu);
/// while (!feed.Finished) { feed.Step(0.1); /* read the sensor */ }
/// </code></example>
public sealed class VehicleImuFeed
{
    private readonly VehicleTrajectory _trajectory;
    private readonly VirtualMpu6050 _sensor;
    private VehicleState _last;

    /// <summary>A feed of <paramref name="scenario"/>'s vehicle into <paramref name="sensor"/>.</summary>
    public VehicleImuFeed(Scenario scenario, VirtualMpu6050 sensor)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _sensor = sensor ?? throw new ArgumentNullException(nameof(sensor));
        _trajectory = new VehicleTrajectory(scenario);
        _last = _trajectory.Current;
        sensor.SetMotion(0, 0, VirtualMpu6050.GravityMetersPerSecondSquared);
    }

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
        // Course change wrapped to ±180°; compass course grows clockwise, yaw (Z up) counter-clockwise.
        double turnDegrees = ((now.CourseDegrees - _last.CourseDegrees + 540) % 360) - 180;
        double yawRateDegreesPerSecond = -turnDegrees / seconds;
        double leftMetersPerSecondSquared = now.SpeedMetersPerSecond * yawRateDegreesPerSecond * Math.PI / 180;
        _sensor.SetMotion(ForwardMetersPerSecondSquared, leftMetersPerSecondSquared, VirtualMpu6050.GravityMetersPerSecondSquared, yawRateDegreesPerSecond);
        _last = now;
    }
}
