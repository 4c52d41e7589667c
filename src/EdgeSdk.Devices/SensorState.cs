namespace EdgeSdk.Devices;

/// <summary>What a sensor is doing, for the program's own status output.</summary>
public enum SensorState
{
    /// <summary>Not read yet.</summary>
    NotStarted,

    /// <summary>The last read gave a plausible sample.</summary>
    Working,

    /// <summary>The sensor did not answer (absent, unpowered, wrong address, no bus); retried on the next read.</summary>
    NotConnected,

    /// <summary>Something answered, but not as this sensor does (wrong identity or implausible values).</summary>
    WrongAnswers,
}
