using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// JSON for decoded NMEA sentences and parser counters (what <c>edgesdk nmea</c> prints). Lives on the
/// .NET side because <see cref="EdgeSdk.Nmea"/> stays portable to nanoFramework, which has no JSON writer.
/// </summary>
public static class NmeaJson
{
    private static readonly JsonEncodedText[] TypeNames = NamesByValue((int)NmeaSentenceType.Rdss, i => ((NmeaSentenceType)i).ToString().ToUpperInvariant());
    private static readonly JsonEncodedText[] SystemNames = NamesByValue((int)GnssSystem.Sbas, i => ((GnssSystem)i).ToString());

    /// <summary>
    /// Writes the parser's counters as one object: <c>accepted</c>, <c>rejected</c>,
    /// <c>rejected_by_reason</c> (snake_case reason names), comment lines, skipped bytes, binary frames.
    /// </summary>
    public static void WriteStatistics(Utf8JsonWriter json, NmeaStatistics stats)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(stats);
        json.WriteStartObject();
        json.WriteNumber("accepted", stats.Accepted);
        json.WriteNumber("rejected", stats.Rejected);
        json.WriteStartObject("rejected_by_reason");
        foreach (NmeaRejectReason reason in Enum.GetValues<NmeaRejectReason>())
        {
            if (reason != NmeaRejectReason.None)
            {
                json.WriteNumber(JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()), stats.GetRejected(reason));
            }
        }

        json.WriteEndObject();
        json.WriteNumber("comment_lines", stats.CommentLines);
        json.WriteNumber("skipped_bytes", stats.SkippedBytes);
        json.WriteNumber("binary_frames", stats.BinaryFrames);
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes one decoded sentence as an object: <c>talker</c>, <c>type</c>, then its fields with units in
    /// their names (<c>latitude_deg</c>, <c>speed_mps</c>, <c>altitude_msl_m</c>, …). Absent fields are left out.
    /// </summary>
    public static void WriteSentence(Utf8JsonWriter json, NmeaTypedSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sentence);
        json.WriteStartObject();
        json.WriteString("talker"u8, NmeaTalkers.ToText(sentence.Talker));
        if (sentence is ProprietarySentence p)
        {
            Text(json, "type"u8, p.Address);
        }
        else
        {
            json.WriteString("type"u8, TypeName(sentence.Type));
        }

        switch (sentence)
        {
            case RmcSentence s:
                Time(json, s.TimeUtc);
                Char(json, "status"u8, s.Status);
                Number(json, "latitude_deg"u8, s.LatitudeDegrees);
                Number(json, "longitude_deg"u8, s.LongitudeDegrees);
                Number(json, "speed_knots"u8, s.SpeedKnots);
                Number(json, "speed_mps"u8, s.SpeedMetersPerSecond);
                Number(json, "course_deg"u8, s.CourseDegrees);
                Date(json, s.Date);
                Number(json, "magnetic_variation_deg"u8, s.MagneticVariationDegrees);
                Char(json, "mode"u8, s.Mode);
                Char(json, "navigational_status"u8, s.NavigationalStatus);
                break;
            case GgaSentence s:
                FixData(json, s);
                Count(json, "fix_quality"u8, s.FixQuality);
                break;
            case GnsSentence s:
                FixData(json, s);
                if (s.ModeCount > 0)
                {
                    // A GNS sentence carries one mode letter per system: a handful, never more than the stack holds.
                    Span<char> modes = stackalloc char[Math.Min(s.ModeCount, 64)];
                    for (int i = 0; i < modes.Length; i++)
                    {
                        modes[i] = s.GetMode(i);
                    }

                    json.WriteString("modes"u8, modes);
                }

                Char(json, "navigational_status"u8, s.NavigationalStatus);
                break;
            case GsaSentence s:
                Char(json, "selection_mode"u8, s.SelectionMode);
                Count(json, "fix_type"u8, s.FixType);
                Count(json, "system_id"u8, s.SystemId);
                json.WriteString("system"u8, SystemName(s.System));
                json.WriteStartArray("satellites"u8);
                for (int i = 0; i < s.SatelliteCount; i++)
                {
                    json.WriteStartObject();
                    Satellite(json, s.GetNumber(i), s.GetSatellite(i));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                Number(json, "pdop"u8, s.Pdop);
                Number(json, "hdop"u8, s.Hdop);
                Number(json, "vdop"u8, s.Vdop);
                break;
            case GsvSentence s:
                Count(json, "total_messages"u8, s.TotalMessages);
                Count(json, "message_number"u8, s.MessageNumber);
                Count(json, "satellites_in_view"u8, s.SatellitesInView);
                Count(json, "signal_id"u8, s.SignalId);
                json.WriteStartArray("satellites"u8);
                for (int i = 0; i < s.SatelliteCount; i++)
                {
                    GsvSatellite sat = s.GetSatellite(i);
                    json.WriteStartObject();
                    Satellite(json, sat.Number, sat.Id);
                    if (s.SignalId >= 0)
                    {
                        json.WriteNumber("sigid"u8, s.GpsdSignalId);
                    }

                    Number(json, "elevation_deg"u8, sat.ElevationDegrees);
                    Number(json, "azimuth_deg"u8, sat.AzimuthDegrees);
                    Number(json, "snr_dbhz"u8, sat.SnrDbHz);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case VtgSentence s:
                Number(json, "course_true_deg"u8, s.CourseTrueDegrees);
                Number(json, "course_magnetic_deg"u8, s.CourseMagneticDegrees);
                Number(json, "speed_knots"u8, s.SpeedKnots);
                Number(json, "speed_kmh"u8, s.SpeedKilometersPerHour);
                Number(json, "speed_mps"u8, s.SpeedMetersPerSecond);
                Char(json, "mode"u8, s.Mode);
                break;
            case GllSentence s:
                Number(json, "latitude_deg"u8, s.LatitudeDegrees);
                Number(json, "longitude_deg"u8, s.LongitudeDegrees);
                Time(json, s.TimeUtc);
                Char(json, "status"u8, s.Status);
                Char(json, "mode"u8, s.Mode);
                break;
            case ZdaSentence s:
                Time(json, s.TimeUtc);
                Date(json, s.Date);
                if (s.HasLocalZone)
                {
                    json.WriteNumber("local_zone_hours"u8, s.LocalZoneHours);
                    json.WriteNumber("local_zone_minutes"u8, s.LocalZoneMinutes);
                }

                break;
            case GstSentence s:
                Time(json, s.TimeUtc);
                Number(json, "range_rms_m"u8, s.RangeRmsMeters);
                Number(json, "semi_major_m"u8, s.SemiMajorDeviationMeters);
                Number(json, "semi_minor_m"u8, s.SemiMinorDeviationMeters);
                Number(json, "semi_major_orientation_deg"u8, s.SemiMajorOrientationDegrees);
                Number(json, "latitude_error_m"u8, s.LatitudeErrorMeters);
                Number(json, "longitude_error_m"u8, s.LongitudeErrorMeters);
                Number(json, "altitude_error_m"u8, s.AltitudeErrorMeters);
                break;
            case GbsSentence s:
                Time(json, s.TimeUtc);
                Number(json, "latitude_error_m"u8, s.LatitudeErrorMeters);
                Number(json, "longitude_error_m"u8, s.LongitudeErrorMeters);
                Number(json, "altitude_error_m"u8, s.AltitudeErrorMeters);
                if (s.FailedSatelliteNumber > 0)
                {
                    json.WriteStartObject("failed_satellite"u8);
                    Satellite(json, s.FailedSatelliteNumber, s.FailedSatellite);
                    json.WriteEndObject();
                }

                Number(json, "missed_detection_probability"u8, s.MissedDetectionProbability);
                Number(json, "bias_m"u8, s.BiasMeters);
                Number(json, "bias_standard_deviation_m"u8, s.BiasStandardDeviationMeters);
                Count(json, "system_id"u8, s.SystemId);
                Count(json, "signal_id"u8, s.SignalId);
                break;
            case DtmSentence s:
                Text(json, "local_datum"u8, s.LocalDatum);
                Text(json, "subdivision"u8, s.SubdivisionCode);
                Number(json, "latitude_offset_min"u8, s.LatitudeOffsetMinutes);
                Number(json, "longitude_offset_min"u8, s.LongitudeOffsetMinutes);
                Number(json, "altitude_offset_m"u8, s.AltitudeOffsetMeters);
                Text(json, "reference_datum"u8, s.ReferenceDatum);
                break;
            case TxtSentence s:
                Count(json, "total_messages"u8, s.TotalMessages);
                Count(json, "message_number"u8, s.MessageNumber);
                Count(json, "text_id"u8, s.TextId);
                Text(json, "text"u8, s.Text);
                break;
            case ProprietarySentence s:
                Text(json, "fields"u8, s.Fields);
                break;
        }

        json.WriteEndObject();
    }

    private static void FixData(Utf8JsonWriter json, FixDataSentence s)
    {
        Time(json, s.TimeUtc);
        Number(json, "latitude_deg"u8, s.LatitudeDegrees);
        Number(json, "longitude_deg"u8, s.LongitudeDegrees);
        Count(json, "satellites_used"u8, s.SatellitesUsed);
        Number(json, "hdop"u8, s.Hdop);
        Number(json, "altitude_msl_m"u8, s.AltitudeMslMeters);
        Number(json, "geoid_separation_m"u8, s.GeoidSeparationMeters);
        Number(json, "dgps_age_s"u8, s.DgpsAgeSeconds);
        Count(json, "dgps_station_id"u8, s.DgpsStationId);
    }

    private static void Satellite(Utf8JsonWriter json, int number, SatelliteId id)
    {
        json.WriteNumber("nmea"u8, number);
        json.WriteString("system"u8, id.System.ToString());
        if (id.IsKnown)
        {
            json.WriteNumber("svid"u8, id.Number);
            json.WriteNumber("PRN"u8, id.GpsdPrn);
            json.WriteNumber("gnssid"u8, id.GpsdGnssId);
        }
    }

    // Absent values (NaN, -1, '\0', invalid time/date) are left out rather than printed as zero.
    // Names are UTF-8 literals and values go out as spans: writing a sentence allocates nothing.
    private static void Number(Utf8JsonWriter json, ReadOnlySpan<byte> name, double value)
    {
        if (!double.IsNaN(value))
        {
            json.WriteNumber(name, value);
        }
    }

    private static void Count(Utf8JsonWriter json, ReadOnlySpan<byte> name, int value)
    {
        if (value >= 0)
        {
            json.WriteNumber(name, value);
        }
    }

    private static void Char(Utf8JsonWriter json, ReadOnlySpan<byte> name, char value)
    {
        if (value != '\0')
        {
            json.WriteString(name, new ReadOnlySpan<char>(in value));
        }
    }

    // hh:mm:ss.fff, as NmeaTime.ToString() writes it.
    private static void Time(Utf8JsonWriter json, NmeaTime time)
    {
        if (time.IsValid)
        {
            Span<byte> text = stackalloc byte[12];
            Digits(text[..2], time.Hour);
            text[2] = (byte)':';
            Digits(text.Slice(3, 2), time.Minute);
            text[5] = (byte)':';
            Digits(text.Slice(6, 2), time.Second);
            text[8] = (byte)'.';
            Digits(text.Slice(9, 3), time.Millisecond);
            json.WriteString("time_utc"u8, text);
        }
    }

    // yyyy-mm-dd, as NmeaDate.ToString() writes it.
    private static void Date(Utf8JsonWriter json, NmeaDate date)
    {
        if (date.IsValid)
        {
            Span<byte> text = stackalloc byte[10];
            Digits(text[..4], date.Year);
            text[4] = (byte)'-';
            Digits(text.Slice(5, 2), date.Month);
            text[7] = (byte)'-';
            Digits(text.Slice(8, 2), date.Day);
            json.WriteString("date"u8, text);
        }
    }

    // Fixed-width decimal, most significant digit first; the same digits NmeaText.PutDigits gives.
    private static void Digits(Span<byte> target, int value)
    {
        for (int i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    // Text fields hold the sentence's bytes: ASCII goes out as it is; anything else takes the string path,
    // which escapes each byte as the Latin-1 character it was printed as before.
    private static void Text(Utf8JsonWriter json, ReadOnlySpan<byte> name, NmeaText text)
    {
        ReadOnlySpan<byte> bytes = text.Bytes.AsSpan(0, text.Length);
        if (!System.Text.Ascii.IsValid(bytes))
        {
            json.WriteString(name, text.ToString());
            return;
        }

        json.WriteString(name, bytes);
    }

    private static JsonEncodedText TypeName(NmeaSentenceType type)
    {
        int i = (int)type;
        return i >= 0 && i < TypeNames.Length ? TypeNames[i] : JsonEncodedText.Encode(type.ToString().ToUpperInvariant());
    }

    private static JsonEncodedText SystemName(GnssSystem system)
    {
        int i = (int)system;
        return i >= 0 && i < SystemNames.Length ? SystemNames[i] : JsonEncodedText.Encode(system.ToString());
    }

    // Enum names are turned into JSON text once, indexed by value (0 .. the largest value), instead of once per
    // sentence. Values with no name (the gap at GnssSystem 7) print as their number, as Enum.ToString does.
    private static JsonEncodedText[] NamesByValue(int largestValue, Func<int, string> name)
    {
        var table = new JsonEncodedText[largestValue + 1];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = JsonEncodedText.Encode(name(i));
        }

        return table;
    }
}
