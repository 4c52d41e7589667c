namespace EdgeSdk.Telemetry;

/// <summary>What a device reported in a <see cref="ReceivedDeviceEvent"/> (the wire's <c>EventKind</c>).</summary>
public enum DeviceEventKind
{
    /// <summary>A kind this consumer does not know (a newer publisher); the detail text still says what happened.</summary>
    Unknown = 0,
    /// <summary>The device's durable queue was full and dropped its oldest fixes (count: how many since the last report).</summary>
    FixesDropped = 1,
    /// <summary>The device's connection came back after an outage (count: fixes queued at that moment).</summary>
    Reconnected = 2,
    /// <summary>The device's queue was damaged on disk and lost fixes (count: how many; detail: their sequence numbers).</summary>
    FixesLost = 3,
    /// <summary>Harsh braking seen by the device's IMU (time, peak deceleration and duration in the event's driving fields).</summary>
    HarshBraking = 4,
    /// <summary>Harsh acceleration seen by the device's IMU.</summary>
    HarshAcceleration = 5,
    /// <summary>A crash-level shock seen by the device's IMU (peak: the horizontal magnitude).</summary>
    Crash = 6,
}
