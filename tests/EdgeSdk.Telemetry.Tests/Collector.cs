using System.Diagnostics;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>Reads a consumer's fixes in the background so tests can await counts and check sequences.</summary>
public sealed class Collector
{
    private readonly List<ReceivedFix> _fixes = [];
    private readonly Task _reader;

    public Collector(TelemetryConsumer consumer)
    {
        _reader = Task.Run(async () =>
        {
            await foreach (ReceivedFix fix in consumer.ReadFixesAsync())
            {
                lock (_fixes)
                {
                    _fixes.Add(fix);
                }
            }
        });
    }

    public ReceivedFix[] Fixes
    {
        get
        {
            lock (_fixes)
            {
                return _fixes.ToArray();
            }
        }
    }

    /// <summary>How much slower than idle a busy test machine may be before a wait counts as failed.</summary>
    public const int BusyMachineFactor = 6;

    public long[] Sequences(string device) => Fixes.Where(f => f.DeviceId == device).Select(f => f.Sequence).ToArray();

    /// <summary>
    /// Waits for a condition. <paramref name="timeout"/> says how long the test expects it to take when the machine
    /// is idle; a busy shared 2-core machine can be many times slower, so the wait gives up only after
    /// <see cref="BusyMachineFactor"/> times that (a timeout costs time only when the test fails anyway).
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        timeout *= BusyMachineFactor;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"condition not met within {timeout.TotalSeconds} s. {describe?.Invoke()}");
            }

            await Task.Delay(25);
        }
    }
}
