using System.Globalization;
using System.Text.Json;

namespace EdgeSdk.Positioning;

/// <summary>
/// Writes <see cref="VehicleEvent"/>s as one JSON object per line (snake_case names, SI units, UTC
/// ISO 8601 times), the format of <c>edgesdk trips</c>.
/// </summary>
public static class VehicleEventJson
{
    /// <summary>Writes one event as a JSON object.</summary>
    public static void Write(Utf8JsonWriter json, VehicleEvent e)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(e);
        json.WriteStartObject();
        json.WriteString("type", Name(e.Kind));
        json.WriteString("time", Time(e.TimeUtc));
        if (e.StartTimeUtc is DateTime start)
        {
            json.WriteString("start", Time(start));
        }

        if (!double.IsNaN(e.LatitudeDegrees))
        {
            json.WriteNumber("lat", Math.Round(e.LatitudeDegrees, 7));
            json.WriteNumber("lon", Math.Round(e.LongitudeDegrees, 7));
        }

        if (e.Alarm != DriverAlarm.None)
        {
            json.WriteString("alarm", AlarmName(e.Alarm));
        }

        if (e.FenceId is uint fence)
        {
            json.WriteNumber("fence", fence);
        }

        Optional(json, "duration_s", e.DurationSeconds, 1);
        Optional(json, "distance_m", e.DistanceMeters, 1);
        Optional(json, "speed_mps", e.SpeedMetersPerSecond, 2);
        Optional(json, "limit_mps", e.SpeedLimitMetersPerSecond, 2);
        json.WriteEndObject();
    }

    /// <summary>Writes the summary line of a monitor: total distance, trips, samples and the odometer's gate counts.</summary>
    public static void WriteSummary(Utf8JsonWriter json, VehicleMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(monitor);
        json.WriteStartObject();
        json.WriteString("type", "summary");
        json.WriteNumber("distance_m", Math.Round(monitor.Odometer.DistanceMeters, 1));
        json.WriteNumber("trips", monitor.Trips.CompletedTrips);
        json.WriteNumber("samples", monitor.Samples);
        json.WriteNumber("counted_fixes", monitor.Odometer.CountedFixes);
        json.WriteNumber("stationary_fixes", monitor.Odometer.StationaryFixes);
        json.WriteNumber("no_fix_samples", monitor.Odometer.NoFixSamples);
        json.WriteNumber("poor_hdop_fixes", monitor.Odometer.PoorHdopFixes);
        json.WriteNumber("jump_fixes", monitor.Odometer.JumpFixes);
        json.WriteString("active_alarms", AlarmName(monitor.Alarms.Active));
        json.WriteEndObject();
    }

    /// <summary>The JSON name of an event kind (snake_case).</summary>
    public static string Name(VehicleEventKind kind) => kind switch
    {
        VehicleEventKind.TripStarted => "trip_start",
        VehicleEventKind.TripEnded => "trip",
        VehicleEventKind.Stop => "stop",
        VehicleEventKind.GeofenceEntered => "fence_enter",
        VehicleEventKind.GeofenceExited => "fence_exit",
        VehicleEventKind.GeofenceDwell => "fence_dwell",
        VehicleEventKind.AlarmRaised => "alarm",
        VehicleEventKind.AlarmCleared => "alarm_clear",
        _ => kind.ToString(),
    };

    private static string AlarmName(DriverAlarm alarm) => alarm == DriverAlarm.None ? "none" : JsonNamingPolicy.SnakeCaseLower.ConvertName(alarm.ToString().Replace(", ", "|", StringComparison.Ordinal));

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter json, string name, double? value, int decimals)
    {
        if (value is double v && !double.IsNaN(v))
        {
            json.WriteNumber(name, Math.Round(v, decimals));
        }
    }
}
