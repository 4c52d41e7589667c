namespace EdgeSdk.Devices;

/// <summary>
/// When the detector raises an event. Defaults follow common fleet-telematics practice: harsh braking at
/// 0.35 g, harsh acceleration at 0.3 g, both held for 300 ms (a pothole is shorter), a crash at 4 g.
/// </summary>
public sealed class DrivingEventThresholds
{
    /// <summary>Deceleration that counts as harsh braking, m/s² (positive). Default 3.4 (0.35 g).</summary>
    public double HarshBrakingMetersPerSecondSquared { get; init; } = 3.4;

    /// <summary>Acceleration that counts as harsh, m/s². Default 2.9 (0.3 g).</summary>
    public double HarshAccelerationMetersPerSecondSquared { get; init; } = 2.9;

    /// <summary>Horizontal shock that counts as a crash, m/s². Default 39.2 (4 g).</summary>
    public double CrashMetersPerSecondSquared { get; init; } = 39.2;

    /// <summary>How long braking or acceleration must last, ms. Default 300.</summary>
    public double MinimumDurationMilliseconds { get; init; } = 300;

    /// <summary>After a crash, how long further crash samples belong to the same crash, ms. Default 5000.</summary>
    public double CrashHoldOffMilliseconds { get; init; } = 5000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first threshold that makes no sense.</summary>
    public void Validate()
    {
        if (!(HarshBrakingMetersPerSecondSquared > 0) || !(HarshAccelerationMetersPerSecondSquared > 0))
        {
            throw new ArgumentException("harsh braking and acceleration thresholds must be positive m/s² (e.g. 3.4 and 2.9)");
        }

        if (!(CrashMetersPerSecondSquared > HarshBrakingMetersPerSecondSquared))
        {
            throw new ArgumentException($"the crash threshold ({CrashMetersPerSecondSquared} m/s²) must be above harsh braking ({HarshBrakingMetersPerSecondSquared} m/s²)");
        }

        if (!(MinimumDurationMilliseconds >= 0) || !(CrashHoldOffMilliseconds >= 0))
        {
            throw new ArgumentException("durations must be zero or more milliseconds");
        }
    }
}
