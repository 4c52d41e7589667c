namespace EdgeSdk.Devices;

/// <summary>Kinds of driving events an IMU detects.</summary>
public enum DrivingEventKind
{
    /// <summary>Deceleration beyond the harsh-braking threshold for at least the minimum duration.</summary>
    HarshBraking,

    /// <summary>Acceleration beyond the harsh-acceleration threshold for at least the minimum duration.</summary>
    HarshAcceleration,

    /// <summary>A horizontal shock beyond the crash threshold (one sample is enough).</summary>
    Crash,
}
