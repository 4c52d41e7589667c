using System.Text.Json;
using EdgeSdk.Simulation.Faults;
using EdgeSdk.Simulation.Receiver;

namespace EdgeSdk.Simulation.Tests;

public class SimulatorOutputTests
{
    [Fact]
    public async Task Same_scenario_and_seed_give_byte_identical_output_and_truth()
    {
        var options = new SimulationOptions { DurationSeconds = 120, RateHz = 5, Faults = FaultSpec.Parse("checksum=0.01,drop=0.01,garbage=0.01") };
        SimRun a = await SimRun.RunAsync(options);
        SimRun b = await SimRun.RunAsync(options);
        SimRun other = await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 120, RateHz = 5, Seed = 7, Faults = options.Faults });

        Assert.Equal(600, a.Summary.Epochs);
        Assert.Equal(a.Bytes, b.Bytes);
        Assert.Equal(a.TruthBytes, b.TruthBytes);
        Assert.NotEqual(a.Bytes, other.Bytes);
    }

    [Theory]
    [InlineData(ReceiverModel.Casic, 1)]
    [InlineData(ReceiverModel.Casic, 10)]
    [InlineData(ReceiverModel.UbloxM9, 5)]
    [InlineData(ReceiverModel.LegacyGps, 1)]
    public async Task Without_faults_every_sentence_has_a_valid_checksum(ReceiverModel model, int rate)
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { Receiver = model, RateHz = rate, DurationSeconds = 60 });

        Assert.True(run.Lines.Length > 60 * 5);
        Assert.All(run.Lines, line => Assert.True(SimRun.HasValidChecksum(line), line));
        Assert.EndsWith("\r\n", run.Text);
    }

    [Fact]
    public async Task Line_faults_are_the_only_invalid_lines_and_each_is_counted_in_the_truth()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions
        {
            DurationSeconds = 300, Faults = FaultSpec.Parse("checksum=0.02,truncate=0.01,garbage=0.01,binary=0.005"),
        });

        int lineFaults = run.Truth.Sum(t => t.GetProperty("faults").GetArrayLength());
        int invalid = run.Lines.Count(l => !SimRun.HasValidChecksum(l));
        Assert.Equal(lineFaults, run.Summary.FaultsInjected);
        Assert.True(invalid > 50, $"{invalid} invalid lines");
        // A truncated line merges with the next one, garbage or a binary burst prefixes the next line:
        // each fault spoils at most one line.
        Assert.InRange(invalid, 1, lineFaults);
        int checksumFaults = run.Truth.Sum(t => t.GetProperty("faults").EnumerateArray().Count(f => f.GetString() == "checksum"));
        Assert.True(checksumFaults > 20);
    }

    [Fact]
    public async Task Drop_and_duplicate_change_the_sentence_count_by_what_the_truth_says()
    {
        SimRun clean = await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 100 });
        SimRun faulty = await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 100, Faults = FaultSpec.Parse("drop=0.05,duplicate=0.03") });

        var kinds = faulty.Truth.SelectMany(t => t.GetProperty("faults").EnumerateArray().Select(f => f.GetString())).ToList();
        int drops = kinds.Count(k => k == "drop"), duplicates = kinds.Count(k => k == "duplicate");
        Assert.True(drops > 20 && duplicates > 10);
        Assert.Equal(clean.Lines.Length - drops + duplicates, faulty.Lines.Length);
        Assert.All(faulty.Lines, line => Assert.True(SimRun.HasValidChecksum(line), line));
    }

    [Fact]
    public async Task A_reset_sends_the_casic_boot_banner_and_loses_the_fix()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 3, Faults = FaultSpec.Parse("reset=1") });

        Assert.Equal(3, run.Truth.Count(t => t.GetProperty("reset").GetBoolean()));
        Assert.Equal(3, run.Lines.Count(l => l.StartsWith("$GPTXT,01,01,02,MA=CASIC*")));
        Assert.DoesNotContain(run.Lines, l => l.StartsWith("$GNGGA"));
        Assert.All(run.Lines, l => Assert.True(SimRun.HasValidChecksum(l), l));
        Assert.All(run.Truth, t => Assert.Equal(1, t.GetProperty("fixMode").GetInt32()));
    }

    [Fact]
    public async Task Each_epoch_fits_the_baud_rate_and_what_does_not_fit_is_counted()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { Receiver = ReceiverModel.UbloxM9, RateHz = 10, BaudRate = 9600, DurationSeconds = 30 });

        Assert.All(run.Truth, t => Assert.True(t.GetProperty("bytes").GetInt32() <= 96));
        int dropped = run.Truth.Sum(t => t.GetProperty("droppedSentences").GetInt32());
        Assert.True(dropped > 300, $"{dropped} dropped");
        Assert.Equal(dropped, run.Summary.DroppedSentences);
        Assert.Equal(run.Bytes.Length, run.Truth.Sum(t => t.GetProperty("bytes").GetInt32()));
        // The first sentences of the epoch (RMC, VTG) still go out.
        Assert.Equal(300, run.Lines.Count(l => l.StartsWith("$GNRMC")));
    }

    [Fact]
    public async Task Receiver_models_speak_their_own_dialect()
    {
        string[] casic = (await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 20 })).Lines;
        string[] ublox = (await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 20, Receiver = ReceiverModel.UbloxM9 })).Lines;
        string[] legacy = (await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 20, Receiver = ReceiverModel.LegacyGps })).Lines;

        // CASIC: GGA first, GN nav talker, GP/BD/GL GSV with signal ID 0, GSA system IDs 1, 4, 2, ZDA.
        Assert.StartsWith("$GNGGA,013000.000,", casic[0]);
        Assert.Contains(casic, l => l.StartsWith("$BDGSV,") && l.EndsWith(",0*" + l[^2..]));
        Assert.Equal(new[] { "1", "4", "2" }, casic.Where(l => l.StartsWith("$GNGSA")).Take(3).Select(l => l.Split(',')[18].Split('*')[0]));
        Assert.Contains(casic, l => l.StartsWith("$GNZDA,"));

        // u-blox M9: RMC first, four GSA with system IDs 1–4, Galileo GSV with signal 7, BeiDou as GB.
        Assert.StartsWith("$GNRMC,013000.00,", ublox[0]);
        Assert.Equal(new[] { "1", "2", "3", "4" }, ublox.Where(l => l.StartsWith("$GNGSA")).Take(4).Select(l => l.Split(',')[18].Split('*')[0]));
        Assert.Contains(ublox, l => l.StartsWith("$GAGSV,") && l.Split('*')[0].EndsWith(",7"));
        Assert.Contains(ublox, l => l.StartsWith("$GBGSV,"));
        Assert.DoesNotContain(ublox, l => l.StartsWith("$BD"));

        // NMEA 2.3 GPS-only: GP talker only, GSA without system ID (18 fields), no signal ID.
        Assert.All(legacy, l => Assert.StartsWith("$GP", l));
        Assert.All(legacy.Where(l => l.StartsWith("$GPGSA")), l => Assert.Equal(18, l.Split(',').Length));
        Assert.All(legacy.Where(l => l.StartsWith("$GPGGA") && l.Split(',')[6] == "1"), l => Assert.InRange(int.Parse(l.Split(',')[7]), 3, 12));
    }

    [Fact]
    public async Task Tunnel_has_no_satellites_and_no_fix_then_reacquires_within_seconds()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions());
        List<JsonElement> truth = run.Truth;
        string[] gga = run.Lines.Where(l => l.StartsWith("$GNGGA")).ToArray();
        Assert.Equal(truth.Count, gga.Length);

        int[] tunnel = Enumerable.Range(0, truth.Count).Where(i => truth[i].GetProperty("environment").GetString() == "tunnel").ToArray();
        Assert.True(tunnel.Length > 120, $"{tunnel.Length} s in the tunnel"); // 2.5 km at ≤ 60 km/h
        foreach (int i in tunnel)
        {
            Assert.Equal(0, truth[i].GetProperty("satellitesVisible").GetInt32());
            Assert.Equal(1, truth[i].GetProperty("fixMode").GetInt32());
            Assert.Equal("0", gga[i].Split(',')[6]);
        }

        int exit = tunnel[^1] + 1;
        int firstFix = Enumerable.Range(exit, 30).First(i => truth[i].GetProperty("fixMode").GetInt32() == 3);
        Assert.InRange(firstFix - exit, 1, 6);
        Assert.Equal("0", gga[exit].Split(',')[6]);
    }

    [Fact]
    public async Task Reported_positions_stay_within_the_noise_bound_of_the_truth_for_the_whole_drive()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { NoiseMeters = 3 });
        List<JsonElement> truth = run.Truth;
        string[] gga = run.Lines.Where(l => l.StartsWith("$GNGGA")).ToArray();
        int fixes = 0;
        double worstRatio = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            string[] f = gga[i].Split(',');
            if (f[6] != "1")
            {
                continue;
            }

            fixes++;
            (double lat, double lon) = SimRun.ParseLatLon(f[2], f[3], f[4], f[5]);
            double error = SimRun.Meters(truth[i].GetProperty("latitudeDegrees").GetDouble(), truth[i].GetProperty("longitudeDegrees").GetDouble(), lat, lon);
            double bound = truth[i].GetProperty("horizontalErrorBoundMeters").GetDouble();
            Assert.True(error <= bound + 0.05, $"epoch {i}: {error:F2} m > {bound:F2} m");
            worstRatio = Math.Max(worstRatio, error / bound);
        }

        Assert.True(fixes > truth.Count * 0.8, $"{fixes} fixes of {truth.Count}");
        Assert.True(worstRatio > 0.3, "noise should actually be present"); // not a zero-noise pass
        Assert.True(truth.Count > 900, "the drive lasts tens of minutes");
    }

    [Fact]
    public async Task Urban_canyon_sees_fewer_satellites_and_worse_dop_than_open_sky()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions());
        var open = run.Truth.Where(t => t.GetProperty("environment").GetString() == "open" && t.GetProperty("fixMode").GetInt32() == 3).ToList();
        var canyon = run.Truth.Where(t => t.GetProperty("environment").GetString() == "urbanCanyon" && t.GetProperty("fixMode").GetInt32() == 3).ToList();

        Assert.NotEmpty(canyon);
        Assert.True(canyon.Average(t => t.GetProperty("satellitesUsed").GetInt32()) < open.Average(t => t.GetProperty("satellitesUsed").GetInt32()) - 5);
        Assert.True(canyon.Average(t => t.GetProperty("hdop").GetDouble()) > open.Average(t => t.GetProperty("hdop").GetDouble()));
    }

    [Fact]
    public async Task Satellites_in_gsv_are_the_truth_satellites_with_rounded_elevation_and_azimuth()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { DurationSeconds = 1, Receiver = ReceiverModel.LegacyGps });
        JsonElement truth = run.Truth[0];
        var fromGsv = run.Lines.Where(l => l.StartsWith("$GPGSV")).SelectMany(l =>
        {
            string[] f = l.Split('*')[0].Split(',');
            return Enumerable.Range(0, (f.Length - 4) / 4).Select(k => (Prn: int.Parse(f[4 + (4 * k)]), El: int.Parse(f[5 + (4 * k)]), Az: int.Parse(f[6 + (4 * k)])));
        }).ToList();
        var expected = truth.GetProperty("satellites").EnumerateArray()
            .Select(s => (Prn: s.GetProperty("prn").GetInt32(), El: (int)Math.Round(s.GetProperty("elevationDegrees").GetDouble()), Az: (int)Math.Round(s.GetProperty("azimuthDegrees").GetDouble()) % 360)).ToList();
        Assert.True(expected.Count >= 6);
        foreach (var (prn, el, az) in expected)
        {
            var gsv = fromGsv.Single(s => s.Prn == prn);
            Assert.InRange(gsv.El - el, -1, 1); // truth is rounded to 0.01° before we round again
            Assert.InRange(gsv.Az - az, -1, 1);
        }
    }

    [Fact]
    public void Fault_spec_parses_and_rejects_with_a_clear_message()
    {
        FaultSpec spec = FaultSpec.Parse("checksum=0.01, reset=0.5");
        Assert.Equal(0.01, spec.ChecksumRate);
        Assert.Equal(0.5, spec.ResetRate);
        Assert.Equal("checksum=0.01,reset=0.5", spec.ToString());
        Assert.True(FaultSpec.Parse("none").IsNone);
        var error = Assert.Throws<ArgumentException>(() => FaultSpec.Parse("bogus=0.1"));
        Assert.Contains("checksum, truncate, garbage, binary, drop, duplicate, reset", error.Message);
        Assert.Throws<ArgumentException>(() => FaultSpec.Parse("drop=2"));
    }
}

public class SkyBehaviourTests
{
    [Fact]
    public async Task Cn0_falls_with_elevation_and_used_satellites_are_chosen_like_a_receiver()
    {
        SimRun run = await SimRun.RunAsync(new SimulationOptions { Receiver = ReceiverModel.UbloxM9, DurationSeconds = 600 });
        var tracked = run.Truth.SelectMany(t => t.GetProperty("satellites").EnumerateArray())
            .Where(s => s.GetProperty("cn0DbHz").GetInt32() > 0).ToList();
        double high = tracked.Where(s => s.GetProperty("elevationDegrees").GetDouble() > 60).Average(s => s.GetProperty("cn0DbHz").GetInt32());
        double low = tracked.Where(s => s.GetProperty("elevationDegrees").GetDouble() < 15).Average(s => s.GetProperty("cn0DbHz").GetInt32());
        Assert.True(high - low > 8, $"{high:F1} dB-Hz high vs {low:F1} dB-Hz low");

        foreach (JsonElement epoch in run.Truth)
        {
            var used = epoch.GetProperty("satellites").EnumerateArray().Where(s => s.GetProperty("used").GetBoolean()).ToList();
            Assert.Equal(used.Count, epoch.GetProperty("satellitesUsed").GetInt32());
            Assert.All(used, s => Assert.True(s.GetProperty("cn0DbHz").GetInt32() >= 26 && s.GetProperty("elevationDegrees").GetDouble() >= 5));
            Assert.All(used.GroupBy(s => s.GetProperty("system").GetString()), g => Assert.InRange(g.Count(), 1, 12));
            int expectedMode = used.Count >= 4 ? 3 : used.Count == 3 ? 2 : 1;
            Assert.Equal(expectedMode, epoch.GetProperty("fixMode").GetInt32());
        }

        // Four constellations used at once in open sky, BeiDou's GEO satellites among them.
        Assert.Contains(run.Truth, t => t.GetProperty("satellites").EnumerateArray()
            .Where(s => s.GetProperty("used").GetBoolean()).Select(s => s.GetProperty("system").GetString()).Distinct().Count() == 4);
        Assert.Contains(tracked, s => s.GetProperty("system").GetString() == "beidou" && s.GetProperty("prn").GetInt32() == 61);
    }
}
