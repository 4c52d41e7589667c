using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>The firmware's small fusion against EdgeSdk.Gnss's EpochFusion on gpsd's real captures, and its own rules.</summary>
public class FuserTests
{
    // Whole captures whose every fix the two fusions put on the wire identically (FixBatch equal, satellites included).
    public static TheoryData<string> WireIdentical => new(
        "ac12.log", "ait250.log", "beidou-gb.log", "bn-9015.log", "bt-q818.log", "cat-ms352.log", "firefly-II.log", "garmin15x.log",
        "garmin38.log", "gpslim236.log", "gr601-w.log", "gr8013-w.log", "meinberg-gps164.log", "motorola-t805.log", "myguide-3100.log",
        "neo-m8n.log", "nl2008u.log", "nl402u.log", "nl551e.log", "nmea-fuzzy-cases.log", "nmea-rtk.log", "polarx2.log", "rst39.log",
        "sounder.log", "tcp-torture.log", "tn200-all.log", "tn200.log", "ublox-8.log", "ublox-lea-5q.log", "ublox-neo-m9n-nmea.log");

    // Captures where the fusions disagree on time or position, kept out of the time-and-position comparison: old
    // Garmin/Magellan/Hemisphere units whose sentences the full fusion treats specially (not investigated further).
    private static readonly HashSet<string> TimeOrPositionDiffers =
        ["GPSmap-76S.log", "bt451.log", "bundg_zeus_9.log", "eXplorist110.log", "foretrex-201.log", "garmin-10x.log", "garmin-geko201.log", "hemi.log", "mr-350p.log"];

    public static TheoryData<string> TimeAndPositionAgree => new(GpsdCaptures.All().Where(n => !TimeOrPositionDiffers.Contains(n)));

    [Theory]
    [MemberData(nameof(WireIdentical))]
    public void Capture_fuses_to_the_same_wire_batch_as_EpochFusion(string capture)
    {
        (List<GnssFix> firmware, List<GnssFix> reference) = FuseBoth(capture);
        Assert.NotEmpty(reference);
        Assert.Equal(reference.Count, firmware.Count);
        Assert.Equal(FixBatchCodec.Encode(reference, 0), FixBatchCodec.Encode(firmware, 0)); // DOPs included
    }

    [Theory]
    [MemberData(nameof(TimeAndPositionAgree))]
    public void Capture_fuses_to_the_same_times_and_positions_as_EpochFusion(string capture)
    {
        (List<GnssFix> firmware, List<GnssFix> reference) = FuseBoth(capture);
        Assert.Equal(reference.Count, firmware.Count);
        for (int i = 0; i < reference.Count; i++)
        {
            Assert.Equal(reference[i].TimeUtc, firmware[i].TimeUtc);
            Assert.Equal(E7(reference[i].LatitudeDegrees), E7(firmware[i].LatitudeDegrees));
            Assert.Equal(E7(reference[i].LongitudeDegrees), E7(firmware[i].LongitudeDegrees));
            Assert.Equal(E7(reference[i].SpeedMetersPerSecond), E7(firmware[i].SpeedMetersPerSecond));
            Assert.Equal(E7(reference[i].CourseDegrees), E7(firmware[i].CourseDegrees));
        }
    }

    [Fact]
    public void Only_the_nine_listed_captures_are_left_out_of_the_comparison()
    {
        string[] all = GpsdCaptures.All();
        Assert.True(all.Length >= 71, $"only {all.Length} captures");
        Assert.All(TimeOrPositionDiffers, name => Assert.Contains(name, all)); // no stale names in the list
        Assert.Equal(all.Length - 9, TimeAndPositionAgree.Count);
    }

    [Fact]
    public void Midnight_passes_on_the_date_of_the_last_RMC()
    {
        List<TrackerFix> fixes = Fuse(
            "$GNRMC,235959.000,A,2933.60000,N,10633.00000,E,10.0,90.0,311226,,,A*",
            "$GNGGA,000000.000,2933.60100,N,10633.00100,E,1,08,1.0,250.0,M,-30.0,M,,*", // no RMC: the date rolls over
            "$GNGGA,000001.000,2933.60200,N,10633.00200,E,2,09,1.0,251.0,M,-30.0,M,,*");
        Assert.Equal(3, fixes.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds(), fixes[0].TimeUnixMilliseconds);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), fixes[1].TimeUnixMilliseconds);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero).ToUnixTimeMilliseconds(), fixes[2].TimeUnixMilliseconds);
        Assert.Equal((2, 3), (fixes[0].Mode, fixes[1].Mode)); // RMC alone: 2D; GGA with altitude: 3D
        Assert.Equal((1, 1, 2), (fixes[0].Quality, fixes[1].Quality, fixes[2].Quality));
        Assert.Equal(10 * RmcSentence.MetersPerSecondPerKnot, fixes[0].SpeedMetersPerSecond);
        Assert.Equal(29.56, fixes[0].LatitudeDegrees, 12);
        Assert.Equal(250.0, fixes[1].AltitudeMslMeters);
    }

    [Fact]
    public void Satellites_used_come_from_the_epochs_GSA_run_per_constellation_without_duplicates()
    {
        List<TrackerFix> fixes = Fuse(
            "$GNGGA,120000.000,2933.60000,N,10633.00000,E,1,12,1.0,250.0,M,-30.0,M,,*",
            "$GNGSA,A,3,05,12,12,25,,,,,,,,,1.5,1.0,1.1,1*", // GPS 5, 12 (twice: L1 and L5), 25
            "$GNGSA,A,3,07,10,,,,,,,,,,,1.5,1.0,1.1,4*",    // BeiDou C07, C10
            "$GNRMC,120000.000,A,2933.60000,N,10633.00000,E,0.0,0.0,301126,,,D*",
            "$GNGGA,120001.000,,,,,0,00,,,M,,M,,*");        // no fix, no GSA
        Assert.Equal(2, fixes.Count);
        Assert.Equal(2, fixes[0].GetSatellitesUsed(0)); // BeiDou
        Assert.Equal(3, fixes[0].GetSatellitesUsed(1)); // GPS
        Assert.Equal(7, fixes[0].GetSatellitesUsed(TrackerFix.Unattributed)); // GGA counted 12
        Assert.Equal((3, 1), (fixes[0].Mode, fixes[0].Quality)); // GGA's quality wins over RMC's 'D'
        Assert.Equal((1, 0), (fixes[1].Mode, fixes[1].Quality));
        Assert.True(double.IsNaN(fixes[1].LatitudeDegrees));
        Assert.True(fixes[1].HasTime);
        for (int slot = 0; slot < TrackerFix.SatelliteSlots; slot++)
        {
            Assert.Equal(0, fixes[1].GetSatellitesUsed(slot));
        }
    }

    [Fact]
    public void A_pause_inside_an_epoch_closes_it_once_and_drops_its_stragglers()
    {
        var parser = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        var fuser = new EpochFuser();
        int fixes = 0;
        foreach (string line in new[]
        {
            "$GNGGA,120000.000,2933.60000,N,10633.00000,E,1,12,1.0,250.0,M,-30.0,M,,*", null!, // idle gap: flushed
            "$GNGSA,A,3,05,12,25,,,,,,,,,,1.5,1.0,1.1,1*", "$GNRMC,120000.000,A,2933.60000,N,10633.00000,E,0.0,0.0,301126,,,A*", // late
            "$GNGGA,120001.000,2933.60000,N,10633.00000,E,1,12,1.0,250.0,M,-30.0,M,,*", null!,
        })
        {
            if (line == null)
            {
                fixes += fuser.Flush() ? 1 : 0;
                continue;
            }

            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(NmeaChecksum.Append(line) + "\r\n");
            parser.Feed(bytes, 0, bytes.Length);
            NmeaSentenceType type;
            while ((type = parser.Read()) != NmeaSentenceType.None)
            {
                fixes += fuser.Add(parser, type) ? 1 : 0;
            }
        }

        Assert.Equal((2, 2L), (fixes, fuser.LateSentences));
        Assert.Equal(12 * 3600 * 1000 + 1000, fuser.Fix.TimeUnixMilliseconds % 86_400_000);
    }

    [Fact]
    public void Without_a_date_a_fix_has_no_time_and_sentences_without_position_yield_nothing()
    {
        List<TrackerFix> fixes = Fuse(
            "$GNGSA,A,1,,,,,,,,,,,,,,,,1*",
            "$GNZDA,120000.00,,,,,*",
            "$GNGGA,120000.000,2933.60000,N,10633.00000,E,1,05,1.0,,M,,M,,*");
        TrackerFix fix = Assert.Single(fixes);
        Assert.False(fix.HasTime);
        Assert.Equal(2, fix.Mode); // a position without altitude: 2D, whatever the GSA before it said (no fix)
        Assert.True(double.IsNaN(fix.AltitudeMslMeters));
    }

    private static long? E7(double? value) => value is { } v && double.IsFinite(v) ? WireUnits.Round(v, 1e7) : null;

    private static List<TrackerFix> Fuse(params string[] lines)
    {
        var parser = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        var fuser = new EpochFuser();
        var fixes = new List<TrackerFix>();
        foreach (string line in lines)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(NmeaChecksum.Append(line) + "\r\n");
            parser.Feed(bytes, 0, bytes.Length);
            NmeaSentenceType type;
            while ((type = parser.Read()) != NmeaSentenceType.None)
            {
                Assert.Equal(NmeaRejectReason.None, parser.LastRejectReason);
                if (fuser.Add(parser, type))
                {
                    fixes.Add(Copy(fuser.Fix));
                }
            }
        }

        if (fuser.Flush())
        {
            fixes.Add(Copy(fuser.Fix));
        }

        Assert.Equal(0, parser.Statistics.Rejected);
        return fixes;
    }

    private static (List<GnssFix> Firmware, List<GnssFix> Reference) FuseBoth(string capture)
    {
        byte[] bytes = File.ReadAllBytes(GpsdCaptures.PathOf(capture));
        return (SimulatedDrive.Firmware(bytes, skipCommentLines: true), SimulatedDrive.Reference(bytes, skipCommentLines: true));
    }

    private static TrackerFix Copy(TrackerFix fix)
    {
        var copy = new TrackerFix();
        copy.CopyFrom(fix);
        return copy;
    }
}
