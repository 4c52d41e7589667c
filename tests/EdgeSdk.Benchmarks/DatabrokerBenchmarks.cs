using BenchmarkDotNet.Attributes;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// The databroker's update path: validate a numeric value, store it with its timestamp, queue it to every
/// subscriber of the signal (never waiting, oldest dropped when a queue is full). 1,000 updates per invocation.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*Databroker*'</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DatabrokerBenchmarks
{
    /// <summary>Updates per benchmark invocation.</summary>
    public const int Updates = 1000;

    private readonly List<VssSubscription> _subscriptions = [];
    private VssDatabroker _broker = null!;
    private VssSignal _speed = null!;
    private VssSignal _fanSpeed = null!;
    private DateTime _now;

    /// <summary>Subscribers of each signal (their queues fill, then drop their oldest: the worst case for the provider).</summary>
    [Params(0, 1, 4)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _broker = new VssDatabroker(VssTree.LoadDefault());
        _broker.Tree.TryGetSignal("Vehicle.Speed", out VssSignal? speed);
        _broker.Tree.TryGetSignal("Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed", out VssSignal? fan);
        _speed = speed!;
        _fanSpeed = fan!;
        for (int i = 0; i < Subscribers; i++)
        {
            _broker.TrySubscribe([_speed, _fanSpeed], 100, out VssSubscription? subscription);
            _subscriptions.Add(subscription!);
        }

        _now = DateTime.UtcNow;
    }

    [GlobalCleanup]
    public void Cleanup() => _broker.Dispose();

    /// <summary>A float sensor (Vehicle.Speed, no limits).</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    public int SetFloat()
    {
        int accepted = 0;
        for (int i = 0; i < Updates; i++)
        {
            accepted += _broker.TrySetCurrentValue(_speed, VssValue.FromFloat(i * 0.1f), _now) == VssError.None ? 1 : 0;
        }

        return accepted;
    }

    /// <summary>A uint8 actuator's current value with min/max (0..100) checked.</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    public int SetUInt8WithLimits()
    {
        int accepted = 0;
        for (int i = 0; i < Updates; i++)
        {
            accepted += _broker.TrySetCurrentValue(_fanSpeed, VssValue.FromUInt32((uint)(i % 100)), _now) == VssError.None ? 1 : 0;
        }

        return accepted;
    }
}
