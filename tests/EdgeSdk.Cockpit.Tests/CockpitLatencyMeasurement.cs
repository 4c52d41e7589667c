using System.Diagnostics;
using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Grpc.Core;
using Xunit.Abstractions;

namespace EdgeSdk.Cockpit.Tests;

/// <summary>
/// Signal change → vehicle-status snapshot at a subscriber, at 200 speed updates/s (four times a 50 Hz CAN speed),
/// in-process and over gRPC on loopback: prints p50/p99/max and how many updates made a snapshot (see the README);
/// asserts only that every snapshot is accounted for (received or counted as dropped) and the last value arrived,
/// never a time. Run: <c>dotnet test tests/EdgeSdk.Cockpit.Tests -c Release --filter CockpitLatencyMeasurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class CockpitLatencyMeasurement(ITestOutputHelper output)
{
    private const int Warmup = 500;
    private const int Updates = 1000 + Warmup;
    private const int RatePerSecond = 200;

    [Fact]
    public async Task In_process_status_latency_at_200_updates_per_second()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync(o => o.SubscriberCapacity = 1000);
        IVehicleStatusService service = host.Get<IVehicleStatusService>();
        await MeasureAsync("in-process", host, service, token => service.WatchStatusAsync(token));
    }

    [Fact]
    public async Task Grpc_status_latency_at_200_updates_per_second()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync(o => o.SubscriberCapacity = 1000);
        var client = new Protocol.VehicleStatusService.VehicleStatusServiceClient(host.Channel);
        await MeasureAsync("gRPC loopback", host, host.Get<IVehicleStatusService>(), token => Read(client.WatchStatus(new WatchStatusRequest(), cancellationToken: token), token));
    }

    private static async IAsyncEnumerable<VehicleStatus> Read(AsyncServerStreamingCall<VehicleStatus> call, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        using (call)
        {
            while (await call.ResponseStream.MoveNext(token))
            {
                yield return call.ResponseStream.Current;
            }
        }
    }

    private async Task MeasureAsync(string name, CockpitTestHost host, IVehicleStatusService service, Func<CancellationToken, IAsyncEnumerable<VehicleStatus>> watch)
    {
        Assert.True(host.Broker.Tree.TryGetSignal("Vehicle.Speed", out VssSignal? speed));
        Assert.Equal(VssError.None, host.Broker.TrySetCurrentValue(speed, VssValue.FromFloat(-1), DateTime.UtcNow));
        await Eventually.TrueAsync(() => service.GetStatus().SpeedKilometersPerHour == -1, "the first snapshot");
        using var timeout = new CancellationTokenSource(Eventually.Patience);
        await using IAsyncEnumerator<VehicleStatus> reader = watch(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await reader.MoveNextAsync()); // the newest snapshot: the subscription is in place
        long publishedBefore = service.StreamCounters.Published;
        var latencies = new List<double>(Updates);
        int received = 0;
        Task reading = Task.Run(async () =>
        {
            float last = -1;
            while (last < Updates - 1 && await reader.MoveNextAsync())
            {
                VehicleStatus s = reader.Current;
                received++;
                if (s.SpeedKilometersPerHour >= Warmup)
                {
                    latencies.Add((DateTime.UtcNow - s.UpdatedAt.ToDateTime()).TotalMilliseconds);
                }

                Assert.True(s.SpeedKilometersPerHour > last);
                last = s.SpeedKilometersPerHour;
            }
        });
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        int sent = 0;
        while (sent < Updates && await timer.WaitForNextTickAsync(timeout.Token))
        {
            long due = Math.Min(Updates, (long)(clock.Elapsed.TotalSeconds * RatePerSecond) + 1);
            while (sent < due)
            {
                Assert.Equal(VssError.None, host.Broker.TrySetCurrentValue(speed, VssValue.FromFloat(sent++), DateTime.UtcNow));
            }
        }

        await reading.WaitAsync(Eventually.Patience);
        CockpitStreamCounters counters = service.StreamCounters;
        Assert.Equal(counters.Published - publishedBefore, received + counters.Dropped); // nothing silently lost
        latencies.Sort();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
        string line = $"{name}: {Updates} speed updates at {RatePerSecond}/s → {counters.Published - publishedBefore} snapshots, " +
            $"latency p50 {Percentile(0.50):F3} ms, p99 {Percentile(0.99):F3} ms, max {latencies[^1]:F3} ms (last {latencies.Count}), {counters.Dropped} dropped";
        output.WriteLine(line);
        Console.WriteLine(line);
    }
}
