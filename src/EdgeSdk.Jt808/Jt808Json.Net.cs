#nullable enable
using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Jt808;

/// <summary>
/// Writes decoded messages as JSON (the <c>edgesdk jt808 decode</c> format): header fields, then the body's fields with
/// units in the names; latitude/longitude in degrees, time as ISO 8601 with +08:00 as on the wire and in UTC. .NET only.
/// </summary>
public static class Jt808Json
{
    private static readonly Encoding Gbk = CreateGbk();

    /// <summary>The snake_case name of a decode result, as printed by the CLI.</summary>
    /// <param name="result">The result.</param>
    /// <returns>E.g. <c>wrong_checksum</c>.</returns>
    public static string ResultName(Jt808DecodeResult result) => result switch
    {
        Jt808DecodeResult.Ok => "ok",
        Jt808DecodeResult.UnknownMessageId => "unknown_message_id",
        Jt808DecodeResult.BodyMalformed => "body_malformed",
        Jt808DecodeResult.Truncated => "truncated",
        Jt808DecodeResult.MissingFlag => "missing_flag",
        Jt808DecodeResult.BadEscape => "bad_escape",
        Jt808DecodeResult.WrongChecksum => "wrong_checksum",
        Jt808DecodeResult.BodyLengthMismatch => "body_length_mismatch",
        Jt808DecodeResult.TooLong => "too_long",
        _ => ((int)result).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Writes one message as a JSON object.</summary>
    /// <param name="json">Destination.</param>
    /// <param name="message">The decoded message.</param>
    /// <param name="result">The decode result (says whether the body is typed or raw).</param>
    public static void WriteMessage(Utf8JsonWriter json, Jt808Message message, Jt808DecodeResult result)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(message);
        Jt808Header h = message.Header;
        json.WriteStartObject();
        json.WriteString("result", ResultName(result));
        json.WriteString("message_id", Id(h.MessageId));
        json.WriteNumber("version", h.Is2019Layout ? 2019 : 2013);
        json.WriteBoolean("version_flag", h.VersionFlag);
        if (h.Is2019Layout)
        {
            json.WriteNumber("protocol_version", h.ProtocolVersion);
        }

        json.WriteString("phone", h.Phone);
        json.WriteNumber("sequence", h.SequenceNumber);
        json.WriteNumber("body_length", h.BodyLength);
        if (h.EncryptionMode != 0)
        {
            json.WriteNumber("encryption", h.EncryptionMode);
        }

        if (h.IsSubpackage)
        {
            json.WriteNumber("package_count", h.PackageCount);
            json.WriteNumber("package_index", h.PackageIndex);
        }

        json.WriteString("checksum", "0x" + message.Checksum.ToString("X2", CultureInfo.InvariantCulture));
        json.WriteBoolean("checksum_ok", message.ChecksumOk);
        json.WritePropertyName("body");
        WriteBody(json, message);
        json.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter json, Jt808Message message)
    {
        switch (message.Body)
        {
            case Jt808LocationReport report:
                WriteReport(json, report);
                return;
            case Jt808LocationBatch batch:
                json.WriteStartObject();
                json.WriteNumber("batch_type", batch.BatchType);
                json.WriteNumber("count", batch.Reports.Length);
                json.WriteStartArray("reports");
                foreach (Jt808LocationReport r in batch.Reports)
                {
                    WriteReport(json, r);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                return;
            case Jt808GeneralResponse g:
                json.WriteStartObject();
                json.WriteNumber("ack_sequence", g.AckSequenceNumber);
                json.WriteString("ack_message_id", Id(g.AckMessageId));
                json.WriteNumber("result", g.Result);
                json.WriteEndObject();
                return;
            case Jt808Registration r:
                json.WriteStartObject();
                json.WriteNumber("province_id", r.ProvinceId);
                json.WriteNumber("city_id", r.CityId);
                json.WriteString("manufacturer_id", Text(r.ManufacturerId));
                json.WriteString("terminal_model", Text(r.TerminalModel));
                json.WriteString("terminal_id", Text(r.TerminalId));
                json.WriteNumber("plate_color", r.PlateColor);
                json.WriteString("plate", Text(r.Plate));
                json.WriteEndObject();
                return;
            case Jt808RegistrationResponse rr:
                json.WriteStartObject();
                json.WriteNumber("ack_sequence", rr.AckSequenceNumber);
                json.WriteNumber("result", rr.Result);
                json.WriteString("authentication_code", Text(rr.AuthenticationCode));
                json.WriteEndObject();
                return;
            case Jt808Authentication a:
                json.WriteStartObject();
                json.WriteString("authentication_code", Text(a.AuthenticationCode));
                if (message.Header.Is2019Layout)
                {
                    json.WriteString("imei", Text(a.Imei));
                    json.WriteString("software_version", Text(a.SoftwareVersion));
                }

                json.WriteEndObject();
                return;
            case Jt808SetParameters sp:
                json.WriteStartObject();
                WriteParameters(json, sp.Parameters);
                json.WriteEndObject();
                return;
            case Jt808ParameterResponse pr:
                json.WriteStartObject();
                json.WriteNumber("ack_sequence", pr.AckSequenceNumber);
                WriteParameters(json, pr.Parameters);
                json.WriteEndObject();
                return;
            case Jt808LocationQueryResponse q:
                json.WriteStartObject();
                json.WriteNumber("ack_sequence", q.AckSequenceNumber);
                json.WritePropertyName("report");
                WriteReport(json, q.Report);
                json.WriteEndObject();
                return;
            case Jt808TemporaryTracking t:
                json.WriteStartObject();
                json.WriteNumber("interval_s", t.IntervalSeconds);
                if (!t.ValidityOmitted)
                {
                    json.WriteNumber("validity_s", t.ValiditySeconds);
                }

                json.WriteEndObject();
                return;
            case Jt808TextMessage text:
                json.WriteStartObject();
                json.WriteString("flags", "0x" + text.Flags.ToString("X2", CultureInfo.InvariantCulture));
                if (message.Header.Is2019Layout)
                {
                    json.WriteNumber("text_type", text.TextType);
                }

                json.WriteString("text", Text(text.Text));
                json.WriteEndObject();
                return;
            case Jt808SetAreas areas:
                json.WriteStartObject();
                if (areas.MessageId != Jt808MessageIds.SetPolygonArea)
                {
                    json.WriteNumber("setting_type", areas.SettingType);
                }

                json.WriteStartArray("areas");
                foreach (Jt808Area area in areas.Areas)
                {
                    WriteArea(json, area, message.Header.Is2019Layout);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                return;
            case Jt808DeleteAreas delete:
                json.WriteStartObject();
                json.WriteStartArray("area_ids");
                foreach (uint id in delete.AreaIds)
                {
                    json.WriteNumberValue(id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                return;
            case Jt808QuerySpecificParameters query:
                json.WriteStartObject();
                json.WriteStartArray("parameter_ids");
                foreach (uint id in query.ParameterIds)
                {
                    json.WriteStringValue("0x" + id.ToString("X4", CultureInfo.InvariantCulture));
                }

                json.WriteEndArray();
                json.WriteEndObject();
                return;
            case Jt808SetRoute route:
                WriteRoute(json, route, message.Header.Is2019Layout);
                return;
            case Jt808EmptyBody:
                json.WriteStartObject();
                json.WriteEndObject();
                return;
            default:
                json.WriteStartObject();
                json.WriteString("raw", Convert.ToHexString(message.BodyBytes));
                json.WriteEndObject();
                return;
        }
    }

    private static void WriteReport(Utf8JsonWriter json, Jt808LocationReport r)
    {
        json.WriteStartObject();
        json.WriteString("alarm_flags", "0x" + r.AlarmFlags.ToString("X8", CultureInfo.InvariantCulture));
        if (r.AlarmFlags != 0)
        {
            // Named bits, so a reader need not know the table; a reserved bit prints as "bit_N".
            json.WriteStartArray("alarms");
            for (int bit = 0; bit < 32; bit++)
            {
                if ((r.AlarmFlags & (1u << bit)) != 0)
                {
                    json.WriteStringValue(Jt808AlarmFlags.Name(bit) ?? "bit_" + bit.ToString(CultureInfo.InvariantCulture));
                }
            }

            json.WriteEndArray();
        }

        json.WriteString("status_flags", "0x" + r.StatusFlags.ToString("X8", CultureInfo.InvariantCulture));
        json.WriteBoolean("acc_on", r.IsAccOn);
        json.WriteBoolean("fixed", r.IsFixed);
        json.WriteNumber("latitude_deg", r.LatitudeDegrees);
        json.WriteNumber("longitude_deg", r.LongitudeDegrees);
        json.WriteNumber("altitude_m", r.AltitudeMeters);
        json.WriteNumber("speed_kmh", r.SpeedKilometersPerHour);
        json.WriteNumber("direction_deg", r.DirectionDegrees);
        if (r.TryGetTimeGmt8(out int y, out int mo, out int d, out int hh, out int mi, out int ss) && r.TryGetTimeUtc(out DateTime utc))
        {
            json.WriteString("time", new DateTimeOffset(y, mo, d, hh, mi, ss, TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            json.WriteString("time_utc", utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteString("time_bcd_invalid", Convert.ToHexString(r.TimeBcd));
        }

        // Typed items first (the standard's widths only; other widths stay in "items" raw).
        if (r.TryGetMileageKilometers(out double km))
        {
            json.WriteNumber("mileage_km", km);
        }

        if (r.TryGetFuelLiters(out double fuel))
        {
            json.WriteNumber("fuel_l", fuel);
        }

        if (r.TryGetRecorderSpeedKilometersPerHour(out double recorder))
        {
            json.WriteNumber("recorder_speed_kmh", recorder);
        }

        if (r.TryGetAlarmEventId(out int eventId))
        {
            json.WriteNumber("alarm_event_id", eventId);
        }

        if (r.TryGetOverspeedAlarm(out int overType, out uint overArea))
        {
            json.WriteStartObject("overspeed_alarm");
            json.WriteNumber("location_type", overType);
            json.WriteNumber("area_id", overArea);
            json.WriteEndObject();
        }

        if (r.TryGetAreaAlarm(out int areaType, out uint areaId, out int direction))
        {
            json.WriteStartObject("area_alarm");
            json.WriteNumber("location_type", areaType);
            json.WriteNumber("area_id", areaId);
            json.WriteString("direction", direction == 0 ? "in" : "out");
            json.WriteEndObject();
        }

        if (r.TryGetRouteTimeAlarm(out uint section, out int seconds, out int result))
        {
            json.WriteStartObject("route_time_alarm");
            json.WriteNumber("section_id", section);
            json.WriteNumber("driving_time_s", seconds);
            json.WriteString("result", result == 0 ? "too_short" : "too_long");
            json.WriteEndObject();
        }

        if (r.TryGetExtendedSignals(out uint signals))
        {
            json.WriteString("extended_signals", "0x" + signals.ToString("X8", CultureInfo.InvariantCulture));
        }

        if (r.TryGetIoStatus(out int io))
        {
            json.WriteString("io_status", "0x" + io.ToString("X4", CultureInfo.InvariantCulture));
        }

        if (r.TryGetAnalog(out int ad0, out int ad1))
        {
            json.WriteNumber("analog_ad0", ad0);
            json.WriteNumber("analog_ad1", ad1);
        }

        if (r.TryGetSignalStrength(out int csq))
        {
            json.WriteNumber("signal_strength", csq);
        }

        if (r.TryGetSatelliteCount(out int sats))
        {
            json.WriteNumber("satellites", sats);
        }

        json.WriteStartArray("items");
        foreach (Jt808AdditionalItem item in r.Items)
        {
            json.WriteStringValue(item.Id.ToString("X2", CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(item.Value));
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteArea(Utf8JsonWriter json, Jt808Area area, bool version2019)
    {
        json.WriteStartObject();
        json.WriteNumber("area_id", area.AreaId);
        json.WriteString("attributes", "0x" + area.Attributes.ToString("X4", CultureInfo.InvariantCulture));
        switch (area)
        {
            case Jt808CircleArea c:
                json.WriteString("shape", "circle");
                json.WriteNumber("center_latitude_deg", c.LatitudeDegrees(c.CenterLatitudeMicrodegrees));
                json.WriteNumber("center_longitude_deg", c.LongitudeDegrees(c.CenterLongitudeMicrodegrees));
                json.WriteNumber("radius_m", c.RadiusMeters);
                break;
            case Jt808RectangleArea r:
                json.WriteString("shape", "rectangle");
                json.WriteNumber("top_left_latitude_deg", r.LatitudeDegrees(r.TopLeftLatitudeMicrodegrees));
                json.WriteNumber("top_left_longitude_deg", r.LongitudeDegrees(r.TopLeftLongitudeMicrodegrees));
                json.WriteNumber("bottom_right_latitude_deg", r.LatitudeDegrees(r.BottomRightLatitudeMicrodegrees));
                json.WriteNumber("bottom_right_longitude_deg", r.LongitudeDegrees(r.BottomRightLongitudeMicrodegrees));
                break;
            case Jt808PolygonArea p:
                json.WriteString("shape", "polygon");
                json.WriteStartArray("vertices");
                for (int i = 0; i < p.VertexLatitudesMicrodegrees.Length; i++)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(p.LatitudeDegrees(p.VertexLatitudesMicrodegrees[i]));
                    json.WriteNumberValue(p.LongitudeDegrees(p.VertexLongitudesMicrodegrees[i]));
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                break;
        }

        if ((area.Attributes & Jt808Area.AttributeTimeWindow) != 0)
        {
            json.WriteString("start_time_bcd", Convert.ToHexString(area.StartTimeBcd));
            json.WriteString("end_time_bcd", Convert.ToHexString(area.EndTimeBcd));
        }

        if ((area.Attributes & Jt808Area.AttributeSpeedLimit) != 0)
        {
            json.WriteNumber("max_speed_kmh", area.MaxSpeedKilometersPerHour);
            json.WriteNumber("overspeed_duration_s", area.OverspeedDurationSeconds);
            if (version2019)
            {
                json.WriteNumber("night_max_speed_kmh", area.NightMaxSpeedKilometersPerHour);
            }
        }

        if (version2019)
        {
            json.WriteString("name", Text(area.Name));
        }

        json.WriteEndObject();
    }

    private static void WriteRoute(Utf8JsonWriter json, Jt808SetRoute route, bool version2019)
    {
        json.WriteStartObject();
        json.WriteNumber("route_id", route.RouteId);
        json.WriteString("attributes", "0x" + route.Attributes.ToString("X4", CultureInfo.InvariantCulture));
        if ((route.Attributes & Jt808SetRoute.AttributeTimeWindow) != 0)
        {
            json.WriteString("start_time_bcd", Convert.ToHexString(route.StartTimeBcd));
            json.WriteString("end_time_bcd", Convert.ToHexString(route.EndTimeBcd));
        }

        json.WriteStartArray("points");
        foreach (Jt808RoutePoint p in route.Points)
        {
            json.WriteStartObject();
            json.WriteNumber("point_id", p.PointId);
            json.WriteNumber("segment_id", p.SegmentId);
            json.WriteNumber("latitude_deg", p.LatitudeDegrees);
            json.WriteNumber("longitude_deg", p.LongitudeDegrees);
            json.WriteNumber("width_m", p.WidthMeters);
            json.WriteString("attributes", "0x" + p.Attributes.ToString("X2", CultureInfo.InvariantCulture));
            if ((p.Attributes & Jt808RoutePoint.AttributeDrivingTime) != 0)
            {
                json.WriteNumber("too_long_s", p.TooLongSeconds);
                json.WriteNumber("too_short_s", p.TooShortSeconds);
            }

            if ((p.Attributes & Jt808RoutePoint.AttributeSpeedLimit) != 0)
            {
                json.WriteNumber("max_speed_kmh", p.MaxSpeedKilometersPerHour);
                json.WriteNumber("overspeed_duration_s", p.OverspeedDurationSeconds);
                if (version2019)
                {
                    json.WriteNumber("night_max_speed_kmh", p.NightMaxSpeedKilometersPerHour);
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (version2019)
        {
            json.WriteString("name", Text(route.Name));
        }

        json.WriteEndObject();
    }

    private static void WriteParameters(Utf8JsonWriter json, Jt808Parameter[] parameters)
    {
        json.WriteStartArray("parameters");
        foreach (Jt808Parameter p in parameters)
        {
            json.WriteStartObject();
            json.WriteString("id", "0x" + p.Id.ToString("X4", CultureInfo.InvariantCulture));
            json.WriteString("raw", Convert.ToHexString(p.Value));
            if (p.TryGetUnsigned(out uint value))
            {
                json.WriteNumber("value", value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Text as the GBK bytes JT/T 808 text fields carry (plates, 0x8300 messages, area names).</summary>
    /// <param name="text">The text.</param>
    /// <returns>GBK bytes.</returns>
    /// <exception cref="EncoderFallbackException">A character GBK cannot represent.</exception>
    public static byte[] GbkBytes(string text) => Gbk.GetBytes(text);

    private static string Id(int id) => "0x" + id.ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>Text fields are ASCII or GBK, zero-padded: printed as text when they decode cleanly, else as hex.</summary>
    private static string Text(byte[] bytes)
    {
        int length = bytes.Length;
        while (length > 0 && bytes[length - 1] == 0)
        {
            length--;
        }

        try
        {
            string text = Gbk.GetString(bytes, 0, length);
            foreach (char c in text)
            {
                if (char.IsControl(c) || c == '\uFFFD')
                {
                    return "hex:" + Convert.ToHexString(bytes);
                }
            }

            return text;
        }
        catch (DecoderFallbackException)
        {
            return "hex:" + Convert.ToHexString(bytes);
        }
    }

    private static Encoding CreateGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
