namespace EdgeSdk.Fleet;

/// <summary>Settings of a <see cref="FleetLoadTest"/> run: how many vehicles, how fast, for how long, and where.</summary>
public sealed class FleetLoadOptions
{
    /// <summary>Simulated vehicles, each a <see cref="EdgeSdk.Telemetry.TelemetryPublisher"/> with its own durable queue and MQTT connection.</summary>
    public required int Vehicles { get; init; }

    /// <summary>Fixes per second per vehicle (default 1).</summary>
    public double RateHertz { get; init; } = 1;

    /// <summary>How long the vehicles produce fixes; draining and checking come after.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The platform database (Npgsql connection string); the schema is migrated at start.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The consumer process to start <see cref="Consumers"/> times: a program and its first arguments, e.g.
    /// <c>dotnet /path/edgesdk.dll fleet ingest</c>; the run appends <c>--mqtt --db --fleet --group --client-id</c>.
    /// It must print one line to standard error once subscribed, and its summary line (with
    /// "N malformed and M oversized messages skipped") when stopped with SIGTERM, as <c>edgesdk fleet ingest</c> does.
    /// </summary>
    public required IReadOnlyList<string> ConsumerCommand { get; init; }

    /// <summary>Consumer processes in one shared-subscription group (default 2).</summary>
    public int Consumers { get; init; } = 2;

    /// <summary>
    /// An existing broker (loopback only), or null (default) to start a private mosquitto on a free 127.0.0.1 port.
    /// The broker-restart fault needs the private one: a broker the run did not start is never restarted.
    /// </summary>
    public Uri? BrokerUri { get; init; }

    /// <summary>The fleet name the vehicles publish under (default: <c>load</c> and the UTC start time), so runs never mix in the store.</summary>
    public string? Fleet { get; init; }

    /// <summary>Where the vehicles' durable queues live (default: a temporary directory, deleted afterwards).</summary>
    public string? QueueRoot { get; init; }

    /// <summary>
    /// Longest time between fsyncs of each vehicle's queue (default 1 s, as on a device). Here all vehicles share one
    /// disk, so N vehicles cost N fsyncs per interval on it.
    /// </summary>
    public TimeSpan QueueFsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most fixes per MQTT message (default 10): a backlog after an outage goes in batches of this size.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Longest a fix waits for its batch (default zero: each fix is sent at once, for the latency target).</summary>
    public TimeSpan BatchMaxDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Inject the faults (default true): the private broker restarted twice, one consumer killed with SIGKILL and restarted, a rogue burst.</summary>
    public bool Faults { get; init; } = true;

    /// <summary>
    /// How many times the private broker is restarted (0, 1 or 2; default 2, at 20 % and 75 % of the run). Zero measures
    /// the other faults alone.
    /// </summary>
    public int BrokerRestarts { get; init; } = 2;

    /// <summary>How long the private broker stays down at each restart (default 2 s).</summary>
    public TimeSpan BrokerDowntime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Malformed messages the rogue client publishes in its burst (default 200).</summary>
    public int RogueMessages { get; init; } = 200;

    /// <summary>
    /// Longest wait, after the vehicles stop, for every queue to empty and every acknowledged fix to reach the store
    /// (default 5 minutes); a run that does not settle in time reports what is missing.
    /// </summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages the private broker keeps per offline or slow consumer session (default 1,000,000); beyond that it drops, and the run counts the fixes as lost.</summary>
    public int BrokerMaxQueuedMessages { get; init; } = 1_000_000;
}
