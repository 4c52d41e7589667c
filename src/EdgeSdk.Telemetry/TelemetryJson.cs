using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Telemetry;

/// <summary>
/// One JSON object per fix: what <c>edgesdk subscribe</c> prints, and the baseline the protobuf batches are
/// measured against. Fields: device, seq, time, mode, lat, lon, alt, speed, course, sats (used, per system);
/// absent quantities are left out.
/// </summary>
public static class TelemetryJson
{
    /// <summary>The fix as one line of JSON (no newline).</summary>
    public static string Format(ReceivedFix received)
    {
        ArgumentNullException.ThrowIfNull(received);
        return Format(received.DeviceId, received.Sequence, received.ToGnssFix());
    }

    /// <summary>A fix with its device and sequence number as one line of JSON (no newline).</summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="sequence">The fix's sequence number.</param>
    /// <param name="fix">The fix.</param>
    public static string Format(string deviceId, long sequence, GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        return Write(json =>
        {
            json.WriteString("device", deviceId);
            json.WriteNumber("seq", sequence);
            if (fix.TimeUtc is { } time)
            {
                json.WriteString("time", Timestamp(time));
            }

            json.WriteNumber("mode", (int)fix.Mode);
            WriteNumber(json, "lat", fix.LatitudeDegrees, 7);
            WriteNumber(json, "lon", fix.LongitudeDegrees, 7);
            WriteNumber(json, "alt", fix.AltitudeMslMeters, 1);
            WriteNumber(json, "speed", fix.SpeedMetersPerSecond, 2);
            WriteNumber(json, "course", fix.CourseDegrees, 1);
            json.WriteStartObject("sats");
            foreach (GnssSystem system in fix.Satellites.Where(s => s.Used).Select(s => s.System).Distinct().Order())
            {
                json.WriteNumber(system.ToString(), fix.SatellitesUsedBy(system));
            }

            json.WriteEndObject();
        });
    }

    /// <summary>
    /// A device's status as one line of JSON (no newline), told apart from fix lines by <c>"class":"STATUS"</c>:
    /// fleet, device, online, retained (the broker's stored status rather than a live change), queued, dropped,
    /// version, sent.
    /// </summary>
    public static string Format(ReceivedDeviceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Write(json =>
        {
            WriteHead(json, "STATUS", status.Fleet, status.DeviceId);
            json.WriteBoolean("online", status.Online);
            json.WriteBoolean("retained", status.Retained);
            json.WriteNumber("queued", status.QueuedFixes);
            json.WriteNumber("dropped", status.DroppedFixes);
            json.WriteString("version", status.SoftwareVersion);
            json.WriteString("sent", Timestamp(status.SentUtc));
        });
    }

    /// <summary>
    /// A device event as one line of JSON (no newline), <c>"class":"EVENT"</c>: fleet, device, kind, count, detail,
    /// seq (the event stream's own sequence), dropped_total (fixes-dropped reports from publishers that send it), sent.
    /// </summary>
    public static string Format(ReceivedDeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        return Write(json =>
        {
            WriteHead(json, "EVENT", deviceEvent.Fleet, deviceEvent.DeviceId);
            json.WriteString("kind", deviceEvent.Kind.ToString());
            json.WriteNumber("count", deviceEvent.Count);
            json.WriteString("detail", deviceEvent.Detail);
            json.WriteNumber("seq", deviceEvent.Sequence);
            if (deviceEvent.DroppedTotal > 0)
            {
                json.WriteNumber("dropped_total", deviceEvent.DroppedTotal);
            }

            json.WriteString("sent", Timestamp(deviceEvent.SentUtc));
        });
    }

    private static void WriteHead(Utf8JsonWriter json, string kind, string fleet, string deviceId)
    {
        json.WriteString("class", kind);
        json.WriteString("fleet", fleet);
        json.WriteString("device", deviceId);
    }

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value, int decimals)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, decimals));
        }
    }
}
