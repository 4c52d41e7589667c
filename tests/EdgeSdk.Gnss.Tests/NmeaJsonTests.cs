using System.Text;
using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

public class NmeaJsonTests
{
    private static JsonElement Decode(string line)
    {
        var parser = new NmeaParser();
        byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        parser.Feed(bytes, 0, bytes.Length);
        Assert.NotEqual(NmeaSentenceType.None, parser.Read());
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            NmeaJson.WriteSentence(json, parser.Current);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void A_BeiDou_GSV_from_an_L76K_carries_gpsd_numbering_and_units()
    {
        // From quectel-l76k-nmea.log: BDS C13, C27, C37 under the BD talker.
        JsonElement o = Decode("$BDGSV,1,1,03,13,19,043,17,27,38,127,33,37,36,091,24,0*49");
        Assert.Equal("BD", o.GetProperty("talker").GetString());
        Assert.Equal("GSV", o.GetProperty("type").GetString());
        JsonElement first = o.GetProperty("satellites")[0];
        Assert.Equal("Beidou", first.GetProperty("system").GetString());
        Assert.Equal(13, first.GetProperty("svid").GetInt32());
        Assert.Equal(413, first.GetProperty("PRN").GetInt32());
        Assert.Equal(3, first.GetProperty("gnssid").GetInt32());
        Assert.Equal(19, first.GetProperty("elevation_deg").GetDouble());
        Assert.Equal(43, first.GetProperty("azimuth_deg").GetDouble());
        Assert.Equal(17, first.GetProperty("snr_dbhz").GetDouble());
    }

    [Fact]
    public void Absent_fields_are_left_out_not_written_as_zero()
    {
        // No-fix RMC: no position, speed or course.
        JsonElement o = Decode("$GNRMC,055233.000,V,,,,,,,050826,,,N,V*22");
        Assert.Equal("V", o.GetProperty("status").GetString());
        Assert.False(o.TryGetProperty("latitude_deg", out _));
        Assert.False(o.TryGetProperty("speed_mps", out _));
        Assert.Equal("2026-08-05", o.GetProperty("date").GetString());
    }
}
