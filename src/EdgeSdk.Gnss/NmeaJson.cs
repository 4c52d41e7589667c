using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// JSON for decoded NMEA sentences and parser counters (what <c>edgesdk nmea</c> prints). Lives on the
/// .NET side because <see cref="EdgeSdk.Nmea"/> stays portable to nanoFramework, which has no JSON writer.
/// </summary>
public static class NmeaJson
{
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
        json.WriteString("talker", NmeaTalkers.ToText(sentence.Talker));
        json.WriteString("type", sentence is ProprietarySentence p ? p.Address.ToString() : sentence.Type.ToString().ToUpperInvariant());
        switch (sentence)
        {
            case RmcSentence s:
                Time(json, s.TimeUtc);
                Char(json, "status", s.Status);
                Number(json, "latitude_deg", s.LatitudeDegrees);
                Number(json, "longitude_deg", s.LongitudeDegrees);
                Number(json, "speed_knots", s.SpeedKnots);
                Number(json, "speed_mps", s.SpeedMetersPerSecond);
                Number(json, "course_deg", s.CourseDegrees);
                Date(json, s.Date);
                Number(json, "magnetic_variation_deg", s.MagneticVariationDegrees);
                Char(json, "mode", s.Mode);
                Char(json, "navigational_status", s.NavigationalStatus);
                break;
            case GgaSentence s:
                FixData(json, s);
                Count(json, "fix_quality", s.FixQuality);
                break;
            case GnsSentence s:
                FixData(json, s);
                if (s.ModeCount > 0)
                {
                    var modes = new char[s.ModeCount];
                    for (int i = 0; i < modes.Length; i++)
                    {
                        modes[i] = s.GetMode(i);
                    }

                    json.WriteString("modes", new string(modes));
                }

                Char(json, "navigational_status", s.NavigationalStatus);
                break;
            case GsaSentence s:
                Char(json, "selection_mode", s.SelectionMode);
                Count(json, "fix_type", s.FixType);
                Count(json, "system_id", s.SystemId);
                json.WriteString("system", s.System.ToString());
                json.WriteStartArray("satellites");
                for (int i = 0; i < s.SatelliteCount; i++)
                {
                    json.WriteStartObject();
                    Satellite(json, s.GetNumber(i), s.GetSatellite(i));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                Number(json, "pdop", s.Pdop);
                Number(json, "hdop", s.Hdop);
                Number(json, "vdop", s.Vdop);
                break;
            case GsvSentence s:
                Count(json, "total_messages", s.TotalMessages);
                Count(json, "message_number", s.MessageNumber);
                Count(json, "satellites_in_view", s.SatellitesInView);
                Count(json, "signal_id", s.SignalId);
                json.WriteStartArray("satellites");
                for (int i = 0; i < s.SatelliteCount; i++)
                {
                    GsvSatellite sat = s.GetSatellite(i);
                    json.WriteStartObject();
                    Satellite(json, sat.Number, sat.Id);
                    if (s.SignalId >= 0)
                    {
                        json.WriteNumber("sigid", s.GpsdSignalId);
                    }

                    Number(json, "elevation_deg", sat.ElevationDegrees);
                    Number(json, "azimuth_deg", sat.AzimuthDegrees);
                    Number(json, "snr_dbhz", sat.SnrDbHz);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case VtgSentence s:
                Number(json, "course_true_deg", s.CourseTrueDegrees);
                Number(json, "course_magnetic_deg", s.CourseMagneticDegrees);
                Number(json, "speed_knots", s.SpeedKnots);
                Number(json, "speed_kmh", s.SpeedKilometersPerHour);
                Number(json, "speed_mps", s.SpeedMetersPerSecond);
                Char(json, "mode", s.Mode);
                break;
            case GllSentence s:
                Number(json, "latitude_deg", s.LatitudeDegrees);
                Number(json, "longitude_deg", s.LongitudeDegrees);
                Time(json, s.TimeUtc);
                Char(json, "status", s.Status);
                Char(json, "mode", s.Mode);
                break;
            case ZdaSentence s:
                Time(json, s.TimeUtc);
                Date(json, s.Date);
                if (s.HasLocalZone)
                {
                    json.WriteNumber("local_zone_hours", s.LocalZoneHours);
                    json.WriteNumber("local_zone_minutes", s.LocalZoneMinutes);
                }

                break;
            case GstSentence s:
                Time(json, s.TimeUtc);
                Number(json, "range_rms_m", s.RangeRmsMeters);
                Number(json, "semi_major_m", s.SemiMajorDeviationMeters);
                Number(json, "semi_minor_m", s.SemiMinorDeviationMeters);
                Number(json, "semi_major_orientation_deg", s.SemiMajorOrientationDegrees);
                Number(json, "latitude_error_m", s.LatitudeErrorMeters);
                Number(json, "longitude_error_m", s.LongitudeErrorMeters);
                Number(json, "altitude_error_m", s.AltitudeErrorMeters);
                break;
            case GbsSentence s:
                Time(json, s.TimeUtc);
                Number(json, "latitude_error_m", s.LatitudeErrorMeters);
                Number(json, "longitude_error_m", s.LongitudeErrorMeters);
                Number(json, "altitude_error_m", s.AltitudeErrorMeters);
                if (s.FailedSatelliteNumber > 0)
                {
                    json.WriteStartObject("failed_satellite");
                    Satellite(json, s.FailedSatelliteNumber, s.FailedSatellite);
                    json.WriteEndObject();
                }

                Number(json, "missed_detection_probability", s.MissedDetectionProbability);
                Number(json, "bias_m", s.BiasMeters);
                Number(json, "bias_standard_deviation_m", s.BiasStandardDeviationMeters);
                Count(json, "system_id", s.SystemId);
                Count(json, "signal_id", s.SignalId);
                break;
            case DtmSentence s:
                json.WriteString("local_datum", s.LocalDatum.ToString());
                json.WriteString("subdivision", s.SubdivisionCode.ToString());
                Number(json, "latitude_offset_min", s.LatitudeOffsetMinutes);
                Number(json, "longitude_offset_min", s.LongitudeOffsetMinutes);
                Number(json, "altitude_offset_m", s.AltitudeOffsetMeters);
                json.WriteString("reference_datum", s.ReferenceDatum.ToString());
                break;
            case TxtSentence s:
                Count(json, "total_messages", s.TotalMessages);
                Count(json, "message_number", s.MessageNumber);
                Count(json, "text_id", s.TextId);
                json.WriteString("text", s.Text.ToString());
                break;
            case ProprietarySentence s:
                json.WriteString("fields", s.Fields.ToString());
                break;
        }

        json.WriteEndObject();
    }

    private static void FixData(Utf8JsonWriter json, FixDataSentence s)
    {
        Time(json, s.TimeUtc);
        Number(json, "latitude_deg", s.LatitudeDegrees);
        Number(json, "longitude_deg", s.LongitudeDegrees);
        Count(json, "satellites_used", s.SatellitesUsed);
        Number(json, "hdop", s.Hdop);
        Number(json, "altitude_msl_m", s.AltitudeMslMeters);
        Number(json, "geoid_separation_m", s.GeoidSeparationMeters);
        Number(json, "dgps_age_s", s.DgpsAgeSeconds);
        Count(json, "dgps_station_id", s.DgpsStationId);
    }

    private static void Satellite(Utf8JsonWriter json, int number, SatelliteId id)
    {
        json.WriteNumber("nmea", number);
        json.WriteString("system", id.System.ToString());
        if (id.IsKnown)
        {
            json.WriteNumber("svid", id.Number);
            json.WriteNumber("PRN", id.GpsdPrn);
            json.WriteNumber("gnssid", id.GpsdGnssId);
        }
    }

    // Absent values (NaN, -1, '\0', invalid time/date) are left out rather than printed as zero.
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (!double.IsNaN(value))
        {
            json.WriteNumber(name, value);
        }
    }

    private static void Count(Utf8JsonWriter json, string name, int value)
    {
        if (value >= 0)
        {
            json.WriteNumber(name, value);
        }
    }

    private static void Char(Utf8JsonWriter json, string name, char value)
    {
        if (value != '\0')
        {
            json.WriteString(name, value.ToString());
        }
    }

    private static void Time(Utf8JsonWriter json, NmeaTime time)
    {
        if (time.IsValid)
        {
            json.WriteString("time_utc", time.ToString());
        }
    }

    private static void Date(Utf8JsonWriter json, NmeaDate date)
    {
        if (date.IsValid)
        {
            json.WriteString("date", date.ToString());
        }
    }
}
