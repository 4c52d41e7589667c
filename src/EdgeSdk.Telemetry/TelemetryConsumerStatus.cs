namespace EdgeSdk.Telemetry;

/// <summary>A snapshot of a <see cref="TelemetryConsumer"/>'s counters.</summary>
public sealed record TelemetryConsumerStatus
{
    /// <summary>MQTT messages received on the subscribed topics.</summary>
    public long Messages { get; init; }

    /// <summary>Distinct fixes delivered to <see cref="TelemetryConsumer.Fixes"/>.</summary>
    public long Fixes { get; init; }

    /// <summary>Fixes dropped because their (device, sequence) was already delivered.</summary>
    public long Duplicates { get; init; }

    /// <summary>Sequence numbers missing right now, over all devices (below each device's highest seen).</summary>
    public long Gaps { get; init; }

    /// <summary>Messages skipped because they did not decode or broke the schema's rules.</summary>
    public long Malformed { get; init; }

    /// <summary>Messages skipped because they exceeded <see cref="TelemetryConsumerOptions.MaxPayloadBytes"/>.</summary>
    public long Oversized { get; init; }

    /// <summary>Status messages received (online, offline).</summary>
    public long StatusMessages { get; init; }

    /// <summary>Event messages received.</summary>
    public long Events { get; init; }

    /// <summary>Devices seen.</summary>
    public int Devices { get; init; }

    /// <summary>Connections made so far (each followed by its subscription): stays 1 unless the connection was lost and made again.</summary>
    public long Connections { get; init; }

    /// <summary>True while connected.</summary>
    public bool Connected { get; init; }

    /// <summary>The last connection error, or null.</summary>
    public string? LastError { get; init; }
}
