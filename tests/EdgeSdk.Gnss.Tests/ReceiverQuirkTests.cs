using static EdgeSdk.Gnss.Tests.EpochFusionTests;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// The receiver quirks gpsd's driver_nmea0183.c handles (src/EdgeSdk.Gnss/README.md, "Receiver
/// quirks"), each on a short synthetic stream: talkers, numbering schemes and mode rules.
/// </summary>
public class ReceiverQuirkTests
{
    private const string Rmc = "$GNRMC,105153.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A";
    private const string Gga = "$GNGGA,105153.00,3958.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,";

    private static List<string> Sky(GnssFix fix) => fix.Satellites.Select(s => $"{s.GpsdGnssId}:{s.GpsdSvid}{(s.Used ? "u" : string.Empty)}").ToList();

    [Fact]
    public void Quectel_EG25_PQGSV_and_PQGSA_with_system_ID_4_are_BeiDou()
    {
        GnssFix fix = Assert.Single(Fuse(
            Rmc, Gga,
            "$GPGSA,A,3,02,05,,,,,,,,,,,1.5,0.9,1.2,1",
            "$PQGSA,A,3,201,07,,,,,,,,,,,1.5,0.9,1.2,4",
            "$GPGSV,1,1,02,02,20,056,27,05,18,123,30,1",
            "$PQGSV,1,1,02,201,19,043,17,07,38,127,33,1"));
        Assert.Equal(["0:2u", "0:5u", "3:1u", "3:7u"], Sky(fix));
    }

    [Fact]
    public void Other_PQ_addresses_stay_proprietary()
    {
        var parser = new EdgeSdk.Nmea.NmeaParser();
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(Checksummed("$PQTMVERNO,LC29HDANR11A03S,2023/01/01,12:00:00") + "\r\n");
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        Assert.Equal(EdgeSdk.Nmea.NmeaSentenceType.Proprietary, parser.Read());
        Assert.Equal(EdgeSdk.Nmea.NmeaTalker.Proprietary, parser.Current.Talker);
    }

    [Fact]
    public void Quectel_LC79D_QZGSV_is_QZSS_and_Galileo_numbered_1xx_is_Galileo()
    {
        GnssFix fix = Assert.Single(Fuse(
            Rmc, Gga,
            "$GNGSA,A,3,102,136,,,,,,,,,,,1.5,0.9,1.2,3",
            "$GAGSV,1,1,02,102,20,056,27,136,18,123,30,7",
            "$QZGSV,1,1,01,02,40,083,41,1"));
        Assert.Equal(["2:2u", "2:36u", "5:2"], Sky(fix));
    }

    [Fact]
    public void Without_a_system_ID_a_GP_number_above_100_is_SBAS_not_Galileo()
    {
        GnssFix fix = Assert.Single(Fuse(Rmc, Gga, "$GPGSV,1,1,01,123,30,200,35"));
        Assert.Equal(["1:123"], Sky(fix));
    }

    [Fact]
    public void Any_talker_before_a_standard_sentence_is_read_with_the_generic_numbering()
    {
        // Humminbird sonar with an integrated receiver: $INRMC, $INGGA (gpsd ignores the talker).
        GnssFix fix = Assert.Single(Fuse(
            "$INRMC,194101,A,4426.1130,N,07140.5596,W,5.2,77.3,160906,15.8,W",
            "$INGGA,194101,4426.1130,N,07140.5596,W,2,10,0.9,267.9,M,,,,"));
        Assert.Equal(44.435216667, fix.LatitudeDegrees!.Value, 9);
        Assert.Equal(FixMode.ThreeD, fix.Mode);
    }

    [Fact]
    public void A_GGA_with_fewer_than_three_satellites_is_no_fix()
    {
        GnssFix fix = Assert.Single(Fuse("$GPGGA,105153.00,3958.000,N,11620.000,E,1,02,9.9,50.0,M,-8.0,M,,"));
        Assert.False(fix.HasPosition);
        Assert.Equal(FixMode.NoFix, fix.Mode);
    }

    [Fact]
    public void A_GGA_repeating_its_time_after_lock_is_lost_is_no_fix()
    {
        // Trimble Placer 450: keeps sending the last GGA (same time) and GSA with a stale mode.
        // The repeat has the same time, so it falls in the same epoch, which then has no fix.
        List<GnssFix> fixes = Fuse(
            "$GPGGA,105152.00,3958.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,",
            "$GPGSA,A,3,02,05,07,09,,,,,,,,,1.5,0.9,1.2",
            "$GPGGA,105153.00,3958.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,",
            "$GPGSA,A,3,02,05,07,09,,,,,,,,,1.5,0.9,1.2",
            "$GPGGA,105153.00,3958.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,",
            "$GPGSA,A,3,02,05,07,09,,,,,,,,,1.5,0.9,1.2");
        Assert.Equal(2, fixes.Count);
        Assert.True(fixes[0].HasPosition);
        Assert.False(fixes[1].HasPosition);
        Assert.Equal(FixMode.NoFix, fixes[1].Mode);
    }

    [Fact]
    public void An_old_receiver_GSA_mode_2_beside_a_GGA_altitude_stays_3D_once_3D()
    {
        // u-blox ANTARIS 4 with 3 satellites: GSA says 2D, GGA carries an altitude (gpsd keeps 3D).
        List<GnssFix> fixes = Fuse(
            "$GPGGA,030858.00,4907.85331,N,12243.19743,W,1,04,9.97,516.7,M,-16.7,M,,",
            "$GPRMC,030859.00,A,4907.85396,N,12243.19848,W,1.321,323.21,100806,,,A",
            "$GPGGA,030859.00,4907.85396,N,12243.19848,W,1,03,9.97,516.7,M,-16.7,M,,",
            "$GPGSA,A,2,28,04,02,,,,,,,,,,10.02,9.97,1.00");
        Assert.Equal([FixMode.ThreeD, FixMode.ThreeD], fixes.Select(f => f.Mode));
    }

    [Fact]
    public void A_GNS_flagged_unsafe_or_not_valid_gives_no_position()
    {
        List<GnssFix> fixes = Fuse(
            "$GNGNS,105153.00,3958.000,N,11620.000,E,AA,08,0.9,50.0,-8.0,,,S",
            "$GNGNS,105154.00,3958.100,N,11620.000,E,AA,08,0.9,50.0,-8.0,,,U",
            "$GNGNS,105155.00,3958.200,N,11620.000,E,AA,08,0.9,50.0,-8.0,,,V");
        Assert.Equal([true, false, false], fixes.Select(f => f.HasPosition));
    }

    [Fact]
    public void A_GSA_every_few_epochs_keeps_its_satellites_used_in_between()
    {
        List<GnssFix> fixes = Fuse(
            Rmc, "$GPGSA,A,3,02,05,,,,,,,,,,,1.5,0.9,1.2", "$GPGSV,1,1,02,02,20,056,27,05,18,123,30",
            "$GNRMC,105154.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A", "$GPGSV,1,1,02,02,20,056,27,05,18,123,30");
        Assert.Equal(["0:2u", "0:5u"], Sky(fixes[1]));
    }

    [Fact]
    public void A_position_sent_after_the_cycle_ender_with_the_same_time_is_not_the_epochs_position()
    {
        // B&G Zeus multiplexer: GLL is learned as gpsd's cycle ender (the timed sentence before each
        // time change); then the GLL is stamped a second ahead, so the RMC/GGA of that second come
        // after it. gpsd reports the epoch at its GLL; the later RMC/GGA of the same second are never
        // reported (the next time change clears them). A GLL bringing a new time marks no ender.
        List<GnssFix> fixes = Fuse(
            "$GPRMC,094815,A,5250.9721,N,00518.7366,E,5.3,239.0,200818,,,A",
            "$GPGGA,094815,5250.9714,N,00518.7347,E,1,12,0.60,-5,M,46.8,M,,",
            "$GPGLL,5250.9714,N,00518.7347,E,094815,A,A",
            "$GPRMC,094816,A,5250.9713,N,00518.7344,E,5.5,237.9,200818,,,A",
            "$GPGGA,094816,5250.9705,N,00518.7323,E,1,12,0.60,-5,M,46.8,M,,",
            "$GPGLL,5250.9705,N,00518.7323,E,094817,A,A",
            "$GPGSA,A,3,07,08,10,16,,,,,,,,,1.10,0.60,0.90",
            "$GPRMC,094817,A,5250.9705,N,00518.7323,E,5.7,238.1,200818,,,A",
            "$GPGGA,094817,5250.9696,N,00518.7305,E,1,12,0.60,-5,M,46.8,M,,",
            "$GPGLL,5250.9696,N,00518.7305,E,094818,A,A",
            "$GPRMC,094818,A,5250.9695,N,00518.7303,E,5.6,229.6,200818,,,A",
            "$GPGGA,094818,5250.9688,N,00518.7285,E,1,12,0.60,-5,M,46.8,M,,");
        Assert.Equal(["09:48:15", "09:48:16", "09:48:17", "09:48:18"], fixes.Select(f => $"{f.TimeUtc:HH:mm:ss}"));
        // 09:48:15 ends with its GLL (the ender not yet known): the latest position. 09:48:16 has no
        // ender (its GLL came stamped 09:48:17): the latest. 09:48:17 and 09:48:18: the GLL's.
        Assert.Equal([52.84952333, 52.84950833, 52.84950833, 52.84949333], fixes.Select(f => Math.Round(f.LatitudeDegrees!.Value, 8)));
    }

    [Fact]
    public void A_timed_sentence_after_the_ender_is_the_epochs_position_when_it_ends_every_cycle()
    {
        // The usual order (RMC, GGA, GLL): the ender is the last timed sentence, so the latest position wins.
        List<GnssFix> fixes = Fuse(
            "$GPRMC,094815,A,5250.0000,N,00518.0000,E,5.3,239.0,200818,,,A",
            "$GPGGA,094815,5250.0100,N,00518.0000,E,1,12,0.60,-5,M,46.8,M,,",
            "$GPRMC,094816,A,5250.0200,N,00518.0000,E,5.3,239.0,200818,,,A",
            "$GPGGA,094816,5250.0300,N,00518.0000,E,1,12,0.60,-5,M,46.8,M,,",
            "$GPRMC,094817,A,5250.0400,N,00518.0000,E,5.3,239.0,200818,,,A",
            "$GPGGA,094817,5250.0500,N,00518.0000,E,1,12,0.60,-5,M,46.8,M,,");
        Assert.Equal([52.83350000, 52.83383333, 52.83416667], fixes.Select(f => Math.Round(f.LatitudeDegrees!.Value, 8)));
    }

    [Fact]
    public void A_GSV_set_without_its_part_1_adds_to_the_sets_last_sky()
    {
        // iSync GRClok: its $PTNTA takes the place of a GPS GSV part. Without part 1, gpsd does not
        // clear its sky: the parts that came add to the last one, so part 1's satellites stay.
        List<GnssFix> fixes = Fuse(
            Rmc, "$GPGSA,A,3,02,05,13,15,,,,,,,,,1.5,0.9,1.2",
            "$GPGSV,2,1,06,02,11,115,36,05,34,060,48,07,00,023,,13,56,090,49",
            "$GPGSV,2,2,06,15,55,170,50,16,07,317,32",
            "$GNRMC,105154.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A",
            "$PTNTA,20160203131540,2,T4,000000066,+099,3,0,3",
            "$GPGSV,2,2,06,15,55,170,50,18,28,257,44",
            "$GNRMC,105155.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A",
            "$GPGSV,2,1,06,02,11,115,36,05,34,060,48,07,00,023,,13,56,090,49",
            "$PTNTA,20160203131541,2,T4,000000066,+099,3,0,3");
        Assert.Equal(3, fixes.Count);
        Assert.Equal(["0:2u", "0:5u", "0:7", "0:13u", "0:15u", "0:16"], Sky(fixes[0]));
        Assert.Equal(["0:15u", "0:18", "0:2u", "0:5u", "0:7", "0:13u", "0:16"], Sky(fixes[1]));
        Assert.Empty(fixes[2].Satellites); // part 1 without its last part: no complete set, no sky (as before)
    }

    [Fact]
    public void A_satellite_with_a_C_N0_of_0_is_not_used()
    {
        // gpsd marks a satellite used only with a C/N0 above 0 (B&G Zeus: "76,47,225,00").
        GnssFix fix = Assert.Single(Fuse(
            Rmc, "$GPGSA,A,3,02,76,,,,,,,,,,,1.5,0.9,1.2", "$GPGSV,1,1,02,02,20,056,27,76,47,225,00"));
        Assert.Equal(["0:2u", "6:12"], Sky(fix));
    }
}
