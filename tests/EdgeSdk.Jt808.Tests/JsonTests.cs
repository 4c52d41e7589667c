using System.Text.Json;

namespace EdgeSdk.Jt808.Tests;

public class JsonTests
{
    private static JsonElement ToJson(Jt808Message message, Jt808DecodeResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Jt808Json.WriteMessage(writer, message, result);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static (Jt808Message, Jt808DecodeResult) Decode(string hex)
    {
        byte[] frame = Hex.Parse(hex);
        Jt808DecodeResult result = new Jt808Codec().TryDecode(frame, 0, frame.Length, out Jt808Message? message);
        return (message!, result);
    }

    [Fact]
    public void Vector_v3_prints_typed_items_and_keeps_unknown_ones_raw()
    {
        var (message, result) = Decode(Jt808Vector.Load().Single(v => v.Name == "V3").Hex);
        JsonElement root = ToJson(message, result);
        Assert.Equal(2013, root.GetProperty("version").GetInt32());
        Assert.True(root.GetProperty("version_flag").GetBoolean());
        JsonElement body = root.GetProperty("body");
        Assert.Equal(40.670063, body.GetProperty("latitude_deg").GetDouble());
        Assert.Equal(86.7, body.GetProperty("speed_kmh").GetDouble());
        Assert.Equal("2021-06-25T15:57:39+08:00", body.GetProperty("time").GetString());
        Assert.Equal("2021-06-25T07:57:39Z", body.GetProperty("time_utc").GetString());
        Assert.Equal(21, body.GetProperty("signal_strength").GetInt32());
        Assert.Equal(18, body.GetProperty("satellites").GetInt32());
        Assert.Equal("0x0000", body.GetProperty("io_status").GetString());
        Assert.Equal(8, body.GetProperty("items").GetArrayLength());
        Assert.Equal("5F:89860418231870850620", body.GetProperty("items")[7].GetString());
    }

    [Fact]
    public void Polygon_area_prints_vertices_in_degrees_and_its_limits()
    {
        var polygon = new Jt808PolygonArea
        {
            AreaId = 3, Attributes = Jt808Area.AttributeSpeedLimit, MaxSpeedKilometersPerHour = 60, OverspeedDurationSeconds = 10, NightMaxSpeedKilometersPerHour = 50,
            Name = [0xC7, 0xF8], // 区 in GBK
            VertexLatitudesMicrodegrees = [29_500_000, 29_600_000, 29_550_000], VertexLongitudesMicrodegrees = [106_500_000, 106_600_000, 106_700_000],
        };
        var message = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.SetPolygonArea, "13912345678", 1, true), Body = new Jt808SetAreas(Jt808MessageIds.SetPolygonArea) { Areas = [polygon] } };
        Assert.True(new Jt808Codec().TryEncode(message, out byte[]? frame));
        var (decoded, result) = Decode(Hex.Of(frame!));
        JsonElement area = ToJson(decoded, result).GetProperty("body").GetProperty("areas")[0];
        Assert.Equal("polygon", area.GetProperty("shape").GetString());
        Assert.Equal(3, area.GetProperty("vertices").GetArrayLength());
        Assert.Equal(29.55, area.GetProperty("vertices")[2][0].GetDouble());
        Assert.Equal(106.7, area.GetProperty("vertices")[2][1].GetDouble());
        Assert.Equal(50, area.GetProperty("night_max_speed_kmh").GetInt32());
        Assert.Equal("区", area.GetProperty("name").GetString());
    }
}
