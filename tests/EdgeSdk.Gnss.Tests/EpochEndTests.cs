using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

/// <summary>Learning each receiver's last sentence of an epoch, so a fix leaves at once.</summary>
public class EpochEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90); // generous: only a failing test waits it out

    // Fixes of a file replay, and how many of them the learned terminator closed (the other
    // epochs: the K learning epochs, and those ending otherwise). The gpsd comparisons of the same
    // replays (CaptureReplayTests) prove those early fixes are right.
    [Theory]
    [InlineData("beidou-bd.log", 10, 7)]
    [InlineData("beidou-gb.log", 5, 2)]
    [InlineData("nmea-fuzzy-cases.log", 14, 4)]
    [InlineData("quectel-l76k-nmea.log", 151, 147)] // the last: a cut-off epoch at the end of the file
    [InlineData("skytraq-dgps.log", 96, 93)]
    [InlineData("tcp-torture.log", 1, 0)]
    [InlineData("ublox-neo-m9n-nmea.log", 61, 58)]
    [InlineData("unicore-um621.log", 20, 17)]
    public void Captures_close_epochs_at_their_learned_terminator_without_late_sentences(string capture, int fixes, int early)
    {
        var fusion = new EpochFusion();
        Assert.Equal(fixes, EpochFusionTests.Fuse(fusion, Captures.Stream(capture)).Count);
        Assert.Equal(early, fusion.EarlyClosedEpochs);
        Assert.Equal(0, fusion.LateSentences);
    }

    [Fact]
    public async Task A_live_receiver_yields_each_fix_before_the_next_epoch_is_written()
    {
        // The CASIC capture cut into its epochs (as closed by the next epoch's first sentence).
        List<(string Text, DateTime? Time)> epochs = Epochs("quectel-l76k-nmea.log").Take(12).ToList();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new GnssReceiverOptions { EpochIdleGap = TimeSpan.FromHours(1) }; // only the terminator can end an epoch early
        await using var receiver = new GnssReceiver(new TcpGnssSource("127.0.0.1", port), options);
        using var cts = new CancellationTokenSource(Timeout);
        var fixes = Channel.CreateUnbounded<GnssFix>();
        Task reading = Task.Run(async () =>
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(cts.Token))
            {
                fixes.Writer.TryWrite(fix);
            }
        });
        using TcpClient client = await listener.AcceptTcpClientAsync(cts.Token);
        NetworkStream stream = client.GetStream();
        for (int e = 0; e < epochs.Count; e++)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(epochs[e].Text), cts.Token);
            if (e is >= 1 and <= 3)
            {
                // Learning: epoch e-1 ends when epoch e's first sentence arrives.
                Assert.Equal(epochs[e - 1].Time, (await fixes.Reader.ReadAsync(cts.Token)).TimeUtc);
            }

            if (e >= 3)
            {
                // Learned after 3 epochs: epoch e's fix comes before any byte of epoch e+1 is written.
                Assert.Equal(epochs[e].Time, (await fixes.Reader.ReadAsync(cts.Token)).TimeUtc);
            }
        }

        Assert.Equal(epochs.Count, receiver.Counters.Fixes);
        Assert.False(fixes.Reader.TryRead(out _)); // no extra fix
        await cts.CancelAsync();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // A receiver that ends 5 epochs with GGA, then sends more after it: the learned GGA closed
    // epoch 5 early, its late sentences are counted and fused into epoch 5, GGA is never trusted
    // again, and the new last sentence is learned afresh. A late GSV set makes a revised fix of
    // the whole epoch when epoch 6 starts (gpsd reports that late sky); a late GSA alone only
    // carries into the next epochs (gpsd makes no report for it).
    [Theory]
    [InlineData("$GNRMC,{0},A,3000.0,N,12000.0,E,0.0,0.0,010125,,,A|$GNGGA,{0},3000.0,N,12000.0,E,1,4,0.9,10.0,M,,M,,|$GNGSA,A,3,02,07,13,,,,,,,,,,1.5,0.9,1.2,1|$GPGSV,1,1,01,02,20,056,30,1", 2, true)]
    [InlineData("$GNRMC,{0},A,3000.0,N,12000.0,E,0.0,0.0,010125,,,A|$GNGGA,{0},3000.0,N,12000.0,E,1,4,0.9,10.0,M,,M,,|$GNZDA,{0},01,01,2025,,|$GNGSA,A,3,02,07,13,,,,,,,,,,1.5,0.9,1.2,1", 2, false)]
    public void A_receiver_whose_order_changes_unlearns_and_keeps_its_late_sentences(string changed, int late, bool lateSky)
    {
        const string Usual = "$GNRMC,{0},A,3000.0,N,12000.0,E,0.0,0.0,010125,,,A|$GNGGA,{0},3000.0,N,12000.0,E,1,4,0.9,10.0,M,,M,,";
        var text = new StringBuilder();
        for (int e = 0; e < 10; e++)
        {
            string epoch = string.Format(System.Globalization.CultureInfo.InvariantCulture, e < 5 ? Usual : changed, $"1200{e:00}.00");
            foreach (string sentence in epoch.Split('|'))
            {
                text.Append(EpochFusionTests.Checksummed(sentence)).Append("\r\n");
            }
        }

        var fusion = new EpochFusion();
        List<GnssFix> fixes = EpochFusionTests.Fuse(fusion, Encoding.ASCII.GetBytes(text.ToString()));
        int[] epochs = lateSky ? [0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.Equal(epochs.Select(e => new DateTime(2025, 1, 1, 12, 0, e, DateTimeKind.Utc)), fixes.Select(f => f.TimeUtc!.Value));
        Assert.Equal(late, fusion.LateSentences);
        Assert.Null(fixes[5].Pdop); // epoch 5's GSA came after its early fix
        Assert.Empty(fixes[5].Satellites);
        if (lateSky)
        {
            GnssFix revised = fixes[6];
            Assert.Equal(1.5, revised.Pdop);
            Assert.Equal([(2, true)], revised.Satellites.Select(s => (s.GpsdSvid, s.Used)));
            Assert.Equal(fixes[5].LatitudeDegrees, revised.LatitudeDegrees);
            Assert.Equal(FixMode.ThreeD, revised.Mode);
        }

        Assert.Equal(1.5, fixes[epochs.Length - 4].Pdop); // epoch 6
        Assert.Equal(4, fusion.EarlyClosedEpochs); // epochs 3, 4, 5 by GGA; epoch 9 by the newly learned last sentence
    }

    // The BU-353 GLONASS ends its epochs with ZDA and sends its GSV sets after the ZDA every fifth
    // epoch: ZDA is learned from the epochs without GSV, so the first GSV epoch closes at its ZDA.
    // Its GSV sets are fused in late and make a revised fix with that epoch's sky (gpsd reports
    // that sky too); ZDA is not trusted again, and no later sky is lost.
    [Fact]
    public void A_gsv_set_every_few_epochs_after_the_learned_terminator_is_not_lost()
    {
        var text = new StringBuilder();
        for (int e = 0; e < 10; e++)
        {
            string time = $"0814{10 + e}.000";
            text.Append(EpochFusionTests.Checksummed($"$GPGGA,{time},5541.1955,N,03737.2872,E,1,5,4.87,66.2,M,14.5,M,,")).Append("\r\n")
                .Append(EpochFusionTests.Checksummed("$GNGSA,A,3,03,19,27,13,,,,,,,,,2.75,2.56,1.00")).Append("\r\n")
                .Append(EpochFusionTests.Checksummed($"$GNRMC,{time},A,5541.1955,N,03737.2872,E,0.60,301.29,260514,,,A")).Append("\r\n")
                .Append(EpochFusionTests.Checksummed($"$GPZDA,{time},26,05,2014,,")).Append("\r\n");
            if (e % 5 == 4)
            {
                text.Append(EpochFusionTests.Checksummed("$GPGSV,1,1,02,03,27,059,14,19,24,073,16")).Append("\r\n");
            }
        }

        var fusion = new EpochFusion();
        List<GnssFix> fixes = EpochFusionTests.Fuse(fusion, Encoding.ASCII.GetBytes(text.ToString()));
        List<GnssFix> skies = fixes.Where(f => f.Satellites.Count > 0).ToList();
        Assert.Equal([14, 19], skies.Select(f => f.TimeUtc!.Value.Second));
        Assert.All(skies, f => Assert.Equal([(3, true), (19, true)], f.Satellites.Select(s => (s.GpsdSvid, s.Used))));
        Assert.Equal(1, fusion.LateSentences); // the first GSV only: ZDA is not trusted after it
        Assert.Equal(11, fixes.Count); // epoch 14 twice: early, then revised with its sky
        Assert.Equal(fixes[4].LatitudeDegrees, fixes[5].LatitudeDegrees);
        // The revision is flagged, so it is told from a new fix at the same time; every other fix is a first one.
        Assert.Equal([5], fixes.Select((f, i) => (f, i)).Where(x => x.f.IsRevision).Select(x => x.i));
        Assert.Equal(fixes[4].TimeUtc, fixes[5].TimeUtc);
        Assert.Empty(fixes[4].Satellites);
    }

    // A late GSV set of another talker after an early close that already had a sky: the revised
    // fix holds both sets (the early fix's sky was built, and the epoch's signals stay intact).
    [Fact]
    public void A_revised_fix_keeps_the_sky_the_early_fix_had()
    {
        var text = new StringBuilder();
        for (int e = 0; e < 6; e++)
        {
            string time = $"1200{e:00}.00";
            text.Append(EpochFusionTests.Checksummed($"$GNGGA,{time},3000.0,N,12000.0,E,1,4,0.9,10.0,M,,M,,")).Append("\r\n")
                .Append(EpochFusionTests.Checksummed("$GNGSA,A,3,02,07,13,74,,,,,,,,,1.5,0.9,1.2")).Append("\r\n")
                .Append(EpochFusionTests.Checksummed($"$GPGSV,1,1,02,02,20,056,{30 + e},07,18,123,25")).Append("\r\n")
                .Append(EpochFusionTests.Checksummed($"$GNRMC,{time},A,3000.0,N,12000.0,E,0.0,0.0,010125,,,A")).Append("\r\n");
            if (e == 4)
            {
                text.Append(EpochFusionTests.Checksummed("$GLGSV,1,1,01,74,52,302,33")).Append("\r\n");
            }
        }

        var fusion = new EpochFusion();
        List<GnssFix> fixes = EpochFusionTests.Fuse(fusion, Encoding.ASCII.GetBytes(text.ToString()));
        Assert.Equal(7, fixes.Count);
        Assert.Equal(fixes[4].TimeUtc, fixes[5].TimeUtc);
        Assert.Equal([2, 7], fixes[4].Satellites.Select(s => s.Number));
        Assert.Equal([(2, 34.0), (7, 25.0), (10, 33.0)], fixes[5].Satellites.Select(s => (s.Number, s.SnrDbHz!.Value)));
        Assert.All(fixes[5].Satellites, s => Assert.True(s.Used));
        Assert.Equal([(2, 35.0), (7, 25.0)], fixes[6].Satellites.Select(s => (s.Number, s.SnrDbHz!.Value)));
    }

    // Untimed epochs are cut where a position sentence repeats, so they teach nothing: the Garmin
    // Foretrex 201 sends untimed no-fix epochs (…GSV, GLL) whose cut differs from its timed ones.
    [Fact]
    public void Untimed_epochs_do_not_teach_the_terminator()
    {
        var text = new StringBuilder();
        string[] untimed = ["$GPRMC,,V,,,,,,,260810,1.0,E,N", "$GPGGA,,,,,,0,00,,,M,,M,,", "$GPGSA,A,1,,,,,,,,,,,,,,,", "$GPGSV,1,1,01,06,43,153,43"];
        for (int e = 0; e < 5; e++)
        {
            foreach (string sentence in untimed)
            {
                text.Append(EpochFusionTests.Checksummed(sentence)).Append("\r\n");
            }
        }

        text.Append(EpochFusionTests.Checksummed("$GPRMC,200004,A,5504.4343,N,01025.5386,E,0.0,0.0,260810,1.0,E,D")).Append("\r\n")
            .Append(EpochFusionTests.Checksummed("$GPGGA,200004,5504.4343,N,01025.5386,E,2,03,2.5,-9.1,M,43.9,M,,")).Append("\r\n")
            .Append(EpochFusionTests.Checksummed("$GPGSV,1,1,01,06,43,153,43")).Append("\r\n")
            .Append(EpochFusionTests.Checksummed("$GPGLL,5504.4343,N,01025.5386,E,200004,A,D")).Append("\r\n");
        var fusion = new EpochFusion();
        GnssFix fix = EpochFusionTests.Fuse(fusion, Encoding.ASCII.GetBytes(text.ToString()))[^1];
        Assert.Equal(0, fusion.EarlyClosedEpochs);
        Assert.Equal(0, fusion.LateSentences);
        Assert.Equal(FixMode.ThreeD, fix.Mode); // the GLL made it 3D (altitude known), as in gpsd
        Assert.Equal(-9.1, fix.AltitudeMslMeters);
    }

    private static IEnumerable<(string Text, DateTime? Time)> Epochs(string capture)
    {
        var parser = new NmeaParser();
        var fusion = new EpochFusion { EarlyCloseAfter = 0 };
        var epoch = new StringBuilder();
        foreach (string sentence in Captures.ValidSentences(capture))
        {
            byte[] bytes = Encoding.ASCII.GetBytes(sentence + "\r\n");
            parser.Feed(bytes, 0, bytes.Length);
            while (parser.Read() != NmeaSentenceType.None)
            {
                fusion.Add(parser.Current);
                if (fusion.TryTakeFix(out GnssFix? fix))
                {
                    yield return (epoch.ToString(), fix.TimeUtc);
                    epoch.Clear();
                }
            }

            epoch.Append(sentence).Append("\r\n");
        }
    }
}
