using System.Diagnostics;
using EdgeSdk.Gnss;
using MQTTnet;
using Xunit.Abstractions;

namespace EdgeSdk.Fleet.Tests;

public sealed class ThroughputTests(ITestOutputHelper output)
{
    // A backlog (the broker kept it while the platform was down) drained through MQTT into PostgreSQL.
    // Prints rows/s committed for the README; asserts only counts.
    [Theory]
    [InlineData(20)]    // mosquitto's default max_inflight_messages: at most 20 unacknowledged messages per consumer
    [InlineData(1000)]  // a broker configured for a store that acknowledges after commit
    public async Task A_backlog_drains_into_the_store_exactly_once(int inflight)
    {
        const int Devices = 20, Batches = 50, PerBatch = 10;
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("throughput");
        await using Mosquitto broker = await Mosquitto.StartAsync($"allow_anonymous true\nmax_inflight_messages {inflight}\nmax_queued_messages 100000");
        await using (var subscribe = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-throughput")))
        {
            await subscribe.StartAsync(); // creates the session, then goes away
        }

        using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);
        GnssFix[] drive = FleetTest.Fixes(Batches * PerBatch, 30, 20, FleetTest.Day.AddHours(3));
        for (int batch = 0; batch < Batches; batch++)
        {
            for (int d = 0; d < Devices; d++)
            {
                await FleetTest.PublishAsync(device, $"truck-{d}", 1, (ulong)(batch * PerBatch) + 1, drive[(batch * PerBatch)..((batch + 1) * PerBatch)]);
            }
        }

        await using var ingestor = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-throughput"));
        var clock = Stopwatch.StartNew();
        await ingestor.StartAsync();
        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.FixesInserted == Devices * Batches * PerBatch), TimeSpan.FromSeconds(30), () => $"{ingestor.Status}");
        clock.Stop();
        FleetIngestorStatus status = ingestor.Status;
        Assert.Equal(Devices * Batches * PerBatch, await ingestor.Store.CountFixesAsync());
        Assert.Equal(0, status.FixesAlreadyStored);
        Assert.Equal(Devices * Batches, status.MessagesAcknowledged);
        output.WriteLine($"inflight {inflight}: {status.FixesInserted} fixes in {clock.Elapsed.TotalSeconds:F2} s = {status.FixesInserted / clock.Elapsed.TotalSeconds:F0} rows/s committed, " +
            $"{status.Transactions} transactions ({(double)status.FixesInserted / status.Transactions:F0} fixes each)");
    }
}
