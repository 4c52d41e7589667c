namespace EdgeSdk.Telemetry;

/// <summary>A snapshot of a <see cref="TelemetryConsumer"/>'s counters (and its connection state).</summary>
public sealed record TelemetryConsumerCounters
{
    /// <summary>MQTT messages received on the subscribed topics.</summary>
    public long Messages { get; init; }

    /// <summary>Distinct fixes delivered to <see cref="TelemetryConsumer.ReadFixesAsync"/> (by MQTT or by satellite; upgrades not counted).</summary>
    public long Fixes { get; init; }

    /// <summary>Fixes dropped because their (device, queue instance, sequence) was already delivered.</summary>
    public long Duplicates { get; init; }

    /// <summary>Of <see cref="Fixes"/>, those delivered by satellite (<see cref="TelemetryConsumer.DeliverSatelliteFixesAsync"/>).</summary>
    public long SatelliteFixes { get; init; }

    /// <summary>Full-resolution MQTT copies of fixes delivered by satellite before (<see cref="ReceivedFixPath.Upgrade"/>; not in <see cref="Fixes"/>).</summary>
    public long Upgrades { get; init; }

    /// <summary>
    /// Satellite fixes forgotten to keep memory bounded (<see cref="TelemetryConsumer.MaxSatelliteFixesAwaitingUpgrade"/>
    /// per device) before their MQTT copy came: that copy then arrives as a new fix.
    /// </summary>
    public long SatelliteMarksDropped { get; init; }

    /// <summary>Sequence numbers missing right now, over all devices (below each device's highest seen).</summary>
    public long Gaps { get; init; }

    /// <summary>Messages skipped because they did not decode or broke the schema's rules.</summary>
    public long Malformed { get; init; }

    /// <summary>Messages skipped because they exceeded <see cref="TelemetryConsumerOptions.MaxPayloadBytes"/>.</summary>
    public long Oversized { get; init; }

    /// <summary>Device status messages received (online, offline, Last Will), retained ones included.</summary>
    public long StatusMessages { get; init; }

    /// <summary>Device event messages received.</summary>
    public long Events { get; init; }

    /// <summary>
    /// Status and event messages dropped, oldest first, because their stream was not read and held
    /// <see cref="TelemetryConsumerOptions.DeviceUpdateCapacity"/> already.
    /// </summary>
    public long DeviceUpdatesDropped { get; init; }

    /// <summary>Devices that sent fixes, statuses or events.</summary>
    public int Devices { get; init; }

    /// <summary>Devices whose latest status says online.</summary>
    public int DevicesOnline { get; init; }

    /// <summary>Connections made so far (each followed by its subscription): stays 1 unless the connection was lost and made again.</summary>
    public long Connections { get; init; }

    /// <summary>True while connected.</summary>
    public bool Connected { get; init; }

    /// <summary>The last connection error, or null.</summary>
    public string? LastError { get; init; }
}
