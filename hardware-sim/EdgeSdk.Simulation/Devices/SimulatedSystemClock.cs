namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A system clock that reads what the simulation sets, for time sources under test: <see cref="GetUtcNow"/>
/// returns the set time, so an injected clock error is exactly what a program measures. Only the wall clock
/// is simulated; timers and <see cref="TimeProvider.GetTimestamp"/> stay on real time.
/// </summary>
/// <example><code>
/// var clock = new SimulatedSystemClock(new DateTime(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc));
/// clock.SetUtcNow(clock.GetUtcNow().AddMilliseconds(250));
/// </code></example>
public sealed class SimulatedSystemClock : TimeProvider
{
    private long _utcTicks;

    /// <summary>A clock reading <paramref name="startUtc"/>.</summary>
    public SimulatedSystemClock(DateTime startUtc) => _utcTicks = startUtc.ToUniversalTime().Ticks;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Sets what the clock reads (forwards or back, as a stepped system clock would).</summary>
    public void SetUtcNow(DateTimeOffset utcNow) => Interlocked.Exchange(ref _utcTicks, utcNow.UtcTicks);

    /// <summary>Moves the clock on by <paramref name="elapsed"/>.</summary>
    public void Advance(TimeSpan elapsed) => Interlocked.Add(ref _utcTicks, elapsed.Ticks);
}
