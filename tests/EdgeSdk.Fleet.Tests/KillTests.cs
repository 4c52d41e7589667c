using System.Diagnostics;
using EdgeSdk.Gnss;
using MQTTnet;
using Npgsql;

namespace EdgeSdk.Fleet.Tests;

public sealed class KillTests
{
    [Fact]
    public async Task An_ingest_process_killed_with_SIGKILL_and_restarted_on_its_session_stores_every_fix_exactly_once()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("kill");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);
        GnssFix[] drive = FleetTest.Fixes(400, 10, 50, FleetTest.Day.AddHours(12));
        Task Batch(int batch) => FleetTest.PublishAsync(device, "truck-k", 3, (ulong)(batch * 10) + 1, drive[(batch * 10)..((batch + 1) * 10)]);

        using (Process first = await StartIngestAsync(broker, database))
        {
            for (int batch = 0; batch < 20; batch++)
            {
                await Batch(batch);
            }

            await FleetTest.WaitUntilAsync(async () => await CountAsync(database) >= 50, TimeSpan.FromSeconds(10));
            first.Kill(); // SIGKILL: no goodbye; whatever it held uncommitted or unacknowledged is the broker's again
            await first.WaitForExitAsync();
            Assert.Equal(137, first.ExitCode);
        }

        long storedBeforeRestart = await CountAsync(database);
        for (int batch = 20; batch < 40; batch++)
        {
            await Batch(batch); // the broker keeps these for the absent session
        }

        using Process second = await StartIngestAsync(broker, database, "--count", (400 - storedBeforeRestart).ToString(System.Globalization.CultureInfo.InvariantCulture));
        string summary = (await second.StandardError.ReadToEndAsync()).Trim();
        await second.WaitForExitAsync();
        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith($"edgesdk fleet ingest: {400 - storedBeforeRestart} fixes and 0 events stored", summary);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT min(sequence), max(sequence), count(DISTINCT sequence), count(*) FROM fleet_fix WHERE device = 'truck-k'", connection);
        await using NpgsqlDataReader row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal((1L, 400L, 400L, 400L), (row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3)));
    }

    private static async Task<long> CountAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM fleet_fix", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // `edgesdk fleet ingest` on a fixed client ID (a persistent session); returns once it has said it is subscribed.
    private static async Task<Process> StartIngestAsync(Mosquitto broker, string database, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "fleet", "ingest", "--mqtt", broker.Uri.ToString(),
            "--db", database, "--fleet", "test", "--client-id", "platform-kill", "--status-every", "0" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20 * FleetTest.BusyMachineFactor));
        string? line = await process.StandardError.ReadLineAsync(timeout.Token);
        Assert.StartsWith("edgesdk fleet ingest: mqtt://127.0.0.1:", line);
        return process;
    }
}
