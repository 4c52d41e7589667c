using EdgeSdk.Gnss;
using EdgeSdk.Rdss;
using EdgeSdk.Simulation.Rdss;
using EdgeSdk.Telemetry;
using MQTTnet;
using Npgsql;

namespace EdgeSdk.Fleet.Tests;

/// <summary>
/// The satellite path into the store: identified position reports go from a simulated truck card to the command
/// centre's card over real pseudo-terminals, the RdssReportForwarder hands them to the FleetIngestor while the broker
/// is down, and the MQTT copies that come when it is back upgrade those rows in place.
/// </summary>
public sealed class SatelliteFixTests
{
    private const int TruckA = 179773, TruckB = 179774, Centre = 4207733;

    // The devices' queue instances: the reports carry only the low 32 bits (0x9ABCDEF0 and 0x0BADF00D).
    private const ulong InstanceA = 0x1234_5678_9ABC_DEF0, InstanceB = 0xFEDC_BA98_0BAD_F00D;

    [Fact]
    public async Task Fixes_that_came_by_satellite_during_an_outage_are_stored_queried_and_upgraded_once_by_their_MQTT_copies()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("satellite");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var ingestor = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-satellite"));
        await ingestor.StartAsync();
        GnssFix[] driveA = FleetTest.Fixes(30, 100, 30, FleetTest.Day.AddHours(6));
        GnssFix[] driveB = FleetTest.Fixes(25, 110, 31, FleetTest.Day.AddHours(6));

        // Before the outage truck A's fixes 1..10 arrive over MQTT; truck B has sent nothing yet.
        using (IMqttClient device = await FleetTest.DeviceAsync(broker.Uri))
        {
            await FleetTest.PublishAsync(device, "truck-a", InstanceA, 1, driveA[..10]);
        }

        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.FixesInserted == 10), TimeSpan.FromSeconds(10), () => $"{ingestor.Status}");
        await broker.StopAsync();

        // The outage: A's 11..30 and B's 1..20 come by satellite (B's twice over: a report the truck sent again).
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.Zero });
        await using SimulatedRdssTerminal truckSimA = network.OpenTerminal(new SimulatedRdssCard { UserId = TruckA, ServiceInterval = TimeSpan.Zero });
        await using SimulatedRdssTerminal truckSimB = network.OpenTerminal(new SimulatedRdssCard { UserId = TruckB, ServiceInterval = TimeSpan.Zero });
        await using SimulatedRdssTerminal centreSim = network.OpenTerminal(new SimulatedRdssCard { UserId = Centre, ServiceInterval = TimeSpan.Zero, SubordinateCount = 2 });
        await using RdssTerminal truckA = RdssTerminal.OpenSerial(truckSimA.DevicePath!);
        await using RdssTerminal truckB = RdssTerminal.OpenSerial(truckSimB.DevicePath!);
        await using RdssTerminal centre = RdssTerminal.OpenSerial(centreSim.DevicePath!);
        var forwarder = new RdssReportForwarder(ingestor, "test", new Dictionary<int, string> { [TruckA] = "truck-a", [TruckB] = "truck-b" });
        using var stopForwarding = new CancellationTokenSource();
        Task forwarding = forwarder.RunAsync(centre.Messages, stopForwarding.Token);

        int reports = await SendBySatelliteAsync(truckA, Sequenced(driveA, 11, 30), InstanceA);
        int reportsB = await SendBySatelliteAsync(truckB, Sequenced(driveB, 1, 20), InstanceB);
        int resent = await SendBySatelliteAsync(truckB, Sequenced(driveB, 1, 5), InstanceB);
        reports += reportsB + resent;
        await FleetTest.WaitUntilAsync(() => Task.FromResult(forwarder.Reports == reports), TimeSpan.FromSeconds(20),
            () => $"{forwarder.Reports} of {reports} reports forwarded; {ingestor.Status}");

        FleetIngestorStatus during = ingestor.Status;
        Assert.Equal(40, during.SatelliteFixesInserted);
        Assert.Equal(5, during.SatelliteFixesAlreadyStored);
        Assert.Equal(40, forwarder.NewFixes);
        Assert.Equal(new Dictionary<string, long> { ["mqtt"] = 10, ["satellite"] = 40 }, await ingestor.Store.CountFixesByPathAsync());

        // The queries see the satellite rows: the last positions are the last fixes sent by satellite (compact, 1e-5°).
        IReadOnlyList<VehiclePosition> last = await ingestor.Store.LastPositionsAsync("test");
        Assert.Equal(["truck-a", "truck-b"], last.Select(p => p.DeviceId));
        Assert.Equal(driveA[29].TimeUtc, last[0].TimeUtc);
        Assert.Equal(driveA[29].LongitudeDegrees!.Value, last[0].LongitudeDegrees, 4);
        Assert.Equal(driveB[19].TimeUtc, last[1].TimeUtc);
        Assert.Equal(driveB[19].LongitudeDegrees!.Value, last[1].LongitudeDegrees, 4);
        Assert.Contains("\"fixes\":30", await ingestor.Store.TrackGeoJsonAsync("truck-a", FleetTest.Day, FleetTest.Day.AddDays(1), "test"), StringComparison.Ordinal);

        // The broker is back: the trucks' queues send everything over MQTT (A: 11..30, B: 1..25, in batches of 5).
        await broker.StartAsync();
        using (IMqttClient device = await FleetTest.DeviceAsync(broker.Uri))
        {
            for (int first = 11; first <= 30; first += 5)
            {
                await FleetTest.PublishAsync(device, "truck-a", InstanceA, (ulong)first, driveA[(first - 1)..(first + 4)]);
            }

            for (int first = 1; first <= 25; first += 5)
            {
                await FleetTest.PublishAsync(device, "truck-b", InstanceB, (ulong)first, driveB[(first - 1)..(first + 4)]);
            }
        }

        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.FixesUpgraded == 40 && ingestor.Status.FixesInserted == 15), TimeSpan.FromSeconds(30),
            () => $"{ingestor.Status}");
        await stopForwarding.CancelAsync();
        await forwarding.ContinueWith(_ => { }, TaskScheduler.Default);

        FleetIngestorStatus after = ingestor.Status;
        Assert.Equal(0, after.FixesAlreadyStored);
        Assert.Equal(0, after.WriteFailures);
        Assert.Equal(new Dictionary<string, long> { ["mqtt"] = 15, ["upgraded"] = 40 }, await ingestor.Store.CountFixesByPathAsync());

        // Every fix once, under the full queue instance, at full resolution again, the upgrade noted.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT device, queue_instance, count(*), count(DISTINCT sequence), min(sequence), max(sequence),
                   count(upgraded_utc), count(*) FILTER (WHERE path = 'upgraded'), sum(ST_X(position::geometry))
            FROM fleet_fix GROUP BY device, queue_instance ORDER BY device
            """, connection);
        await using NpgsqlDataReader rows = await command.ExecuteReaderAsync();
        Assert.True(await rows.ReadAsync());
        Assert.Equal(("truck-a", unchecked((long)InstanceA), 30L, 30L, 1L, 30L, 20L, 20L),
            (rows.GetString(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), rows.GetInt64(5), rows.GetInt64(6), rows.GetInt64(7)));
        Assert.Equal(driveA.Sum(f => f.LongitudeDegrees!.Value), rows.GetDouble(8), 1e-6);
        Assert.True(await rows.ReadAsync());
        Assert.Equal(("truck-b", unchecked((long)InstanceB), 25L, 25L, 1L, 25L, 20L, 20L),
            (rows.GetString(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), rows.GetInt64(4), rows.GetInt64(5), rows.GetInt64(6), rows.GetInt64(7)));
        Assert.Equal(driveB.Sum(f => f.LongitudeDegrees!.Value), rows.GetDouble(8), 1e-6);
        Assert.False(await rows.ReadAsync());
    }

    private static SequencedFix[] Sequenced(GnssFix[] drive, int first, int last) =>
        Enumerable.Range(first, last - first + 1).Select(s => new SequencedFix(s, drive[s - 1])).ToArray();

    // Sends the fixes as identified reports, as many per message as the card takes; returns the number of reports.
    private static async Task<int> SendBySatelliteAsync(RdssTerminal truck, SequencedFix[] fixes, ulong queueInstance)
    {
        int maxBytes = (await truck.GetCardInfoAsync()).MaxMessageBits / 8, reports = 0;
        for (int next = 0; next < fixes.Length; reports++)
        {
            byte[] report = RdssPositionReports.EncodeIdentified(fixes[next..], unchecked((uint)queueInstance), maxBytes, out int packed);
            Assert.True(packed > 0);
            RdssSendResult sent = await truck.SendAsync(Centre, report);
            Assert.True(sent.IsSent, sent.Detail);
            next += packed;
        }

        return reports;
    }
}
