using System.Text;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

public class GpsdJsonTests
{
    [Fact]
    public void Tpv_and_sky_use_gpsd_names_order_and_number_formats()
    {
        // tcp-torture.log's epoch: gpsd prints lat 20.628798333, altHAE -44.3000, track 201.8000, hdop 1.70, az 150.0.
        GnssFix fix = EpochFusionTests.Fuse(Captures.ValidSentences("tcp-torture.log").Take(6).Select(s => s[..s.IndexOf('*')]).ToArray())[0];
        using var writer = new GpsdReportWriter();
        string[] lines = Encoding.UTF8.GetString(writer.Format(fix).Span).Split('\n');
        Assert.Equal(
            "{\"class\":\"TPV\",\"mode\":3,\"time\":\"2007-12-23T19:32:21.000Z\",\"lat\":20.628798333,\"lon\":-87.068080000," +
            "\"altHAE\":-44.3000,\"altMSL\":-30.4000,\"alt\":-30.4000,\"track\":201.8000,\"speed\":0.051,\"geoidSep\":-13.900}",
            lines[0]);
        Assert.StartsWith(
            "{\"class\":\"SKY\",\"time\":\"2007-12-23T19:32:21.000Z\",\"hdop\":1.70,\"pdop\":3.40,\"vdop\":3.00,\"nSat\":12,\"uSat\":4,\"satellites\":[" +
            "{\"PRN\":28,\"gnssid\":0,\"svid\":28,\"az\":150.0,\"el\":14.0,\"ss\":41.0,\"used\":true},",
            lines[1]);
        Assert.Contains("{\"PRN\":2,\"gnssid\":0,\"svid\":2,\"az\":323.0,\"el\":56.0,\"used\":false}", lines[1]);
        Assert.Equal(string.Empty, lines[2]);
    }

    [Fact]
    public void No_fix_prints_mode_1_and_nothing_invented()
    {
        using var writer = new GpsdReportWriter("/dev/ttyUSB0");
        string text = Encoding.UTF8.GetString(writer.Format(new GnssFix { Mode = FixMode.NoFix, Quality = FixQuality.Invalid }).Span);
        Assert.Equal("{\"class\":\"TPV\",\"device\":\"/dev/ttyUSB0\",\"mode\":1}\n", text);
    }

    [Fact]
    public void Beidou_satellites_and_rtk_status_are_numbered_as_gpsd_does()
    {
        var fix = new GnssFix
        {
            Mode = FixMode.ThreeD,
            Quality = FixQuality.RtkFixed,
            LatitudeDegrees = 31.2,
            LongitudeDegrees = 121.5,
            Satellites = [new SatelliteInfo { System = GnssSystem.Beidou, Number = 13, GpsdPrn = 413, GpsdGnssId = 3, GpsdSvid = 13, GpsdSignalId = 7, SnrDbHz = 40, Used = true }],
            SatellitesUsed = 1,
        };
        using var writer = new GpsdReportWriter();
        string[] lines = Encoding.UTF8.GetString(writer.Format(fix).Span).Split('\n');
        Assert.Equal("{\"class\":\"TPV\",\"status\":3,\"mode\":3,\"lat\":31.200000000,\"lon\":121.500000000}", lines[0]);
        Assert.Equal("{\"class\":\"SKY\",\"nSat\":1,\"uSat\":1,\"satellites\":[{\"PRN\":413,\"gnssid\":3,\"svid\":13,\"sigid\":7,\"ss\":40.0,\"used\":true}]}", lines[1]);
    }
}
