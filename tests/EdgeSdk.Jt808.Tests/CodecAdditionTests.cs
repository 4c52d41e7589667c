using System.Text.Json;

namespace EdgeSdk.Jt808.Tests;

/// <summary>0x8106, 0x8606/0x8607, sub-package encoding and the alarm bit names: exact bytes, round trips, bad bodies.</summary>
public class CodecAdditionTests
{
    private static Jt808Message Message(int id, bool v2019, Jt808Body body) => new()
    {
        Header = Jt808Header.Create(id, v2019 ? "00000000013912345678" : "013912345678", 7, v2019),
        Body = body,
    };

    private static Jt808SetRoute Route() => new()
    {
        RouteId = 1,
        Attributes = Jt808SetRoute.AttributeTimeWindow | Jt808SetRoute.AttributeExitAlarmToPlatform,
        StartTimeBcd = [0x26, 0x11, 0x30, 0x08, 0x00, 0x00],
        EndTimeBcd = [0x26, 0x11, 0x30, 0x18, 0x00, 0x00],
        Points =
        [
            new() { PointId = 1, SegmentId = 10, LatitudeMicrodegrees = 29_560_000, LongitudeMicrodegrees = 106_550_000, WidthMeters = 50,
                    Attributes = Jt808RoutePoint.AttributeDrivingTime | Jt808RoutePoint.AttributeSpeedLimit, TooLongSeconds = 600, TooShortSeconds = 60,
                    MaxSpeedKilometersPerHour = 80, OverspeedDurationSeconds = 10, NightMaxSpeedKilometersPerHour = 60 },
            new() { PointId = 2, SegmentId = 11, LatitudeMicrodegrees = 29_570_000, LongitudeMicrodegrees = 106_560_000, WidthMeters = 30 },
        ],
        Name = [0xC7, 0xF8], // 区 in GBK
    };

    [Fact]
    public void Query_specific_parameters_has_the_count_and_ids_as_dwords()
    {
        var (result, decoded, _) = CodecRoundTrip.Run(Message(Jt808MessageIds.QuerySpecificParameters, false, new Jt808QuerySpecificParameters { ParameterIds = [0x0029, 0x0055] }));
        Assert.Equal(Jt808DecodeResult.Ok, result);
        Assert.Equal("020000002900000055", Hex.Of(decoded.BodyBytes));
        Assert.Equal([0x0029u, 0x0055u], Assert.IsType<Jt808QuerySpecificParameters>(decoded.Body).ParameterIds);

        // A count the body does not hold is malformed, kept raw.
        var bad = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.QuerySpecificParameters, "013912345678", 1, false), BodyBytes = Hex.Parse("0300000029") };
        Assert.Equal(Jt808DecodeResult.BodyMalformed, CodecRoundTrip.Run(bad).Result);
    }

    [Fact]
    public void A_2013_route_has_the_hand_computed_body()
    {
        var (result, decoded, _) = CodecRoundTrip.Run(Message(Jt808MessageIds.SetRoute, false, Route()));
        Assert.Equal(Jt808DecodeResult.Ok, result);
        Assert.Equal(
            "00000001" + "0021" + "261130080000" + "261130180000" + "0002"
            + "00000001" + "0000000A" + "01C30CC0" + "0659D2F0" + "32" + "03" + "0258" + "003C" + "0050" + "0A"
            + "00000002" + "0000000B" + "01C333D0" + "0659FA00" + "1E" + "00",
            Hex.Of(decoded.BodyBytes));
        var route = Assert.IsType<Jt808SetRoute>(decoded.Body);
        Assert.Equal(2, route.Points.Length);
        Assert.Equal((600, 60, 80, 10, 0), (route.Points[0].TooLongSeconds, route.Points[0].TooShortSeconds, route.Points[0].MaxSpeedKilometersPerHour, route.Points[0].OverspeedDurationSeconds, route.Points[0].NightMaxSpeedKilometersPerHour));
        Assert.Equal(29.57, route.Points[1].LatitudeDegrees, 9);
        Assert.Empty(route.Name);
    }

    [Fact]
    public void A_2019_route_adds_the_night_limit_per_segment_and_the_name()
    {
        var (result, decoded, _) = CodecRoundTrip.Run(Message(Jt808MessageIds.SetRoute, true, Route()));
        Assert.Equal(Jt808DecodeResult.Ok, result);
        // 2013 body (63 bytes) + night limit WORD on the speed-limited segment + name length WORD + 2 name bytes.
        Assert.Equal(63 + 2 + 2 + 2, decoded.BodyBytes.Length);
        var route = Assert.IsType<Jt808SetRoute>(decoded.Body);
        Assert.Equal(60, route.Points[0].NightMaxSpeedKilometersPerHour);
        Assert.Equal("C7F8", Hex.Of(route.Name));

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Jt808Json.WriteMessage(writer, decoded, result);
        }

        JsonElement body = JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("body");
        Assert.Equal("区", body.GetProperty("name").GetString());
        Assert.Equal(80, body.GetProperty("points")[0].GetProperty("max_speed_kmh").GetInt32());
        Assert.Equal(106.56, body.GetProperty("points")[1].GetProperty("longitude_deg").GetDouble());
    }

    [Theory]
    [InlineData("00000001" + "0000" + "0003" + "00000001000000010000000100000001" + "3200")] // 3 points announced, 1 present
    [InlineData("00000001" + "0000" + "0001" + "00000001000000010000000100000001" + "3202" + "0050")] // speed limit bit, limit cut short
    [InlineData("00000001" + "0001" + "2611300800")] // time window cut short
    [InlineData("00000001" + "0000" + "0000" + "FF")] // a byte left over
    public void A_route_that_does_not_fill_its_body_exactly_is_malformed(string body)
    {
        var message = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.SetRoute, "013912345678", 1, false), BodyBytes = Hex.Parse(body) };
        var (result, decoded, _) = CodecRoundTrip.Run(message);
        Assert.Equal(Jt808DecodeResult.BodyMalformed, result);
        Assert.Null(decoded.Body);
        Assert.Equal(body, Hex.Of(decoded.BodyBytes));
    }

    [Fact]
    public void Delete_routes_uses_the_delete_areas_layout()
    {
        var (result, decoded, _) = CodecRoundTrip.Run(Message(Jt808MessageIds.DeleteRoutes, false, new Jt808DeleteAreas { AreaIds = [1, 2] }));
        Assert.Equal(Jt808DecodeResult.Ok, result);
        Assert.Equal("020000000100000002", Hex.Of(decoded.BodyBytes));
    }

    [Theory]
    [InlineData(false, 1023, 3)]
    [InlineData(true, 1023, 3)]
    [InlineData(false, 100, 25)]
    [InlineData(true, 2500, 3)] // a limit above 1023 means 1023
    public void A_long_body_is_split_into_packages_that_the_assembler_joins_byte_identical(bool v2019, int perPackage, int expectedPackages)
    {
        byte[] body = new byte[2500];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(i * 7); // includes 0x7E and 0x7D, so escaping is exercised
        }

        var message = new Jt808Message { Header = Jt808Header.Create(0x0900, "013912345678", 65534, v2019), BodyBytes = body };
        var codec = new Jt808Codec();
        Assert.True(codec.TryEncodePackages(message, perPackage, out byte[][]? frames));
        Assert.Equal(expectedPackages, frames!.Length);
        int effective = Math.Min(perPackage, Jt808Codec.MaxBodyLength);
        var assembler = new Jt808SubpackageAssembler(2, 64);
        Jt808Message? whole = null;
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(Jt808DecodeResult.UnknownMessageId, codec.TryDecode(frames[i], 0, frames[i].Length, out Jt808Message? package));
            Assert.True(package!.Header.IsSubpackage);
            Assert.Equal((expectedPackages, i + 1, (65534 + i) & 0xFFFF), (package.Header.PackageCount, package.Header.PackageIndex, package.Header.SequenceNumber));
            Assert.Equal(i == frames.Length - 1 ? 2500 - (effective * i) : effective, package.Header.BodyLength);
            Assert.Equal(i == frames.Length - 1 ? Jt808AssembleResult.Complete : Jt808AssembleResult.Pending, assembler.TryAdd(package, out whole));
        }

        Assert.Equal(Hex.Of(body), Hex.Of(whole!.BodyBytes));
        Assert.Equal((0x0900, 65534, v2019), (whole.Header.MessageId, whole.Header.SequenceNumber, whole.Header.Is2019Layout));
    }

    [Fact]
    public void A_body_that_fits_one_package_is_the_same_frame_as_TryEncode()
    {
        var message = Message(Jt808MessageIds.SetRoute, true, Route());
        var codec = new Jt808Codec();
        Assert.True(codec.TryEncode(message, out byte[]? single));
        Assert.True(codec.TryEncodePackages(message, 1023, out byte[][]? frames));
        Assert.Equal(Hex.Of(single!), Hex.Of(Assert.Single(frames!)));
    }

    [Fact]
    public void Antenna_alarm_bits_5_and_6_have_names_and_print_in_json()
    {
        Assert.Equal(1u << 5, Jt808AlarmFlags.GnssAntennaOpen);
        Assert.Equal(1u << 6, Jt808AlarmFlags.GnssAntennaShort);
        Assert.Equal("gnss_antenna_open", Jt808AlarmFlags.Name(5));
        Assert.Equal("gnss_antenna_short", Jt808AlarmFlags.Name(6));
        Assert.Null(Jt808AlarmFlags.Name(15));
        Assert.Null(Jt808AlarmFlags.Name(32));
        Assert.Equal("illegal_door_open", Jt808AlarmFlags.Name(31));
        uint flags = Jt808AlarmFlags.With(0, Jt808AlarmFlags.GnssAntennaOpen | Jt808AlarmFlags.AreaInOut, true);
        Assert.Equal(0x00100020u, flags);
        Assert.Equal(0x00100000u, Jt808AlarmFlags.With(flags, Jt808AlarmFlags.GnssAntennaOpen, false));

        var report = new Jt808LocationReport { AlarmFlags = Jt808AlarmFlags.GnssAntennaOpen | Jt808AlarmFlags.GnssAntennaShort | (1u << 16) };
        report.SetTimeUtc(new DateTime(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc));
        var (result, decoded, _) = CodecRoundTrip.Run(Message(Jt808MessageIds.LocationReport, false, report));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Jt808Json.WriteMessage(writer, decoded, result);
        }

        JsonElement body = JsonDocument.Parse(stream.ToArray()).RootElement.GetProperty("body");
        Assert.Equal("0x00010060", body.GetProperty("alarm_flags").GetString());
        Assert.Equal(["gnss_antenna_open", "gnss_antenna_short", "bit_16"], body.GetProperty("alarms").EnumerateArray().Select(e => e.GetString()));
    }
}
