using System.Diagnostics;

namespace EdgeSdk.Cli.Demo;

/// <summary>
/// The demo's simulated clock for parts that take a <see cref="TimeProvider"/> (the RDSS cards and the fallback):
/// it runs <c>speedup</c> times faster than the wall clock, like the GNSS simulator's epochs, so a card's service
/// interval and the outage threshold pass in simulated seconds.
/// </summary>
internal sealed class DemoClock(double speedup) : TimeProvider
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startUtc = DateTimeOffset.UtcNow;

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => _start + (long)((Stopwatch.GetTimestamp() - _start) * speedup);

    public override DateTimeOffset GetUtcNow() => _startUtc + GetElapsedTime(_start);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Scaled(System.CreateTimer(callback, state, Wall(dueTime), Wall(period)), this);

    private TimeSpan Wall(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero ? simulated : TimeSpan.FromTicks(Math.Max(1, (long)(simulated.Ticks / speedup)));

    private sealed class Scaled(ITimer inner, DemoClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Wall(dueTime), clock.Wall(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
