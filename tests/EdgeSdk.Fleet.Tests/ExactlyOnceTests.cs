using EdgeSdk.Gnss;
using MQTTnet;
using Npgsql;

namespace EdgeSdk.Fleet.Tests;

public sealed class ExactlyOnceTests
{
    [Fact]
    public async Task Two_consumers_in_a_shared_group_resends_and_a_consumer_stopped_and_restarted_store_every_fix_exactly_once()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("shared");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        var first = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-1", group: "platform"));
        await first.StartAsync();
        await using var second = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-2", group: "platform"));
        await second.StartAsync();
        FleetIngestor? restarted = null;
        using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);

        const int Devices = 4, Batches = 40, PerBatch = 5;
        string[] names = Enumerable.Range(1, Devices).Select(i => $"truck-{i}").ToArray();
        GnssFix[] drive = FleetTest.Fixes(Batches * PerBatch, 100, 30, FleetTest.Day.AddHours(6));
        Task Batch(string name, int round) =>
            FleetTest.PublishAsync(device, name, 42, (ulong)(round * PerBatch) + 1, drive[(round * PerBatch)..((round + 1) * PerBatch)]);
        try
        {
            for (int round = 0; round < Batches; round++)
            {
                foreach (string name in names)
                {
                    await Batch(name, round);
                    if (round % 10 == 5)
                    {
                        await Batch(name, round - 1); // the device resends a batch whose PUBACK it lost
                    }
                }

                if (round == 15)
                {
                    // Once it has committed some of its share (a cold start on a busy machine takes a while) ...
                    await FleetTest.WaitUntilAsync(() => Task.FromResult(first.Status.FixesInserted > 0), TimeSpan.FromSeconds(10), () => $"{first.Status}");
                    await first.DisposeAsync(); // gone mid-stream: whatever it had not committed stays unacknowledged
                }
                else if (round == 25)
                {
                    restarted = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-1", group: "platform"));
                    await restarted.StartAsync(); // same session: the broker hands back what the first one left
                }
            }

            FleetIngestor[] all = [first, second, restarted!];
            await FleetTest.WaitUntilAsync(async () => await second.Store.CountFixesAsync() == Devices * Batches * PerBatch,
                TimeSpan.FromSeconds(20), () => string.Join(" | ", all.Select(i => i.Status)));
            Assert.Equal(Devices * Batches * PerBatch, all.Sum(i => i.Status.FixesInserted)); // each row inserted by exactly one of them
            Assert.True(first.Status.FixesInserted > 0 && second.Status.FixesInserted > 0, $"the group did not split the fleet: {string.Join(" | ", all.Select(i => i.Status))}");
            Assert.Equal(0, all.Sum(i => i.Status.WriteFailures));

            // Every device: sequence numbers 1..200, each once, and each row where the drive put it.
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT device, min(sequence), max(sequence), count(DISTINCT sequence), count(*), sum(ST_X(position::geometry)) FROM fleet_fix GROUP BY device ORDER BY device",
                connection);
            await using NpgsqlDataReader rows = await command.ExecuteReaderAsync();
            double expectedLongitudes = drive.Sum(f => f.LongitudeDegrees!.Value);
            foreach (string name in names)
            {
                Assert.True(await rows.ReadAsync());
                Assert.Equal((name, 1L, 200L, 200L, 200L), (rows.GetString(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4)));
                Assert.Equal(expectedLongitudes, rows.GetDouble(5), 1e-6);
            }

            Assert.False(await rows.ReadAsync());
        }
        finally
        {
            await first.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_that_goes_down_stops_the_acknowledgements_and_afterwards_nothing_is_lost_or_duplicated()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("outage");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var ingestor = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-outage"));
        await ingestor.StartAsync();
        using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);
        GnssFix[] drive = FleetTest.Fixes(200, 116, 40, FleetTest.Day.AddHours(7));
        for (int batch = 0; batch < 10; batch++)
        {
            await FleetTest.PublishAsync(device, "truck-db", 5, (ulong)(batch * 10) + 1, drive[(batch * 10)..((batch + 1) * 10)]);
        }

        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.MessagesAcknowledged == 10), TimeSpan.FromSeconds(10), () => $"{ingestor.Status}");
        await postgres.StopAsync();
        for (int batch = 10; batch < 20; batch++)
        {
            await FleetTest.PublishAsync(device, "truck-db", 5, (ulong)(batch * 10) + 1, drive[(batch * 10)..((batch + 1) * 10)]);
        }

        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.WriteFailures >= 3), TimeSpan.FromSeconds(10), () => $"{ingestor.Status}");
        FleetIngestorStatus down = ingestor.Status;
        Assert.True(down.DatabaseDown);
        Assert.Equal(10, down.MessagesAcknowledged); // nothing acknowledged while the database is down
        Assert.Equal(100, down.FixesInserted);
        Assert.NotNull(down.LastError);

        await postgres.StartServerAsync();
        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.MessagesAcknowledged == 20), TimeSpan.FromSeconds(15), () => $"{ingestor.Status}");
        FleetIngestorStatus after = ingestor.Status;
        Assert.False(after.DatabaseDown);
        Assert.Equal(200, after.FixesInserted);
        Assert.Equal(0, after.FixesAlreadyStored);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT min(sequence), max(sequence), count(DISTINCT sequence), count(*) FROM fleet_fix", connection);
        await using NpgsqlDataReader row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal((1L, 200L, 200L, 200L), (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3)));
    }
}
