using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// The job of the NMEA suites: in process (<see cref="InProcessEmitToolchain"/>), so no benchmark project is generated
/// and built per case — on the shared 2-core VM that out-of-process build hit BenchmarkDotNet's 2-minute timeout and
/// the suites gave no results. One launch, 3 warm-up and 10 measured iterations of 250 ms each: a fixed budget
/// (about 4 s a case) instead of the default run-until-stable, which did not settle under load. Timed by the
/// benchmark thread's CPU time (<see cref="NmeaThreadCpuClock"/>), so a busy machine slows the run, not the numbers.
/// </summary>
public sealed class NmeaInProcessConfig : ManualConfig
{
    /// <summary>Creates the config with its one in-process job.</summary>
    public NmeaInProcessConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithClock(new NmeaThreadCpuClock())
            .WithId("InProcess"));
    }
}
