namespace EdgeSdk.Jt808.Tests;

/// <summary>0x8600–0x8605 area settings: hand-laid bytes for the polygon, round trips for every shape and version.</summary>
public class AreaTests
{
    private static readonly uint[] Lats = [29_500_000, 29_600_000, 29_550_000];
    private static readonly uint[] Lons = [106_500_000, 106_600_000, 106_700_000];

    private static Jt808Message RoundTrip(int id, bool v2019, Jt808Body body) => CodecRoundTrip.Ok(id, v2019, body, sequence: 5);

    private static Jt808PolygonArea Polygon() => new()
    {
        AreaId = 1,
        Attributes = Jt808Area.AttributeSpeedLimit,
        MaxSpeedKilometersPerHour = 60,
        OverspeedDurationSeconds = 10,
        NightMaxSpeedKilometersPerHour = 50,
        Name = "AB"u8.ToArray(),
        VertexLatitudesMicrodegrees = Lats,
        VertexLongitudesMicrodegrees = Lons,
    };

    [Theory]
    // id | attributes (bit 1) | max speed 60, 10 s | 3 vertices (lat, lon) | 2019: night speed 50, name length 2, "AB"
    [InlineData(false, "00000001" + "0002" + "003C0A" + "0003" + "01C2226006590FA0" + "01C3A900065A9640" + "01C2E5B0065C1CE0")]
    [InlineData(true, "00000001" + "0002" + "003C0A" + "0003" + "01C2226006590FA0" + "01C3A900065A9640" + "01C2E5B0065C1CE0" + "0032" + "0002" + "4142")]
    public void Polygon_body_has_the_standard_layout(bool v2019, string bodyHex)
    {
        var set = new Jt808SetAreas(Jt808MessageIds.SetPolygonArea) { Areas = [Polygon()] };
        Jt808Message decoded = RoundTrip(Jt808MessageIds.SetPolygonArea, v2019, set);
        Assert.Equal(bodyHex, Hex.Of(decoded.BodyBytes));
        var polygon = Assert.IsType<Jt808PolygonArea>(Assert.Single(Assert.IsType<Jt808SetAreas>(decoded.Body).Areas));
        Assert.Equal(Lats, polygon.VertexLatitudesMicrodegrees);
        Assert.Equal(Lons, polygon.VertexLongitudesMicrodegrees);
        Assert.Equal((60, 10, v2019 ? 50 : 0), (polygon.MaxSpeedKilometersPerHour, polygon.OverspeedDurationSeconds, polygon.NightMaxSpeedKilometersPerHour));
        Assert.Equal(29.55, polygon.LatitudeDegrees(polygon.VertexLatitudesMicrodegrees[2]), 9);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Circles_and_rectangles_round_trip_with_and_without_optional_fields(bool v2019)
    {
        var circles = new Jt808SetAreas(Jt808MessageIds.SetCircleAreas)
        {
            SettingType = Jt808SetAreas.SettingAppend,
            Areas =
            [
                new Jt808CircleArea { AreaId = 7, Attributes = 0, CenterLatitudeMicrodegrees = Lats[0], CenterLongitudeMicrodegrees = Lons[0], RadiusMeters = 500, Name = "C"u8.ToArray() },
                new Jt808CircleArea
                {
                    AreaId = 8, Attributes = Jt808Area.AttributeTimeWindow | Jt808Area.AttributeSpeedLimit | Jt808Area.AttributeSouth | Jt808Area.AttributeWest,
                    CenterLatitudeMicrodegrees = Lats[1], CenterLongitudeMicrodegrees = Lons[1], RadiusMeters = 1500,
                    StartTimeBcd = [0x26, 0x11, 0x30, 0x08, 0x00, 0x00], EndTimeBcd = [0x26, 0x11, 0x30, 0x18, 0x00, 0x00],
                    MaxSpeedKilometersPerHour = 40, OverspeedDurationSeconds = 5, NightMaxSpeedKilometersPerHour = 30,
                },
            ],
        };
        var c = Assert.IsType<Jt808SetAreas>(RoundTrip(Jt808MessageIds.SetCircleAreas, v2019, circles).Body);
        Assert.Equal(Jt808SetAreas.SettingAppend, c.SettingType);
        Assert.Equal(2, c.Areas.Length);
        var second = Assert.IsType<Jt808CircleArea>(c.Areas[1]);
        Assert.Equal((8u, 1500u, 40, 5), (second.AreaId, second.RadiusMeters, second.MaxSpeedKilometersPerHour, second.OverspeedDurationSeconds));
        Assert.Equal("261130180000", Hex.Of(second.EndTimeBcd));
        Assert.Equal(-29.6, second.LatitudeDegrees(second.CenterLatitudeMicrodegrees), 9);
        Assert.Equal(-106.6, second.LongitudeDegrees(second.CenterLongitudeMicrodegrees), 9);
        Assert.Equal(v2019 ? "C" : string.Empty, System.Text.Encoding.ASCII.GetString(c.Areas[0].Name));

        var rectangles = new Jt808SetAreas(Jt808MessageIds.SetRectangleAreas)
        {
            Areas = [new Jt808RectangleArea { AreaId = 9, Attributes = Jt808Area.AttributeSpeedLimit, TopLeftLatitudeMicrodegrees = Lats[1], TopLeftLongitudeMicrodegrees = Lons[0], BottomRightLatitudeMicrodegrees = Lats[0], BottomRightLongitudeMicrodegrees = Lons[1], MaxSpeedKilometersPerHour = 80 }],
        };
        Jt808Message r = RoundTrip(Jt808MessageIds.SetRectangleAreas, v2019, rectangles);
        Assert.Equal(2 + 22 + 3 + (v2019 ? 2 + 2 : 0), r.BodyBytes.Length);
        var rect = Assert.IsType<Jt808RectangleArea>(Assert.Single(Assert.IsType<Jt808SetAreas>(r.Body).Areas));
        Assert.Equal((Lats[1], Lons[1], 80), (rect.TopLeftLatitudeMicrodegrees, rect.BottomRightLongitudeMicrodegrees, rect.MaxSpeedKilometersPerHour));
    }

    [Theory]
    [InlineData(Jt808MessageIds.DeleteCircleAreas)]
    [InlineData(Jt808MessageIds.DeleteRectangleAreas)]
    [InlineData(Jt808MessageIds.DeletePolygonAreas)]
    public void Delete_areas_round_trips_and_an_empty_list_means_all(int id)
    {
        Jt808Message some = RoundTrip(id, false, new Jt808DeleteAreas { AreaIds = [1, 0xFFFFFFFF] });
        Assert.Equal("020000000 1FFFFFFFF".Replace(" ", ""), Hex.Of(some.BodyBytes));
        Assert.Equal([1u, 0xFFFFFFFFu], Assert.IsType<Jt808DeleteAreas>(some.Body).AreaIds);
        Assert.Equal("00", Hex.Of(RoundTrip(id, true, new Jt808DeleteAreas()).BodyBytes));
    }

    [Theory]
    [InlineData("86040009" + "013912345678" + "0001" + "00000001" + "0002" + "003C0A")] // speed limit present but vertex count missing
    [InlineData("86040010" + "013912345678" + "0001" + "00000001" + "0000" + "0002" + "01C2226006590FA0")] // 2 vertices announced, 1 present
    [InlineData("86000003" + "013912345678" + "0001" + "0001" + "00")] // 1 circle announced, cut short
    [InlineData("86010004" + "013912345678" + "0001" + "02" + "000000")] // 2 ids announced, 3 bytes follow
    public void Malformed_area_bodies_are_kept_raw(string content)
    {
        byte[] c = Hex.Parse(content);
        byte bcc = c.Aggregate((byte)0, (x, b) => (byte)(x ^ b));
        byte[] frame = [0x7E, .. c, bcc, 0x7E];
        var codec = new Jt808Codec();
        Assert.Equal(Jt808DecodeResult.BodyMalformed, codec.TryDecode(frame, 0, frame.Length, out Jt808Message? message));
        Assert.Null(message!.Body);
    }
}
