namespace EdgeSdk.Telemetry;

/// <summary>Settings of a <see cref="TelemetryPublisher"/>.</summary>
public sealed class TelemetryPublisherOptions
{
    /// <summary>This device's ID: one topic level (no <c>/</c>, <c>+</c>, <c>#</c>).</summary>
    public required string DeviceId { get; init; }

    /// <summary>Fleet the device belongs to: one topic level (default <c>default</c>).</summary>
    public string Fleet { get; init; } = "default";

    /// <summary>The broker and how to reach it.</summary>
    public MqttConnectionOptions Connection { get; init; } = new();

    /// <summary>Directory of the durable queue. Sequence numbers live there: keep it across restarts.</summary>
    public required string QueueDirectory { get; init; }

    /// <summary>Fixes the durable queue holds before dropping the oldest (default 86,400: 24 h at 1 Hz).</summary>
    public int QueueCapacity { get; init; } = 86_400;

    /// <summary>Longest time between fsyncs of the queue (default 1 s; see <see cref="DurableQueueOptions.FsyncInterval"/>).</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most fixes per MQTT message (default 10).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// Longest a fix waits for its batch to fill (default 10 s, which is 10 fixes at 1 Hz); a backlog is
    /// always sent in full batches at once. Use <see cref="TimeSpan.Zero"/> to send every fix at once.
    /// </summary>
    public TimeSpan BatchMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Fixes that <see cref="TelemetryPublisher.TryEnqueue"/> may hand over before the queue writer takes them
    /// (default 1,024). When full, TryEnqueue returns false at once and counts the fix as hand-off dropped.
    /// </summary>
    public int HandoffCapacity { get; init; } = 1_024;

    /// <summary>
    /// Keep a fix batch queued when the broker acknowledges it with "no matching subscribers" (MQTT 5 PUBACK 0x10) and
    /// send it again later, with the reconnect backoff (default false: such a batch counts as delivered). Turn it on
    /// when the platform reads through a shared subscription on mosquitto 2.0: mosquitto does not save shared
    /// subscriptions, so after a broker restart nobody is subscribed until the consumers subscribe again, and what
    /// devices send in that window is acknowledged and thrown away. MQTT 3.1.1 has no reason codes: there it does nothing.
    /// </summary>
    public bool HoldWhenNoSubscriber { get; init; }

    /// <summary>MQTT 5 message expiry of fix messages at the broker (default 7 days; zero for none).</summary>
    public TimeSpan MessageExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Driving events the durable event queue holds before dropping the oldest (default 10,000; events are rare).</summary>
    public int EventQueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// The queue directory used when none is given: <c>$XDG_STATE_HOME/edgesdk/queue/FLEET/DEVICE</c>
    /// (<c>~/.local/state/...</c> when XDG_STATE_HOME is unset).
    /// </summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="deviceId">The device.</param>
    /// <exception cref="ArgumentException">The fleet or device is not a valid name (<see cref="TelemetryNames"/>): it could climb out of the queue root.</exception>
    public static string DefaultQueueDirectory(string fleet, string deviceId)
    {
        TelemetryNames.Validate(fleet, "fleet");
        TelemetryNames.Validate(deviceId, "device");
        string? state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(state, "edgesdk", "queue", fleet, deviceId);
    }
}
