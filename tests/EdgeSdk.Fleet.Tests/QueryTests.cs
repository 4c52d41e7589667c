using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;
using Npgsql;

namespace EdgeSdk.Fleet.Tests;

public sealed class QueryTests
{
    // Along the equator the WGS 84 geodesic is the equator itself: 0.001° of longitude is a·Δλ metres.
    private const double MetersPerMilliDegreeOnEquator = 6_378_137.0 * 0.001 * Math.PI / 180;

    [Fact]
    public async Task Fixes_and_events_land_once_and_every_query_returns_exact_values()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("queries");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        await using var ingestor = new FleetIngestor(FleetTest.Ingestor(database, broker.Uri, clientId: "platform-queries"));
        await ingestor.StartAsync();
        using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);

        GnssFix[] a = FleetTest.Fixes(11, 0, 0, FleetTest.Day.AddHours(8));               // lon 0.000 .. 0.010
        GnssFix[] b1 = FleetTest.Fixes(5, 20, 0, FleetTest.Day.AddHours(9));              // lon 20.000 .. 20.004
        GnssFix[] b2 = FleetTest.Fixes(3, 21, 0, FleetTest.Day.AddDays(1).AddHours(10));  // the next day, lon 21.000 .. 21.002
        await FleetTest.PublishAsync(device, "truck-a", 7, 1, a[..6]);
        await FleetTest.PublishAsync(device, "truck-a", 7, 1, a[..6]);                    // a resend after a lost PUBACK
        await FleetTest.PublishAsync(device, "truck-a", 7, 7, a[6..]);
        await FleetTest.PublishAsync(device, "truck-b", 9, 1, b1);
        await FleetTest.PublishAsync(device, "truck-b", 9, 6, b2);
        await FleetTest.PublishAsync(device, TelemetryTopics.Fix("test", "truck-a"), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]); // not protobuf
        var lost = new Envelope { DeviceId = "truck-b", Sequence = 9, QueueInstance = 9, SentTimeUnixMs = 1_795_680_000_000, Event = new DeviceEvent { Kind = EventKind.FixesLost, Count = 3, Detail = "2-4" } };
        await FleetTest.PublishAsync(device, TelemetryTopics.Event("test", "truck-b"), lost.ToByteArray());

        await FleetTest.WaitUntilAsync(() => Task.FromResult(ingestor.Status.MessagesAcknowledged == 6 && ingestor.Status.Consumer.Malformed == 1),
            TimeSpan.FromSeconds(10), () => $"{ingestor.Status}");
        FleetIngestorStatus status = ingestor.Status;
        Assert.Equal(19, status.FixesInserted);
        Assert.Equal(6, status.FixesAlreadyStored);
        Assert.Equal(1, status.EventsInserted);
        Assert.Equal(0, status.WriteFailures);
        FleetStore store = ingestor.Store;
        Assert.Equal(19, await store.CountFixesAsync());
        Assert.Equal(19, await store.CountFixesAsync("test"));
        Assert.Equal(0, await store.CountFixesAsync("other"));
        Assert.Equal(2, await store.SchemaVersionAsync());

        // Last position of every vehicle.
        Assert.Equal(
            [
                new VehiclePosition("test", "truck-a", FleetTest.Day.AddHours(8).AddSeconds(10), 0, 0.01, 12.5),
                new VehiclePosition("test", "truck-b", FleetTest.Day.AddDays(1).AddHours(10).AddSeconds(2), 0, 21.002, 12.5),
            ],
            await store.LastPositionsAsync());

        // Inside a polygon now: WKT and GeoJSON.
        Assert.Equal(["truck-a"], (await store.InsideAsync("POLYGON((-1 -1, 1 -1, 1 1, -1 1, -1 -1))")).Select(p => p.DeviceId));
        Assert.Equal(["truck-b"], (await store.InsideAsync("""{"type":"Polygon","coordinates":[[[20.5,-1],[21.5,-1],[21.5,1],[20.5,1],[20.5,-1]]]}""")).Select(p => p.DeviceId));
        Assert.Empty(await store.InsideAsync("POLYGON((20 -1, 20.5 -1, 20.5 1, 20 1, 20 -1))")); // where truck-b was yesterday, not now
        ArgumentException bad = await Assert.ThrowsAsync<ArgumentException>(() => store.InsideAsync("POLYGON((1 2, 3"));
        Assert.StartsWith("the polygon is neither WKT nor GeoJSON", bad.Message);

        // A track in a time window: [08:00:02, 08:00:05) holds fixes 2, 3 and 4.
        using JsonDocument track = JsonDocument.Parse(await store.TrackGeoJsonAsync("truck-a", FleetTest.Day.AddHours(8).AddSeconds(2), FleetTest.Day.AddHours(8).AddSeconds(5)));
        Assert.Equal("Feature", track.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, track.RootElement.GetProperty("properties").GetProperty("fixes").GetInt32());
        Assert.Equal("2026-11-26T08:00:02.0000000Z", track.RootElement.GetProperty("properties").GetProperty("first").GetString());
        JsonElement geometry = track.RootElement.GetProperty("geometry");
        Assert.Equal("LineString", geometry.GetProperty("type").GetString());
        Assert.Equal([[0.002, 0], [0.003, 0], [0.004, 0]],
            geometry.GetProperty("coordinates").EnumerateArray().Select(p => p.EnumerateArray().Select(c => c.GetDouble()).ToArray()).ToArray());
        using JsonDocument empty = JsonDocument.Parse(await store.TrackGeoJsonAsync("truck-a", FleetTest.Day, FleetTest.Day.AddHours(1)));
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("geometry").ValueKind);
        Assert.Equal(0, empty.RootElement.GetProperty("properties").GetProperty("fixes").GetInt32());

        // Distance per vehicle per day, geodesic.
        IReadOnlyList<DailyDistance> days = await store.DistancePerDayAsync();
        Assert.Equal(
            [("truck-a", DateOnly.FromDateTime(FleetTest.Day), 11L), ("truck-b", DateOnly.FromDateTime(FleetTest.Day), 5L), ("truck-b", DateOnly.FromDateTime(FleetTest.Day).AddDays(1), 3L)],
            days.Select(d => (d.DeviceId, d.Day, d.Fixes)));
        Assert.Equal(10 * MetersPerMilliDegreeOnEquator, days[0].DistanceMeters, 1e-6);
        Assert.Equal(4 * MetersPerMilliDegreeOnEquator, days[1].DistanceMeters, 1e-6);
        Assert.Equal(2 * MetersPerMilliDegreeOnEquator, days[2].DistanceMeters, 1e-6);
        Assert.Equal([("truck-b", 3L)], (await store.DistancePerDayAsync(DateOnly.FromDateTime(FleetTest.Day).AddDays(1))).Select(d => (d.DeviceId, d.Fixes)));

        // The event row, as sent.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT device, queue_instance, sequence, kind, count, detail FROM fleet_event", connection);
        await using NpgsqlDataReader row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(("truck-b", 9L, 9L, "FixesLost", 3L, "2-4"), (row.GetString(0), row.GetInt64(1), row.GetInt64(2), row.GetString(3), row.GetInt64(4), row.GetString(5)));
        Assert.False(await row.ReadAsync());
    }

    [Fact]
    public void An_ingester_without_a_session_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new FleetIngestor(FleetTest.Ingestor("Host=127.0.0.1", new Uri("mqtt://127.0.0.1:1"))));
        Assert.Equal("the fleet ingester needs a fixed MQTT client ID (a persistent session), e.g. --client-id platform-1; give each ingester its own", error.Message);
    }

    [Fact]
    public async Task Migrations_apply_once_even_when_consumers_start_together_and_record_their_version()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("migrations");
        FleetStore[] stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => FleetStore.OpenAsync(database)));
        await using FleetStore again = await FleetStore.OpenAsync(database);
        foreach (FleetStore store in stores)
        {
            Assert.Equal(2, await store.SchemaVersionAsync());
            await store.DisposeAsync();
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(version || ':' || name, ',' ORDER BY version) FROM fleet_schema_version", connection);
        Assert.Equal("1:0001_fixes_and_events,2:0002_fix_path", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unreachable_database_is_one_clear_error()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = postgres.ConnectionString("postgres");
        await postgres.StopAsync();
        IOException error = await Assert.ThrowsAsync<IOException>(() => FleetStore.OpenAsync(database));
        Assert.StartsWith($"the database at 127.0.0.1:{postgres.Port}/postgres cannot be used: ", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
