using Xunit.Abstractions;

namespace EdgeSdk.Fleet.Tests;

public sealed class LoadTests(ITestOutputHelper output)
{
    // 50 vehicles at 1 Hz for 60 s through a private mosquitto restarted twice, two `edgesdk fleet ingest` processes
    // (one SIGKILLed and restarted) and a rogue burst. Asserts counts only; the latency and RSS are printed, not asserted.
    [Fact]
    public async Task Fifty_vehicles_through_broker_restarts_a_consumer_SIGKILL_and_a_rogue_burst_lose_and_duplicate_nothing()
    {
        const int Vehicles = 50, Seconds = 60, Rogue = 70; // 70: ten of each kind of bad message
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("load");

        FleetLoadReport report = await FleetLoadTest.RunAsync(new FleetLoadOptions
        {
            Vehicles = Vehicles,
            RateHertz = 1,
            Duration = TimeSpan.FromSeconds(Seconds),
            ConnectionString = database,
            Consumers = 2,
            ConsumerCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "fleet", "ingest"],
            Fleet = "loadtest",
            RogueMessages = Rogue,
            SettleTimeout = TimeSpan.FromMinutes(10), // a busy shared machine; the run stops by itself either way
        }, line => output.WriteLine(line));
        output.WriteLine(report.ToString());

        Assert.True(report.Settled, "the run did not settle: " + string.Join('\n', report.Timeline));
        Assert.Equal(Vehicles * Seconds, report.FixesGenerated);
        Assert.Equal(0, report.FixesUndelivered);
        Assert.Equal(Vehicles * Seconds, report.FixesAcknowledged);
        Assert.Equal(Vehicles * Seconds, report.RowsStored);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(0, report.VehiclesMismatched);
        Assert.Equal(2, report.BrokerRestarts);
        Assert.Equal(1, report.ConsumerKills);
        Assert.Equal(Rogue, report.RogueMessagesSent);
        Assert.Equal(Rogue, report.RogueMessagesCounted);
        Assert.True(report.Passed);
        Assert.Equal(["load", "consumer-1", "consumer-2"], report.Processes.Select(p => p.Name));
        Assert.All(report.Processes, p => Assert.True(p.PeakRssBytes >= p.RssBytes && p.RssBytes > 0, $"{p.Name}: no memory reading"));
    }
}
