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
}
