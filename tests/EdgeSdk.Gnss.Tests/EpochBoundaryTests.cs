using static EdgeSdk.Gnss.Tests.EpochFusionTests;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// The epoch boundary rule (src/EdgeSdk.Gnss/README.md, "Epoch boundaries") on synthetic streams:
/// missing or inconsistent time fields never glue two epochs together and never lose a fix.
/// </summary>
public class EpochBoundaryTests
{
    // One quiet-receiver epoch: position sentences with the given time (may be empty) and a sky.
    private static string[] Epoch(string time, string lat, bool withRmc = true)
    {
        var list = new List<string>
        {
            $"$GPGGA,{time},{lat},N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
            "$GPGSA,A,3,04,05,09,12,,,,,,,,,2.5,1.3,2.1",
            "$GPGSV,1,1,04,04,40,083,46,05,17,308,41,09,07,344,39,12,22,228,45",
        };
        if (withRmc)
        {
            list.Insert(0, $"$GPRMC,{time},A,{lat},N,01131.000,E,022.4,084.4,230394,003.1,W");
        }

        return [.. list];
    }

    private static string Lat(int i) => $"48{i:00}.038";

    [Fact]
    public void Empty_times_make_one_fix_per_epoch_each_with_its_own_position()
    {
        string[] stream = Enumerable.Range(0, 10).SelectMany(i => Epoch(string.Empty, Lat(i))).ToArray();
        List<GnssFix> fixes = Fuse(stream);
        Assert.Equal(10, fixes.Count);
        for (int i = 0; i < 10; i++)
        {
            Assert.Null(fixes[i].TimeUtc);
            Assert.Equal(48 + (i / 60.0) + (0.038 / 60), fixes[i].LatitudeDegrees!.Value, 9);
            Assert.Equal(4, fixes[i].Satellites.Count);
        }
    }

    [Fact]
    public void Minutes_of_empty_times_then_timed_fixes_with_two_and_three_decimals_lose_nothing()
    {
        // A receiver that sends untimed no-fix sentences before its first fix, then times with 2 or 3 decimals.
        var stream = new List<string>();
        for (int i = 0; i < 120; i++)
        {
            stream.Add("$GPRMC,,V,,,,,,,,,,N");
            stream.Add("$GPGGA,,,,,,0,,,,,,,,");
            stream.Add("$GPGSV,1,1,01,04,40,083,");
        }

        string[] times = ["105153.71", "105153.408", "105154.71", "105154.408", "105155.71", "105155.408"];
        for (int i = 0; i < times.Length; i++)
        {
            stream.AddRange(Epoch(times[i], Lat(i)));
        }

        List<GnssFix> fixes = Fuse([.. stream]);
        Assert.True(120 == fixes.Count(f => f.TimeUtc is null && !f.HasPosition), string.Join("\n", fixes.Skip(115).Select(f => $"{f.TimeUtc} {f.Mode} {f.LatitudeDegrees} {f.Satellites.Count}")));
        List<GnssFix> positioned = fixes.Where(f => f.HasPosition).ToList();
        Assert.True(times.Length == positioned.Count, string.Join("\n", fixes.Skip(118).Select(f => $"{f.TimeUtc:HH:mm:ss.fff} {f.Mode} {f.LatitudeDegrees} {f.Satellites.Count}")));
        Assert.Equal(
            ["10:51:53.710", "10:51:53.408", "10:51:54.710", "10:51:54.408", "10:51:55.710", "10:51:55.408"],
            positioned.Select(f => f.TimeUtc!.Value.ToString("HH:mm:ss.fff")));
    }

    [Fact]
    public void The_same_instant_with_two_and_three_decimals_is_one_epoch()
    {
        // RMC prints 2 decimals, GGA 3: within gpsd's 10 ms they are one instant.
        List<GnssFix> fixes = Fuse(
            "$GPRMC,105153.40,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W",
            "$GPGGA,105153.408,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
            "$GPRMC,105154.40,A,4808.038,N,01131.000,E,022.4,084.4,230394,003.1,W",
            "$GPGGA,105154.408,4808.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        Assert.Equal(2, fixes.Count);
        Assert.Equal(["10:51:53.408", "10:51:54.408"], fixes.Select(f => f.TimeUtc!.Value.ToString("HH:mm:ss.fff")));
        Assert.All(fixes, f => Assert.Equal(545.4, f.AltitudeMslMeters));
    }

    [Fact]
    public void Stamps_exactly_10_ms_apart_are_two_epochs()
    {
        // The Telit SL869 stamps 102143.990 then 102144.000; gpsd's rule is |a - b| < 10 ms, so it
        // reports both epochs, with their own positions.
        string[] stream = [.. Epoch("102143.990", Lat(1)), .. Epoch("102144.000", Lat(2)), .. Epoch("102144.009", Lat(2))];
        List<GnssFix> fixes = Fuse(stream);
        Assert.Equal(["10:21:43.990", "10:21:44.009"], fixes.Select(f => f.TimeUtc!.Value.ToString("HH:mm:ss.fff")));
        Assert.Equal([48.0173, 48.033966667], fixes.Select(f => Math.Round(f.LatitudeDegrees!.Value, 9))); // 48° 01.038', 48° 02.038'
    }

    [Fact]
    public void Time_going_backwards_starts_a_new_epoch()
    {
        string[] stream = [.. Epoch("105155.00", Lat(1)), .. Epoch("105154.00", Lat(2)), .. Epoch("105156.00", Lat(3))];
        List<GnssFix> fixes = Fuse(stream);
        Assert.Equal(["10:51:55", "10:51:54", "10:51:56"], fixes.Select(f => f.TimeUtc!.Value.ToString("HH:mm:ss")));
        Assert.All(fixes, f => Assert.True(f.HasPosition));
    }

    [Fact]
    public void A_missing_RMC_loses_neither_that_epoch_nor_the_next()
    {
        string[] stream = [.. Epoch("105153.00", Lat(1)), .. Epoch("105154.00", Lat(2), withRmc: false), .. Epoch("105155.00", Lat(3))];
        List<GnssFix> fixes = Fuse(stream);
        Assert.Equal(3, fixes.Count);
        Assert.Equal(48 + (1.038 / 60), fixes[0].LatitudeDegrees!.Value, 9);
        Assert.Equal(48 + (2.038 / 60), fixes[1].LatitudeDegrees!.Value, 9);
        Assert.Equal(48 + (3.038 / 60), fixes[2].LatitudeDegrees!.Value, 9);
        Assert.Null(fixes[1].SpeedMetersPerSecond); // that epoch had no RMC: no speed
    }

    [Fact]
    public void GSV_only_epochs_are_not_glued_onto_the_fixes_around_them()
    {
        // SkyTraq-like: a sky every epoch, but between fixes the receiver sends only its sky.
        List<GnssFix> fixes = Fuse(
            [.. Epoch("105153.00", Lat(1)),
            "$GPGSV,1,1,02,04,40,083,46,05,17,308,41",
            "$GPGSV,1,1,02,04,40,083,46,05,17,308,41",
            .. Epoch("105155.00", Lat(2))]);
        Assert.Equal(2, fixes.Count(f => f.HasPosition));
        Assert.Equal(4, fixes[^1].Satellites.Count); // the last epoch's own sky, not the sky-only sets before it
    }

    [Fact]
    public void Midnight_wrap_is_a_new_epoch_and_a_new_day()
    {
        List<GnssFix> fixes = Fuse([.. Epoch("235959.000", Lat(1)), .. Epoch("000000.000", Lat(2), withRmc: false)]);
        Assert.Equal(2, fixes.Count);
        Assert.Equal(new DateTime(1994, 3, 24, 0, 0, 0, DateTimeKind.Utc), fixes[1].TimeUtc);
    }
}
