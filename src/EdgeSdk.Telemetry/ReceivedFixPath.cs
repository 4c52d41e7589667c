namespace EdgeSdk.Telemetry;

/// <summary>How a <see cref="ReceivedFix"/> reached the consumer.</summary>
public enum ReceivedFixPath
{
    /// <summary>Over MQTT, the first copy of this fix: a new fix.</summary>
    Mqtt = 0,

    /// <summary>By satellite (BeiDou short message, <see cref="TelemetryConsumer.DeliverSatelliteFixesAsync"/>), reduced resolution: a new fix.</summary>
    Satellite,

    /// <summary>
    /// Over MQTT, the full-resolution copy of a fix delivered earlier by satellite: not a new fix, a better
    /// version of one already delivered (same device, queue instance and sequence number).
    /// </summary>
    Upgrade,
}
