using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), the
/// clock tests/bench/compare.sh times by. On the shared 2-core VM (load average 20–40) wall-clock iterations measure
/// mostly the other sessions; CPU time counts only the time this thread ran. The in-process job takes each
/// measurement on the one thread that runs the benchmark, so start and end come from the same thread's clock.
/// </summary>
public sealed class NmeaThreadCpuClock : IClock
{
    private const int ClockThreadCpuTime = 3;

    /// <inheritdoc/>
    public string Title => "ThreadCpuTime";

    /// <inheritdoc/>
    public bool IsAvailable => OperatingSystem.IsLinux();

    /// <inheritdoc/>
    public Frequency Frequency => new(1_000_000_000);

    /// <inheritdoc/>
    public long GetTimestamp()
    {
        if (ClockGetTime(ClockThreadCpuTime, out TimeSpec t) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: this clock needs Linux");
        }

        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
