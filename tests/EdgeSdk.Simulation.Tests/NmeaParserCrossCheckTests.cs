using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Faults;
using EdgeSdk.Simulation.Receiver;

namespace EdgeSdk.Simulation.Tests;

/// <summary>The simulator's output read back with EdgeSdk.Nmea's own parser.</summary>
public class NmeaParserCrossCheckTests
{
    [Theory]
    [InlineData(ReceiverModel.Casic)]
    [InlineData(ReceiverModel.UbloxM9)]
    [InlineData(ReceiverModel.LegacyGps)]
    public async Task Every_sentence_decodes_and_gsv_satellites_are_the_simulated_ones(ReceiverModel model)
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { Receiver = model, DurationSeconds = 30 });
        var parser = new NmeaParser();
        parser.Feed(run.Bytes, 0, run.Bytes.Length);
        parser.Complete();

        int decoded = 0;
        var seen = new HashSet<(GnssSystem, int)>();
        NmeaSentenceType type;
        while ((type = parser.Read()) != NmeaSentenceType.None)
        {
            Assert.Equal(NmeaRejectReason.None, parser.LastRejectReason);
            decoded++;
            if (type == NmeaSentenceType.Gsv)
            {
                for (int i = 0; i < parser.Gsv.SatelliteCount; i++)
                {
                    SatelliteId id = parser.Gsv.GetSatellite(i).Id;
                    seen.Add((id.System, id.Number));
                }
            }
        }

        Assert.Equal(run.Lines.Length, decoded);
        Assert.Equal(0, parser.Statistics.Rejected);
        var simulated = run.Truth.SelectMany(t => t.GetProperty("satellites").EnumerateArray())
            .Select(s => (System(s.GetProperty("system").GetString()!), s.GetProperty("prn").GetInt32())).ToHashSet();
        Assert.Equal(simulated, seen);
    }

    [Fact]
    public async Task The_parser_rejects_exactly_the_corrupted_checksums()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 200, Faults = FaultSpec.Parse("checksum=0.02") });
        var parser = new NmeaParser();
        parser.Feed(run.Bytes, 0, run.Bytes.Length);
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
        }

        int corrupted = run.Truth.Sum(t => t.GetProperty("faults").GetArrayLength());
        Assert.True(corrupted > 50);
        Assert.Equal(corrupted, parser.Statistics.GetRejected(NmeaRejectReason.BadChecksum));
        Assert.Equal(corrupted, parser.Statistics.Rejected);
    }

    private static GnssSystem System(string name) => name switch
    {
        "gps" => GnssSystem.Gps,
        "beidou" => GnssSystem.Beidou,
        "glonass" => GnssSystem.Glonass,
        _ => GnssSystem.Galileo,
    };
}
