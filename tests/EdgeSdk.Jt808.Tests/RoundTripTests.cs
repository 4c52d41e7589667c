namespace EdgeSdk.Jt808.Tests;

/// <summary>Every body type, in both header versions: encode, decode to the same values, re-encode to the same bytes.</summary>
public class RoundTripTests
{
    private static Jt808Message RoundTrip(Jt808Message message, Jt808DecodeResult expected = Jt808DecodeResult.Ok)
    {
        (Jt808DecodeResult result, Jt808Message decoded, _) = CodecRoundTrip.Run(message);
        Assert.Equal(expected, result);
        Assert.True(decoded.ChecksumOk);
        Assert.Equal(message.Header.MessageId, decoded.Header.MessageId);
        Assert.Equal(message.Header.Is2019Layout, decoded.Header.Is2019Layout);
        Assert.Equal(message.Header.SequenceNumber, decoded.Header.SequenceNumber);
        return decoded;
    }

    private static Jt808Message Message(int id, bool v2019, Jt808Body body) => new()
    {
        Header = Jt808Header.Create(id, v2019 ? "00000000013912345678" : "013912345678", 4660, v2019),
        Body = body,
    };

    [Fact]
    public void A_2019_heartbeat_has_the_hand_computed_bytes()
    {
        // 0002 | attributes 4000 (version flag, empty body) | version 01 | phone 00000000012345678901 | seq 0001 | BCC CA (XOR worked by hand).
        var message = new Jt808Message { Header = Jt808Header.Create(0x0002, "12345678901", 1, version2019: true), Body = Jt808EmptyBody.Instance };
        Assert.True(new Jt808Codec().TryEncode(message, out byte[]? frame));
        Assert.Equal("7E000240000100000000012345678901" + "0001CA7E", Hex.Of(frame!));
        Jt808Message decoded = RoundTrip(message);
        Assert.Equal("00000000012345678901", decoded.Header.Phone);
        Assert.Equal(1, decoded.Header.ProtocolVersion);
        Assert.Same(Jt808EmptyBody.Instance, decoded.Body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void General_responses_round_trip(bool v2019)
    {
        foreach (int id in new[] { Jt808MessageIds.TerminalGeneralResponse, Jt808MessageIds.PlatformGeneralResponse })
        {
            var body = new Jt808GeneralResponse { AckSequenceNumber = 65535, AckMessageId = 0x0200, Result = Jt808GeneralResponse.ResultNotSupported };
            var r = Assert.IsType<Jt808GeneralResponse>(RoundTrip(Message(id, v2019, body)).Body);
            Assert.Equal((65535, 0x0200, 3), (r.AckSequenceNumber, r.AckMessageId, r.Result));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Deregistration_round_trips_with_an_empty_body(bool v2019)
    {
        Jt808Message decoded = RoundTrip(Message(Jt808MessageIds.Deregistration, v2019, Jt808EmptyBody.Instance));
        Assert.Empty(decoded.BodyBytes);
        Assert.Same(Jt808EmptyBody.Instance, decoded.Body);
    }

    [Theory]
    [InlineData(false, 5, 20, 7)]
    [InlineData(true, 11, 30, 30)]
    public void Registration_uses_the_field_widths_of_its_version(bool v2019, int manufacturer, int model, int id)
    {
        var body = new Jt808Registration
        {
            ProvinceId = 50,
            CityId = 103,
            ManufacturerId = "EDGE1"u8.ToArray(),
            TerminalModel = "TRK-808"u8.ToArray(),
            TerminalId = "T000001"u8.ToArray(),
            PlateColor = 2,
            Plate = [0xD3, 0xE5, 0x41, 0x31, 0x32, 0x33, 0x34, 0x35], // 渝A12345 in GBK
        };
        Jt808Message decoded = RoundTrip(Message(Jt808MessageIds.Registration, v2019, body));
        Assert.Equal(4 + manufacturer + model + id + 1 + 8, decoded.BodyBytes.Length);
        var r = Assert.IsType<Jt808Registration>(decoded.Body);
        Assert.Equal((50, 103, 2), (r.ProvinceId, r.CityId, r.PlateColor));
        Assert.Equal(manufacturer, r.ManufacturerId.Length);
        Assert.Equal("EDGE1", System.Text.Encoding.ASCII.GetString(r.ManufacturerId).TrimEnd('\0'));
        Assert.Equal("TRK-808", System.Text.Encoding.ASCII.GetString(r.TerminalModel).TrimEnd('\0'));
        Assert.Equal("T000001", System.Text.Encoding.ASCII.GetString(r.TerminalId).TrimEnd('\0'));
        Assert.Equal("D3E54131323334 35".Replace(" ", ""), Hex.Of(r.Plate));
    }

    [Fact]
    public void Registration_response_carries_the_authentication_code_only_on_success()
    {
        var ok = new Jt808RegistrationResponse { AckSequenceNumber = 7, Result = 0, AuthenticationCode = "AUTH-123"u8.ToArray() };
        var r = Assert.IsType<Jt808RegistrationResponse>(RoundTrip(Message(Jt808MessageIds.RegistrationResponse, false, ok)).Body);
        Assert.Equal((7, 0, "AUTH-123"), (r.AckSequenceNumber, r.Result, System.Text.Encoding.ASCII.GetString(r.AuthenticationCode)));

        var refused = new Jt808RegistrationResponse { AckSequenceNumber = 8, Result = Jt808RegistrationResponse.ResultNoSuchTerminal };
        Jt808Message decoded = RoundTrip(Message(Jt808MessageIds.RegistrationResponse, true, refused));
        Assert.Equal(3, decoded.BodyBytes.Length);
        Assert.Empty(Assert.IsType<Jt808RegistrationResponse>(decoded.Body).AuthenticationCode);
    }

    [Fact]
    public void Authentication_2013_is_the_code_alone_and_2019_adds_length_imei_and_version()
    {
        var body = new Jt808Authentication { AuthenticationCode = "AUTH-123"u8.ToArray(), Imei = "860000000000001"u8.ToArray(), SoftwareVersion = "1.2.3"u8.ToArray() };
        Jt808Message v2013 = RoundTrip(Message(Jt808MessageIds.Authentication, false, body));
        Assert.Equal("AUTH-123", System.Text.Encoding.ASCII.GetString(v2013.BodyBytes));

        Jt808Message v2019 = RoundTrip(Message(Jt808MessageIds.Authentication, true, body));
        Assert.Equal(1 + 8 + 15 + 20, v2019.BodyBytes.Length);
        Assert.Equal(8, v2019.BodyBytes[0]);
        var a = Assert.IsType<Jt808Authentication>(v2019.Body);
        Assert.Equal("860000000000001", System.Text.Encoding.ASCII.GetString(a.Imei));
        Assert.Equal("1.2.3", System.Text.Encoding.ASCII.GetString(a.SoftwareVersion).TrimEnd('\0'));
    }

    internal static Jt808LocationReport SampleReport()
    {
        var report = new Jt808LocationReport { AlarmFlags = 1u << 20, StatusFlags = 0x3, AltitudeMeters = 259, DirectionDegrees = 359 };
        report.SetPosition(-29.563009, -106.551556); // southern/western hemisphere to exercise status bits 2 and 3
        report.SetSpeedKilometersPerHour(87.4);
        report.SetTimeUtc(new DateTime(2026, 11, 30, 17, 59, 58, DateTimeKind.Utc)); // 01:59:58 next day in GMT+8
        report.AddMileageKilometers(12345.6);
        report.AddFuelLiters(42.5);
        report.AddRecorderSpeedKilometersPerHour(86.9);
        report.AddUnsignedItem(Jt808AdditionalItemIds.AlarmEventId, 17, 2);
        report.AddOverspeedAlarm(1, 0xA0B0C0D0);
        report.AddAreaAlarm(3, 77, 1);
        report.AddRouteTimeAlarm(9, 600, 1);
        report.AddUnsignedItem(Jt808AdditionalItemIds.ExtendedSignals, 0x80000001, 4);
        report.AddUnsignedItem(Jt808AdditionalItemIds.IoStatus, 2, 2);
        report.AddUnsignedItem(Jt808AdditionalItemIds.Analog, (250u << 16) | 1000u, 4);
        report.AddUnsignedItem(Jt808AdditionalItemIds.SignalStrength, 31, 1);
        report.AddUnsignedItem(Jt808AdditionalItemIds.SatelliteCount, 14, 1);
        report.AddItem(new Jt808AdditionalItem(0xE1, [0x7E, 0x7D, 0x00])); // unknown vendor item holding both escape bytes
        return report;
    }

    private static void AssertSample(Jt808LocationReport r)
    {
        Assert.Equal((1u << 20, 0x3u | 0x4u | 0x8u), (r.AlarmFlags, r.StatusFlags));
        Assert.Equal(-29.563009, r.LatitudeDegrees, 9);
        Assert.Equal(-106.551556, r.LongitudeDegrees, 9);
        Assert.Equal((259, 874, 359), (r.AltitudeMeters, r.SpeedTenthsKilometersPerHour, r.DirectionDegrees));
        Assert.Equal(87.4 / 3.6, r.SpeedMetersPerSecond, 9);
        Assert.Equal("261201015958", Hex.Of(r.TimeBcd));
        Assert.True(r.TryGetTimeUtc(out DateTime utc));
        Assert.Equal(new DateTime(2026, 11, 30, 17, 59, 58), utc);
        Assert.True(r.TryGetMileageKilometers(out double km));
        Assert.Equal(12345.6, km, 9);
        Assert.True(r.TryGetFuelLiters(out double fuel));
        Assert.Equal(42.5, fuel, 9);
        Assert.True(r.TryGetRecorderSpeedKilometersPerHour(out double recorder));
        Assert.Equal(86.9, recorder, 9);
        Assert.True(r.TryGetAlarmEventId(out int eventId));
        Assert.Equal(17, eventId);
        Assert.True(r.TryGetOverspeedAlarm(out int overType, out uint overArea));
        Assert.Equal((1, 0xA0B0C0D0u), (overType, overArea));
        Assert.True(r.TryGetAreaAlarm(out int areaType, out uint areaId, out int direction));
        Assert.Equal((3, 77u, 1), (areaType, areaId, direction));
        Assert.True(r.TryGetRouteTimeAlarm(out uint section, out int seconds, out int result));
        Assert.Equal((9u, 600, 1), (section, seconds, result));
        Assert.True(r.TryGetExtendedSignals(out uint signals));
        Assert.Equal(0x80000001u, signals);
        Assert.True(r.TryGetIoStatus(out int io));
        Assert.Equal(2, io);
        Assert.True(r.TryGetAnalog(out int ad0, out int ad1));
        Assert.Equal((1000, 250), (ad0, ad1));
        Assert.True(r.TryGetSignalStrength(out int csq));
        Assert.Equal(31, csq);
        Assert.True(r.TryGetSatelliteCount(out int sats));
        Assert.Equal(14, sats);
        Assert.Equal("E1:7E7D00", $"{r.Items[^1].Id:X2}:{Hex.Of(r.Items[^1].Value)}");
        Assert.Equal(13, r.Items.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Location_report_with_every_standard_item_round_trips(bool v2019)
    {
        AssertSample(Assert.IsType<Jt808LocationReport>(RoundTrip(Message(Jt808MessageIds.LocationReport, v2019, SampleReport())).Body));
    }

    [Fact]
    public void Location_report_items_of_nonstandard_width_stay_raw_and_typed_getters_say_no()
    {
        var r = new Jt808LocationReport();
        r.AddItem(new Jt808AdditionalItem(Jt808AdditionalItemIds.Analog, new byte[8]));
        r.AddItem(new Jt808AdditionalItem(Jt808AdditionalItemIds.Mileage, new byte[3]));
        var decoded = Assert.IsType<Jt808LocationReport>(RoundTrip(Message(Jt808MessageIds.LocationReport, false, r)).Body);
        Assert.False(decoded.TryGetAnalog(out _, out _));
        Assert.False(decoded.TryGetMileageKilometers(out _));
        Assert.False(decoded.TryGetSatelliteCount(out _));
        Assert.Equal(8, decoded.Items[0].Value.Length);
    }

    [Theory]
    [InlineData(Jt808LocationBatch.TypeNormal, false)]
    [InlineData(Jt808LocationBatch.TypeBlindArea, true)]
    public void Location_batch_round_trips(int type, bool v2019)
    {
        var second = new Jt808LocationReport { StatusFlags = 2 };
        second.SetPosition(29.5, 106.5);
        second.SetTimeUtc(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var batch = new Jt808LocationBatch { BatchType = type, Reports = [SampleReport(), second] };
        var b = Assert.IsType<Jt808LocationBatch>(RoundTrip(Message(Jt808MessageIds.LocationBatch, v2019, batch)).Body);
        Assert.Equal(type, b.BatchType);
        Assert.Equal(2, b.Reports.Length);
        AssertSample(b.Reports[0]);
        Assert.Equal(29.5, b.Reports[1].LatitudeDegrees, 9);
        Assert.Empty(b.Reports[1].Items);
        Assert.True(b.Reports[1].TryGetTimeUtc(out DateTime utc));
        Assert.Equal(new DateTime(2026, 1, 1), utc);
    }

    [Fact]
    public void Escaped_bytes_in_header_body_and_checksum_round_trip()
    {
        // Sequence 0x7E7D puts both special bytes in the header; the vendor item puts them in the body.
        var message = Message(Jt808MessageIds.LocationReport, false, SampleReport());
        message.Header.SequenceNumber = 0x7E7D;
        var codec = new Jt808Codec();
        Assert.True(codec.TryEncode(message, out byte[]? frame));
        Assert.Equal(2, frame!.Count(b => b == 0x7E)); // only the flags
        Assert.Contains("7D027D01", Hex.Of(frame), StringComparison.Ordinal);
        Jt808Message decoded = RoundTrip(message);
        Assert.Equal(0x7E7D, decoded.Header.SequenceNumber);
    }

    [Fact]
    public void Sub_package_fields_round_trip_and_the_fragment_body_stays_raw()
    {
        var message = new Jt808Message { Header = Jt808Header.Create(0x0801, "013912345678", 9, false), BodyBytes = [1, 2, 3, 0x7E] };
        message.Header.IsSubpackage = true;
        message.Header.PackageCount = 3;
        message.Header.PackageIndex = 2;
        Jt808Message decoded = RoundTrip(message, Jt808DecodeResult.UnknownMessageId);
        Assert.True(decoded.Header.IsSubpackage);
        Assert.Equal((3, 2, 16), (decoded.Header.PackageCount, decoded.Header.PackageIndex, decoded.Header.HeaderLength));
        Assert.Equal("0102037E", Hex.Of(decoded.BodyBytes));
        Assert.Null(decoded.Body);
    }

    [Fact]
    public void A_body_over_1023_bytes_or_a_non_digit_phone_is_not_encoded()
    {
        var codec = new Jt808Codec();
        Assert.False(codec.TryEncode(new Jt808Message { Header = Jt808Header.Create(0x0900, "1", 0, false), BodyBytes = new byte[1024] }, out byte[]? big));
        Assert.Null(big);
        Assert.False(codec.TryEncode(new Jt808Message { Header = Jt808Header.Create(0x0002, "13x", 0, false) }, out _));
        Assert.False(codec.TryEncode(new Jt808Message { Header = Jt808Header.Create(0x0002, "0139123456789", 0, false) }, out _)); // 13 digits > 12
        Assert.True(codec.TryEncode(new Jt808Message { Header = Jt808Header.Create(0x0900, "1", 0, false), BodyBytes = new byte[1023] }, out _));
    }
}

/// <summary>The parameter, query, tracking and text bodies.</summary>
public class PlatformCommandRoundTripTests
{
    private static Jt808Message RoundTrip(int id, bool v2019, Jt808Body body) => CodecRoundTrip.Ok(id, v2019, body, sequence: 300);

    private static Jt808Parameter[] FatigueParameters() =>
    [
        Jt808Parameter.FromUnsigned(Jt808Parameter.ContinuousDrivingLimitSeconds, 4 * 3600, 4),
        Jt808Parameter.FromUnsigned(Jt808Parameter.DailyDrivingLimitSeconds, 8 * 3600, 4),
        Jt808Parameter.FromUnsigned(Jt808Parameter.MinimumRestSeconds, 20 * 60, 4),
        Jt808Parameter.FromUnsigned(0x0081, 50, 2), // province id, WORD
        new Jt808Parameter(0x0083, [0xD3, 0xE5, 0x41]), // plate, GBK STRING
    ];

    private static void AssertFatigue(Jt808Parameter[] p)
    {
        Assert.Equal(5, p.Length);
        Assert.Equal([0x57u, 0x58u, 0x59u, 0x81u, 0x83u], p.Select(x => x.Id).ToArray());
        Assert.True(p[0].TryGetUnsigned(out uint continuous));
        Assert.Equal(14400u, continuous);
        Assert.True(p[3].TryGetUnsigned(out uint province));
        Assert.Equal(50u, province);
        Assert.False(p[4].TryGetUnsigned(out _));
        Assert.Equal("D3E541", Hex.Of(p[4].Value));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Set_parameters_and_parameter_response_round_trip(bool v2019)
    {
        var set = Assert.IsType<Jt808SetParameters>(RoundTrip(Jt808MessageIds.SetParameters, v2019, new Jt808SetParameters { Parameters = FatigueParameters() }).Body);
        AssertFatigue(set.Parameters);
        var response = Assert.IsType<Jt808ParameterResponse>(RoundTrip(Jt808MessageIds.ParameterResponse, v2019, new Jt808ParameterResponse { AckSequenceNumber = 99, Parameters = FatigueParameters() }).Body);
        Assert.Equal(99, response.AckSequenceNumber);
        AssertFatigue(response.Parameters);
    }

    [Fact]
    public void Empty_queries_round_trip()
    {
        Assert.Same(Jt808EmptyBody.Instance, RoundTrip(Jt808MessageIds.QueryParameters, false, Jt808EmptyBody.Instance).Body);
        Assert.Same(Jt808EmptyBody.Instance, RoundTrip(Jt808MessageIds.LocationQuery, true, Jt808EmptyBody.Instance).Body);
    }

    [Fact]
    public void Location_query_response_round_trips()
    {
        var body = new Jt808LocationQueryResponse { AckSequenceNumber = 12, Report = RoundTripTests.SampleReport() };
        var r = Assert.IsType<Jt808LocationQueryResponse>(RoundTrip(Jt808MessageIds.LocationQueryResponse, false, body).Body);
        Assert.Equal(12, r.AckSequenceNumber);
        Assert.Equal(-29.563009, r.Report.LatitudeDegrees, 9);
        Assert.Equal(13, r.Report.Items.Length);
    }

    [Fact]
    public void Temporary_tracking_round_trips_with_and_without_validity()
    {
        var t = Assert.IsType<Jt808TemporaryTracking>(RoundTrip(Jt808MessageIds.TemporaryTracking, false, new Jt808TemporaryTracking { IntervalSeconds = 5, ValiditySeconds = 3600 }).Body);
        Assert.Equal((5, 3600u, false), (t.IntervalSeconds, t.ValiditySeconds, t.ValidityOmitted));
        Jt808Message stop = RoundTrip(Jt808MessageIds.TemporaryTracking, true, new Jt808TemporaryTracking { IntervalSeconds = 0, ValidityOmitted = true });
        Assert.Equal(2, stop.BodyBytes.Length);
        Assert.True(Assert.IsType<Jt808TemporaryTracking>(stop.Body).ValidityOmitted);
    }

    [Theory]
    [InlineData(false, "0C" + "C4E3BAC3")]
    [InlineData(true, "0C01" + "C4E3BAC3")]
    public void Text_message_has_the_text_type_byte_only_in_2019(bool v2019, string bodyHex)
    {
        var body = new Jt808TextMessage { Flags = 0x0C, TextType = 1, Text = [0xC4, 0xE3, 0xBA, 0xC3] }; // 你好 in GBK
        Jt808Message decoded = RoundTrip(Jt808MessageIds.TextMessage, v2019, body);
        Assert.Equal(bodyHex, Hex.Of(decoded.BodyBytes));
        var t = Assert.IsType<Jt808TextMessage>(decoded.Body);
        Assert.Equal((0x0C, v2019 ? 1 : 0), (t.Flags, t.TextType));
        Assert.Equal("C4E3BAC3", Hex.Of(t.Text));
    }

    [Theory]
    [InlineData("81030006" + "013912345678" + "0001" + "02" + "0000005704")] // says 2 parameters, second missing, first cut short
    [InlineData("01040009" + "013912345678" + "0001" + "0001" + "00" + "0000005700FF")] // count 0 but bytes follow
    [InlineData("82020003" + "013912345678" + "0001" + "000500")] // 3 bytes: neither 2 nor 6
    public void Malformed_command_bodies_are_kept_raw(string content)
    {
        byte[] c = Hex.Parse(content);
        byte bcc = c.Aggregate((byte)0, (x, b) => (byte)(x ^ b));
        byte[] frame = [0x7E, .. c, bcc, 0x7E];
        var codec = new Jt808Codec();
        Assert.Equal(Jt808DecodeResult.BodyMalformed, codec.TryDecode(frame, 0, frame.Length, out Jt808Message? message));
        Assert.Null(message!.Body);
    }
}
