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
            await foreach (ReceivedFix fix in consumer.Fixes.ReadAllAsync())
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

    public long[] Sequences(string device) => Fixes.Where(f => f.DeviceId == device).Select(f => f.Sequence).ToArray();

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null)
    {
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
