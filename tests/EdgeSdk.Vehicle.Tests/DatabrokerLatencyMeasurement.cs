using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Kuksa.Val.V2;
using Xunit.Abstractions;

namespace EdgeSdk.Vehicle.Tests;

/// <summary>
/// Subscribe latency at 1,000 updates/s, in-process and over gRPC on loopback: prints p50/p99/max (see the README
/// for numbers); asserts only that every update arrived in order, never a time.
/// Run: <c>dotnet test tests/EdgeSdk.Vehicle.Tests -c Release --filter DatabrokerLatencyMeasurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class DatabrokerLatencyMeasurement(ITestOutputHelper output)
{
    private const int Warmup = 3000; // JIT warm-up incl. tiered recompilation (its one-time stall lands here): sent at the same rate, not recorded
    private const int Updates = 3000 + Warmup;
    private const int RatePerSecond = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task In_process_subscribe_latency_at_1000_updates_per_second()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        VssSignal speed = Signal("Vehicle.Speed");
        Assert.Equal(VssError.None, broker.TrySubscribe([speed], 1000, out VssSubscription? subscription));
        var latencies = new List<double>(Updates);
        float lastValue = -1;
        int received = 0;
        using var timeout = new CancellationTokenSource(Patience);
        Task reading = Task.Run(async () =>
        {
            await foreach (VssUpdate update in subscription!.ReadAllAsync(timeout.Token))
            {
                if (update.Value.IsNone)
                {
                    continue; // the initial "no value"
                }

                received++;
                if (update.Value.AsFloat() >= Warmup)
                {
                    latencies.Add((DateTime.UtcNow - update.TimestampUtc).TotalMilliseconds);
                }

                Assert.True(update.Value.AsFloat() > lastValue);
                lastValue = update.Value.AsFloat();
                if (lastValue == Updates - 1)
                {
                    return;
                }
            }
        });
        await PaceAsync(i => broker.TrySetCurrentValue(speed, VssValue.FromFloat(i), DateTime.UtcNow), timeout.Token);
        await reading.WaitAsync(Patience);
        subscription!.Dispose();
        // A starved reader on a busy machine may lose the oldest updates (bounded queue): never silently.
        Assert.Equal(Updates, received + subscription.Dropped);
        Report("in-process", latencies, subscription.Dropped);
    }

    [Fact]
    public async Task Grpc_subscribe_latency_at_1000_updates_per_second()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        await using var server = new VssGrpcServer(broker, new IPEndPoint(IPAddress.Loopback, 0));
        await server.StartAsync();
        using GrpcChannel channel = GrpcChannel.ForAddress($"http://{server.LocalEndpoint}");
        var client = new VAL.VALClient(channel);
        VssSignal speed = Signal("Vehicle.Speed");
        using var timeout = new CancellationTokenSource(Patience);
        using AsyncServerStreamingCall<SubscribeResponse> call = client.Subscribe(new SubscribeRequest { SignalPaths = { "Vehicle.Speed" }, BufferSize = 1000 }, cancellationToken: timeout.Token);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token)); // the initial value: the subscription is in place
        var latencies = new List<double>(Updates);
        int received = 0;
        Task reading = Task.Run(async () =>
        {
            float lastValue = -1;
            while (lastValue < Updates - 1 && await call.ResponseStream.MoveNext(timeout.Token))
            {
                Datapoint point = call.ResponseStream.Current.Entries["Vehicle.Speed"];
                received++;
                if (point.Value.Float >= Warmup)
                {
                    latencies.Add((DateTime.UtcNow - point.Timestamp.ToDateTime()).TotalMilliseconds);
                }

                Assert.True(point.Value.Float > lastValue);
                lastValue = point.Value.Float;
            }
        });
        await PaceAsync(i => broker.TrySetCurrentValue(speed, VssValue.FromFloat(i), DateTime.UtcNow), timeout.Token);
        await reading.WaitAsync(Patience);
        // A starved stream on a busy machine may lose the oldest updates (bounded queue): never silently.
        Assert.Equal(Updates, received + broker.Counters.SubscriberDrops);
        Report("gRPC loopback", latencies, broker.Counters.SubscriberDrops);
    }

    // 1,000 updates per second on the wall clock: each millisecond tick sends the updates that are due.
    private static async Task PaceAsync(Func<int, VssError> send, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        int sent = 0;
        while (sent < Updates && await timer.WaitForNextTickAsync(cancellationToken))
        {
            long due = Math.Min(Updates, (long)(clock.Elapsed.TotalSeconds * RatePerSecond) + 1);
            while (sent < due)
            {
                Assert.Equal(VssError.None, send(sent++));
            }
        }
    }

    private void Report(string name, List<double> latencies, long dropped)
    {
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        string line = $"{name}: {latencies.Count} updates at {RatePerSecond}/s, latency p50 {Percentile(0.50):F3} ms, p99 {Percentile(0.99):F3} ms, max {latencies[^1]:F3} ms, {dropped} dropped";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static VssSignal Signal(string path) => VssTreeTests.Default.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);
}
