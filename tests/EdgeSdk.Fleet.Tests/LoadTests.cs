using Xunit.Abstractions;

namespace EdgeSdk.Fleet.Tests;

public sealed class LoadTests(ITestOutputHelper output)
{
    // 50 vehicles at 1 Hz for 60 s, two `edgesdk fleet ingest` processes in a shared group (one SIGKILLed and restarted),
    // a rogue burst, and the private mosquitto restarted twice (or not). Asserts counts only; latency and RSS are printed.
    // With the restarts the vehicles hold what a restarted broker cannot deliver yet (mosquitto 2.0 does not save
    // shared subscriptions; see BrokerRestartTests) and send it again once the ingestors have subscribed, and an
    // ingestor that lives through a restart keeps acknowledging (it skips acknowledgements of the lost connection).
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Fifty_vehicles_through_a_consumer_SIGKILL_a_rogue_burst_and_broker_restarts_lose_and_duplicate_nothing(int brokerRestarts)
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
            BrokerRestarts = brokerRestarts,
            SettleTimeout = TimeSpan.FromMinutes(3), // settling takes seconds; generous for a busy shared machine
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
        Assert.Equal(brokerRestarts, report.BrokerRestarts);
        Assert.Equal(1, report.ConsumerKills);
        Assert.Equal(Rogue, report.RogueMessagesSent);
        Assert.Equal(Rogue, report.RogueMessagesCounted);
        Assert.True(report.Passed);
        Assert.Equal(["load", "consumer-1", "consumer-2"], report.Processes.Select(p => p.Name));
        Assert.All(report.Processes, p => Assert.True(p.PeakRssBytes >= p.RssBytes && p.RssBytes > 0, $"{p.Name}: no memory reading"));
    }
}
