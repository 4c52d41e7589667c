using System.Globalization;
using System.Text;
using System.Text.Json;
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

    [Fact]
    public void Numbers_print_as_the_F_format_rounds_them_whatever_path_formats_them()
    {
        // The writer prints values that are the nearest double to a short decimal from that decimal and the rest with
        // "F": both must give the same text.
        var random = new Random(18);
        double[] special = [0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 0.125, 999999.99995, 1e-5, -1e-7, 123.45, -0.5, 1e6, 5e-10, 0.0000000005, 99.99999999951,
            -0.0001, -0.0005, 0.0004999, 45, 359.9, -179.999999999, 179.9999999995, 999999.9999, -999999.999999999, 0.1 + 0.2, 1.0 / 3];
        IEnumerable<double> values = special.Concat(Enumerable.Range(0, 4000).Select(i => (i % 4) switch
        {
            0 => random.Next(-900_000, 900_000) / 10.0, // one decimal, as receivers send
            1 => random.Next(-9_000_000, 9_000_000) / 1000.0,
            2 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 8)), // full precision, any size
            _ => Math.Round(random.NextDouble() * 180, random.Next(0, 10)),
        }));
        using var writer = new GpsdReportWriter();
        foreach (double v in values)
        {
            var fix = new GnssFix { Mode = FixMode.ThreeD, LatitudeDegrees = v, LongitudeDegrees = v, AltitudeMslMeters = v, SpeedMetersPerSecond = v, Hdop = v };
            string[] lines = Encoding.UTF8.GetString(writer.Format(fix).Span).Split('\n');
            using JsonDocument tpv = JsonDocument.Parse(lines[0]);
            using JsonDocument sky = JsonDocument.Parse(lines[1]);
            Assert.Equal(v.ToString("F9", CultureInfo.InvariantCulture), tpv.RootElement.GetProperty("lat").GetRawText());
            Assert.Equal(v.ToString("F4", CultureInfo.InvariantCulture), tpv.RootElement.GetProperty("altMSL").GetRawText());
            Assert.Equal(v.ToString("F3", CultureInfo.InvariantCulture), tpv.RootElement.GetProperty("speed").GetRawText());
            Assert.Equal(v.ToString("F2", CultureInfo.InvariantCulture), sky.RootElement.GetProperty("hdop").GetRawText());
        }
    }
}
