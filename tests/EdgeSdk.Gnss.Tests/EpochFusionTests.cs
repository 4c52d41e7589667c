using System.Text;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

public class EpochFusionTests
{
    internal static List<GnssFix> Fuse(params string[] sentences)
        => Fuse(new EpochFusion(), Encoding.ASCII.GetBytes(string.Concat(sentences.Select(s => Checksummed(s) + "\r\n"))));

    // Every fix of the bytes, the last epoch's by Flush (end of input).
    internal static List<GnssFix> Fuse(EpochFusion fusion, byte[] bytes)
    {
        var parser = new NmeaParser();
        var fixes = new List<GnssFix>();
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
            fusion.Add(parser.Current);
            while (fusion.TryTakeFix(out GnssFix? fix))
            {
                fixes.Add(fix);
            }
        }

        if (fusion.Flush() is GnssFix last)
        {
            fixes.Add(last);
        }

        return fixes;
    }

    // Test sentences are written without checksums; add them.
    internal static string Checksummed(string sentence) => NmeaChecksum.Append(sentence);

    [Fact]
    public void One_fix_per_epoch_with_every_quantity_from_its_sentences()
    {
        List<GnssFix> fixes = Fuse(
            "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,1.94,286.35,050826,,,D,V",
            "$GNGGA,055234.000,4739.71890,N,12219.58362,W,2,14,0.9,76.5,M,-21.6,M,,",
            "$GNGSA,A,3,02,07,,,,,,,,,,,1.5,0.9,1.2,1",
            "$GNGSA,A,3,13,,,,,,,,,,,,1.5,0.9,1.2,4",
            "$GPGSV,1,1,03,02,20,056,27,07,18,123,,08,10,200,30,1",
            "$BDGSV,1,1,01,13,19,043,17,1",
            "$GPGST,055234.000,1.2,2.0,1.0,30.0,1.5,1.1,2.5",
            "$GNRMC,055235.000,A,4739.71900,N,12219.58362,W,1.94,286.35,050826,,,D,V");
        Assert.Equal(2, fixes.Count);
        GnssFix fix = fixes[0];
        Assert.Equal(new DateTime(2026, 8, 5, 5, 52, 34, DateTimeKind.Utc), fix.TimeUtc);
        Assert.Equal(FixMode.ThreeD, fix.Mode);
        Assert.Equal(FixQuality.Differential, fix.Quality);
        Assert.Equal(47.661981667, fix.LatitudeDegrees!.Value, 9);
        Assert.Equal(-122.326393667, fix.LongitudeDegrees!.Value, 9);
        Assert.Equal(76.5, fix.AltitudeMslMeters);
        Assert.Equal(-21.6, fix.GeoidSeparationMeters);
        Assert.Equal(54.9, fix.AltitudeHaeMeters!.Value, 9);
        Assert.Equal(1.94 * 1852 / 3600, fix.SpeedMetersPerSecond!.Value, 9);
        Assert.Equal(286.35, fix.CourseDegrees);
        Assert.Equal((1.5, 0.9, 1.2), (fix.Pdop, fix.Hdop, fix.Vdop));
        Assert.Equal((1.5, 1.1, 2.5), (fix.LatitudeErrorMeters, fix.LongitudeErrorMeters, fix.AltitudeErrorMeters));
        Assert.Equal(14, fix.SatellitesUsed);
        // GPS 07 is in GSA but has no C/N0: not used. GPS 08 is tracked but not in GSA.
        Assert.Equal(
            ["Gps 2 used", "Gps 7 ", "Gps 8 ", "Beidou 13 used"],
            fix.Satellites.Select(s => $"{s.System} {s.Number} {(s.Used ? "used" : string.Empty)}"));
        Assert.Equal(413, fix.Satellites[3].GpsdPrn);
        Assert.Equal(2, fix.SatellitesUsedBy(GnssSystem.Gps) + fix.SatellitesUsedBy(GnssSystem.Beidou));
        // RMC alone after a 3D fix stays 3D, as in gpsd (RMC says nothing about altitude), but has none of its own.
        Assert.Equal(FixMode.ThreeD, fixes[1].Mode);
        Assert.Null(fixes[1].AltitudeMslMeters);
        Assert.Empty(fixes[1].Satellites);
    }

    [Fact]
    public void Casic_order_gga_first_rmc_and_zda_last_and_a_lone_trailing_zda_gives_no_fix()
    {
        List<GnssFix> fixes = Fuse(
            "$GPGSV,1,1,01,14,79,041,29,0", // before any time: belongs to the first epoch
            "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V",
            "$GNZDA,055234.000,05,08,2026,00,00",
            "$GNGGA,055234.200,4739.71890,N,12219.58362,W,1,14,0.9,76.5,M,-21.6,M,,",
            "$GNGLL,4739.71890,N,12219.58362,W,055234.200,A,A",
            "$GNGSA,A,3,14,,,,,,,,,,,,1.5,0.9,1.2,1",
            "$GPGSV,1,1,01,14,79,041,29,0",
            "$GNRMC,055234.200,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V",
            "$GNZDA,055234.200,05,08,2026,00,00",
            "$GPTXT,01,01,01,ANTENNA OK",
            "$GNZDA,055234.400,05,08,2026,00,00");
        Assert.Equal(["05:52:34.000", "05:52:34.200"], fixes.Select(f => f.TimeUtc!.Value.ToString("HH:mm:ss.fff")));
        Assert.Equal([false, true], fixes.Select(f => f.Satellites.Single().Used));
        Assert.Equal(FixMode.ThreeD, fixes[1].Mode);
    }

    [Fact]
    public void A_lost_fix_reports_no_position_and_a_regained_fix_reports_it_again()
    {
        List<GnssFix> fixes = Fuse(
            "$GNRMC,000653.00,A,4404.12994,N,12118.84613,W,0.052,,090624,,,A,V",
            "$GNGGA,000653.00,4404.12994,N,12118.84613,W,1,29,0.69,1109.2,M,,M,,",
            "$GNRMC,000654.00,V,,,,,,,090624,,,N,V",
            "$GNGGA,000654.00,,,,,0,00,99.99,,,,,,",
            "$GNGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,1",
            "$GNRMC,000655.00,A,4404.12990,N,12118.84610,W,0.052,,090624,,,A,V",
            "$GNGGA,000655.00,4404.12990,N,12118.84610,W,1,10,0.9,1109.0,M,,M,,");
        Assert.Equal([FixMode.ThreeD, FixMode.NoFix, FixMode.ThreeD], fixes.Select(f => f.Mode));
        Assert.False(fixes[1].HasPosition);
        Assert.Null(fixes[1].LatitudeDegrees);
        Assert.Equal(FixQuality.Invalid, fixes[1].Quality);
        Assert.Equal(44.068831667, fixes[2].LatitudeDegrees!.Value, 9);
        Assert.Null(fixes[0].AltitudeHaeMeters); // no geoid separation sent: no HAE invented
    }

    [Fact]
    public void Gsv_sets_are_kept_per_signal_and_a_repeated_set_replaces_itself()
    {
        List<GnssFix> fixes = Fuse(
            "$GNGGA,000653.00,4404.12994,N,12118.84613,W,1,2,0.69,1109.2,M,,M,,",
            "$GNGSA,A,3,08,10,,,,,,,,,,,1.05,0.69,0.79,1",
            "$GPGSV,2,1,02,08,38,280,47,1",
            "$GPGSV,2,2,02,10,73,012,41,1",
            "$GPGSV,1,1,02,08,38,280,37,10,73,012,,8",
            "$GPGSV,1,1,02,08,38,280,38,10,73,012,,8"); // the L5 set again: replaces, not adds
        GnssFix fix = Assert.Single(fixes);
        Assert.Equal(["8/1 47 used", "10/1 41 used", "8/8 38 used", "10/8  "],
            fix.Satellites.Select(s => $"{s.GpsdSvid}/{s.SignalId} {s.SnrDbHz} {(s.Used ? "used" : string.Empty)}"));
        Assert.Equal(7, fix.Satellites[2].GpsdSignalId);
    }

    // gpsd reports a sky only when a GSV set's last part arrives: the GP-320FW often sends parts
    // 1-2 of 3, and those epochs have no sky in gpsd; a complete set beside a partial one is kept.
    [Fact]
    public void A_gsv_set_without_its_last_part_is_left_out_of_the_sky()
    {
        List<GnssFix> fixes = Fuse(
            "$GPGGA,164518.99,4808.9985,N,01135.0867,E,1,04,01.3,00462.9,M,0046.2,M,,",
            "$GPGSV,3,1,12,17,77,041,12,21,76,138,48,09,47,236,18,04,37,056,",
            "$GPGSV,3,2,12,12,32,298,,06,29,277,47,18,20,143,47,08,15,173,",
            "$GPGGA,164519.99,4808.9985,N,01135.0867,E,1,04,01.3,00462.9,M,0046.2,M,,",
            "$GLGSV,1,1,02,74,52,302,,82,25,034,33",
            "$GPGSV,3,1,12,17,77,041,12,21,76,138,48,09,47,236,18,04,37,056,",
            "$GPGGA,164520.99,4808.9985,N,01135.0867,E,1,04,01.3,00462.9,M,0046.2,M,,",
            "$GPGSV,3,1,12,17,77,041,12,21,76,138,48,09,47,236,18,04,37,056,",
            "$GPGSV,3,2,12,12,32,298,,06,29,277,47,18,20,143,47,08,15,173,",
            "$GPGSV,3,3,12,05,13,037,47,14,06,303,,01,00,359,,02,00,204,");
        Assert.Equal(3, fixes.Count);
        Assert.Empty(fixes[0].Satellites);
        Assert.Equal([10, 18], fixes[1].Satellites.Select(s => s.Number)); // GLONASS 74, 82 as slots 10, 18
        Assert.Equal(12, fixes[2].Satellites.Count);
    }

    // gpsd marks a sky's used satellites when its GSV set ends (the SKY report), from the GSAs
    // before it: a GSA after the GSVs counts from the next sky on (iTrek sends an empty GSA after
    // its RMC; gpsd's sky of that epoch still has the earlier GSA's satellites used).
    [Fact]
    public void A_gsa_after_the_gsv_marks_satellites_used_from_the_next_sky_on()
    {
        List<GnssFix> fixes = Fuse(
            "$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,02,1.7,-30.40,M,-13.9,M,,",
            "$GPGSV,1,1,03,28,14,150,41,09,15,254,41,10,43,192,47",
            "$GPGSA,A,3,28,10,,,,,,,,,,,03.4,01.7,03.0",
            "$GPGGA,193222.00,2037.72792,N,08704.08478,W,1,02,1.7,-30.40,M,-13.9,M,,",
            "$GPGSV,1,1,03,28,14,150,41,09,15,254,41,10,43,192,47",
            "$GPGSA,A,3,,,,,,,,,,,,,50.0,50.0,50.0");
        Assert.Equal(2, fixes.Count);
        Assert.Equal([false, false, false], fixes[0].Satellites.Select(s => s.Used));
        Assert.Equal(2, fixes[0].SatellitesUsed); // the GSA's count, as gpsd's uSat
        Assert.Equal([true, false, true], fixes[1].Satellites.Select(s => s.Used));
    }

    [Fact]
    public void The_date_moves_on_at_midnight_when_an_epoch_carries_none()
    {
        List<GnssFix> fixes = Fuse(
            "$GPRMC,235959.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A",
            "$GPGGA,000000.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,");
        Assert.Equal(new DateTime(2007, 12, 24, 0, 0, 0, DateTimeKind.Utc), fixes[1].TimeUtc);
    }

    [Fact]
    public void Without_times_a_repeated_position_sentence_starts_the_next_epoch()
    {
        List<GnssFix> fixes = Fuse(
            "$GPGGA,,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,",
            "$GPGSA,A,3,10,28,09,13,,,,,,,,,03.4,01.7,03.0",
            "$GPGGA,,2037.72800,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,");
        Assert.Equal(2, fixes.Count);
        Assert.All(fixes, f => Assert.Null(f.TimeUtc));
        Assert.Equal(3.4, fixes[0].Pdop);
        Assert.Null(fixes[1].Pdop);
    }

    [Fact]
    public void Fusing_an_epoch_allocates_only_the_fix_when_the_sky_is_unchanged()
    {
        byte[] capture = Captures.Stream("tcp-torture.log");
        var parser = new NmeaParser();
        var fusion = new EpochFusion();
        // Warm up: one pass creates the satellite objects that later epochs reuse.
        Run(parser, fusion, capture);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int fixes = Run(parser, fusion, capture);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1, fixes);
        long start = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new GnssFix());
        long fixSize = GC.GetAllocatedBytesForCurrentThread() - start;
        Assert.Equal(fixSize, allocated);
    }

    [Fact]
    public void Fixes_handed_out_keep_their_sky_and_an_unchanged_sky_is_shared()
    {
        List<GnssFix> fixes = Fuse(
            "$GNGGA,120000.00,3000.0,N,12000.0,E,1,2,0.9,10.0,M,,M,,",
            "$GNGSA,A,3,02,07,,,,,,,,,,,1.5,0.9,1.2,1",
            "$GPGSV,1,1,03,02,20,056,27,07,18,123,25,08,10,200,,1",
            "$GNGGA,120001.00,3000.0,N,12000.0,E,1,2,0.9,10.0,M,,M,,",
            "$GNGSA,A,3,02,07,,,,,,,,,,,1.5,0.9,1.2,1",
            "$GPGSV,1,1,03,02,20,056,27,07,18,123,25,08,10,200,,1", // the same sky
            "$GNGGA,120002.00,3000.0,N,12000.0,E,1,2,0.9,10.0,M,,M,,",
            "$GNGSA,A,3,02,07,,,,,,,,,,,1.5,0.9,1.2,1",
            "$GPGSV,1,1,04,01,05,010,12,02,20,056,31,07,18,123,25,08,10,200,,1", // 01 new, 02's C/N0 moves
            "$GNGGA,120003.00,3000.0,N,12000.0,E,1,2,0.9,10.0,M,,M,,",
            "$GNGSA,A,3,02,,,,,,,,,,,,1.5,0.9,1.2,1", // 07 no longer used: only the GSA changed
            "$GPGSV,1,1,04,01,05,010,12,02,20,056,31,07,18,123,25,08,10,200,,1");
        Assert.Equal(4, fixes.Count);
        static string Sky(GnssFix fix) => string.Join(" ", fix.Satellites.Select(s => $"{s.GpsdSvid}:{s.SnrDbHz}{(s.Used ? "u" : string.Empty)}"));
        Assert.Equal("2:27u 7:25u 8:", Sky(fixes[0]));
        Assert.Same(fixes[0].Satellites, fixes[1].Satellites);
        Assert.Equal("1:12 2:31u 7:25u 8:", Sky(fixes[2]));
        Assert.Equal("1:12 2:31u 7:25 8:", Sky(fixes[3]));
        Assert.Equal("2:27u 7:25u 8:", Sky(fixes[0])); // unchanged by what came later
        Assert.Equal(2, fixes[2].SatellitesUsed);
        Assert.Equal(1, fixes[3].Satellites.Count(s => s.Used));
        Assert.Same(fixes[2].Satellites, fixes[2].Satellites); // made once, on the first read
        Assert.NotSame(fixes[2].Satellites, fixes[3].Satellites);
        Assert.Equal(2, fixes[3].Satellites[1].GpsdPrn);
        Assert.Equal(0, fixes[3].Satellites[1].GpsdGnssId);
    }

    [Fact]
    public void When_every_c_n0_changes_an_epoch_allocates_the_fix_and_a_copy_of_its_signals_and_the_objects_only_when_read()
    {
        // Each epoch: 5 signals, 4 tracked with a C/N0 that changes every epoch, 1 untracked (unchanged).
        static byte[] Epoch(int e) => Encoding.ASCII.GetBytes(string.Concat(new[]
        {
            $"$GNGGA,1200{e:00}.00,3000.0,N,12000.0,E,1,4,0.9,10.0,M,,M,,",
            "$GNGSA,A,3,02,07,13,,,,,,,,,,1.5,0.9,1.2,1",
            $"$GPGSV,2,1,05,02,20,056,{20 + e},07,18,123,{30 + e},08,10,200,,30,57,127,{10 + e},1",
            $"$GPGSV,2,2,05,13,19,043,{40 - e},1",
        }.Select(s => Checksummed(s) + "\r\n")));
        var parser = new NmeaParser();
        var fusion = new EpochFusion();
        var taken = new List<GnssFix>(16);
        void Feed(byte[] bytes)
        {
            parser.Feed(bytes, 0, bytes.Length);
            while (parser.Read() != NmeaSentenceType.None)
            {
                fusion.Add(parser.Current);
                if (fusion.TryTakeFix(out GnssFix? fix))
                {
                    taken.Add(fix);
                }
            }
        }

        byte[][] epochs = [.. Enumerable.Range(0, 12).Select(Epoch)];
        for (int e = 0; e < 4; e++)
        {
            Feed(epochs[e]); // warm up
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int e = 4; e < 12; e++)
        {
            Feed(epochs[e]); // each ends the epoch before it: 8 fixes, each with a changed sky
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(12, taken.Count); // the last epoch too: its last GSV part is the learned terminator
        long start = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new GnssFix());
        long fix = GC.GetAllocatedBytesForCurrentThread() - start;
        start = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new SkySnapshot(new SkySignal[5], 0));
        long sky = GC.GetAllocatedBytesForCurrentThread() - start;
        Assert.Equal(8 * (fix + sky), allocated);

        // The objects come on the first read of Satellites (the list and one per signal), and only then.
        GnssFix last = taken[^1];
        start = GC.GetAllocatedBytesForCurrentThread();
        IReadOnlyList<SatelliteInfo> satellites = last.Satellites;
        long firstRead = GC.GetAllocatedBytesForCurrentThread() - start;
        start = GC.GetAllocatedBytesForCurrentThread();
        Assert.Same(satellites, last.Satellites);
        long secondRead = GC.GetAllocatedBytesForCurrentThread() - start;
        start = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new SatelliteInfo[5]);
        long list = GC.GetAllocatedBytesForCurrentThread() - start;
        start = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new SatelliteInfo());
        long satellite = GC.GetAllocatedBytesForCurrentThread() - start;
        Assert.Equal(list + (5 * satellite), firstRead);
        Assert.Equal(0, secondRead);
        Assert.Equal("2:31u 7:41u 8: 30:21 13:29u", string.Join(" ", satellites.Select(s => $"{s.GpsdSvid}:{s.SnrDbHz}{(s.Used ? "u" : string.Empty)}")));
        if (Environment.Is64BitProcess)
        {
            Assert.Equal(72, satellite); // absent values kept as NaN, not as nullables (96 bytes)
            start = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(new SkySignal[5]);
            Assert.Equal(24 + (5 * 40), GC.GetAllocatedBytesForCurrentThread() - start); // 40 bytes a signal, no padding
        }
    }

    [Theory]
    [InlineData("bundg_zeus_9.log")]
    [InlineData("quectel-l76k-nmea.log")]
    [InlineData("ublox-neo-m9n-nmea.log")]
    [InlineData("beidou-bd.log")]
    public void Fusing_allocates_nothing_per_sentence_only_each_fix_and_each_changed_sky(string capture)
    {
        byte[] bytes = Captures.Stream(capture);
        var parser = new NmeaParser(new NmeaReader { FastPath = true });
        var fusion = new EpochFusion();
        var taken = new GnssFix[bytes.Length / 16];
        int count = 0;
        void Pass()
        {
            count = 0;
            parser.Feed(bytes, 0, bytes.Length);
            parser.Complete();
            while (parser.Read() != NmeaSentenceType.None)
            {
                fusion.Add(parser.Current);
                while (fusion.TryTakeFix(out GnssFix? fix))
                {
                    taken[count++] = fix;
                }
            }

            parser.Reader.Reset();
            if (fusion.Flush() is GnssFix last)
            {
                taken[count++] = last;
            }
        }

        Pass(); // warm up: the engine's tables and the parser's sentences
        Pass();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Expected: one fix object per epoch, and a snapshot (object + signal array) per sky that differs from the one before.
        long start = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new GnssFix());
        long fixSize = GC.GetAllocatedBytesForCurrentThread() - start;
        long expected = count * fixSize;
        int skies = 0;
        SkySnapshot? previous = null;
        for (int i = 0; i < count; i++)
        {
            if (taken[i].Sky is SkySnapshot sky && sky != previous && sky != SkySnapshot.Empty)
            {
                start = GC.GetAllocatedBytesForCurrentThread();
                GC.KeepAlive(new SkySnapshot(new SkySignal[sky.Count], 0));
                expected += GC.GetAllocatedBytesForCurrentThread() - start;
                previous = sky;
                skies++;
            }
        }

        Assert.True(count >= 10 && skies > 0, $"{capture}: {count} fixes, {skies} skies");
        Assert.Equal(expected, allocated);
    }

    private static int Run(NmeaParser parser, EpochFusion fusion, byte[] capture)
    {
        int fixes = 0;
        parser.Feed(capture, 0, capture.Length);
        while (parser.Read() != NmeaSentenceType.None)
        {
            fusion.Add(parser.Current);
            while (fusion.TryTakeFix(out _))
            {
                fixes++;
            }
        }

        fixes += fusion.Flush() != null ? 1 : 0;
        return fixes;
    }
}
