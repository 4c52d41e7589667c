namespace EdgeSdk.Telemetry;

/// <summary>
/// Reconnect delays: the initial delay doubling per failure up to a maximum, each scaled by a random
/// factor in [0.5, 1] so that a fleet cut off together does not reconnect together (MQTT, the fleet store, JT/T 808).
/// </summary>
internal sealed class ExponentialBackoff(TimeSpan initial, TimeSpan maximum)
{
    private int _failures;

    public TimeSpan Next()
    {
        double ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)));
        _failures++;
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
    }

    /// <summary>Failures since the last <see cref="Reset"/> (the fleet ingester says how long the database was away).</summary>
    public int Failures => _failures;

    public void Reset() => _failures = 0;
}
