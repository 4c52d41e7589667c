using System.Globalization;
using System.Text.Json;

namespace EdgeSdk.Gnss;

/// <summary>
/// Writes gpsd's JSON vocabulary (gpsd_json(5)): TPV and SKY reports from a <see cref="GnssFix"/>,
/// and the VERSION, DEVICES, WATCH and POLL responses of the socket protocol. Field names,
/// order and number formats follow gpsd's own output (lat/lon 9 decimals, altitudes 4,
/// speeds and errors 3, DOPs 2, az/el/ss 1, time ISO 8601 with milliseconds).
/// </summary>
internal static class GpsdJson
{
    /// <summary>The protocol version announced in VERSION (the one Debian's gpsd 3.22 speaks).</summary>
    public const int ProtocolMajor = 3;

    /// <summary>The protocol minor version announced in VERSION.</summary>
    public const int ProtocolMinor = 14;

    /// <summary>Writes a TPV report. Absent quantities are left out, as gpsd does.</summary>
    public static void WriteTpv(Utf8JsonWriter writer, GnssFix fix, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fix);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "TPV"u8);
        if (device != null)
        {
            writer.WriteString("device"u8, device);
        }

        int status = GpsdStatus(fix.Quality);
        if (status > 1)
        {
            writer.WriteNumber("status"u8, status);
        }

        writer.WriteNumber("mode"u8, (int)fix.Mode);
        if (fix.TimeUtc is DateTime time)
        {
            WriteTime(writer, "time"u8, time);
        }

        if (fix.HasPosition)
        {
            Fixed(writer, "lat"u8, fix.LatitudeDegrees, 9);
            Fixed(writer, "lon"u8, fix.LongitudeDegrees, 9);
            if (fix.Mode == FixMode.ThreeD)
            {
                Fixed(writer, "altHAE"u8, fix.AltitudeHaeMeters, 4);
                Fixed(writer, "altMSL"u8, fix.AltitudeMslMeters, 4);
                Fixed(writer, "alt"u8, fix.AltitudeMslMeters, 4);
            }

            Fixed(writer, "epx"u8, fix.LongitudeErrorMeters, 3);
            Fixed(writer, "epy"u8, fix.LatitudeErrorMeters, 3);
            Fixed(writer, "epv"u8, fix.AltitudeErrorMeters, 3);
            Fixed(writer, "track"u8, fix.CourseDegrees, 4);
            Fixed(writer, "speed"u8, fix.SpeedMetersPerSecond, 3);
            Fixed(writer, "climb"u8, fix.ClimbMetersPerSecond, 3);
            Fixed(writer, "geoidSep"u8, fix.GeoidSeparationMeters, 3);
        }

        writer.WriteEndObject();
    }

    /// <summary>True when the fix has anything for a SKY report (satellites or DOPs).</summary>
    public static bool HasSky(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        return fix.Satellites.Count > 0 || fix.Hdop.HasValue || fix.Pdop.HasValue || fix.Vdop.HasValue;
    }

    /// <summary>Writes a SKY report: DOPs, counts and one object per satellite signal.</summary>
    public static void WriteSky(Utf8JsonWriter writer, GnssFix fix, string? device = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fix);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "SKY"u8);
        if (device != null)
        {
            writer.WriteString("device"u8, device);
        }

        if (fix.TimeUtc is DateTime time)
        {
            WriteTime(writer, "time"u8, time);
        }

        Fixed(writer, "hdop"u8, fix.Hdop, 2);
        Fixed(writer, "pdop"u8, fix.Pdop, 2);
        Fixed(writer, "vdop"u8, fix.Vdop, 2);
        IReadOnlyList<SatelliteInfo> satellites = fix.Satellites;
        if (satellites.Count > 0)
        {
            writer.WriteNumber("nSat"u8, satellites.Count);
        }

        writer.WriteNumber("uSat"u8, fix.SatellitesUsed);
        if (satellites.Count > 0)
        {
            writer.WriteStartArray("satellites"u8);
            for (int i = 0; i < satellites.Count; i++)
            {
                SatelliteInfo satellite = satellites[i];
                writer.WriteStartObject();
                writer.WriteNumber("PRN"u8, satellite.GpsdPrn);
                writer.WriteNumber("gnssid"u8, satellite.GpsdGnssId);
                writer.WriteNumber("svid"u8, satellite.GpsdSvid);
                if (satellite.GpsdSignalId != 0)
                {
                    writer.WriteNumber("sigid"u8, satellite.GpsdSignalId);
                }

                Fixed(writer, "az"u8, satellite.AzimuthDegrees, 1);
                Fixed(writer, "el"u8, satellite.ElevationDegrees, 1);
                Fixed(writer, "ss"u8, satellite.SnrDbHz, 1);
                writer.WriteBoolean("used"u8, satellite.Used);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the VERSION banner a gpsd server sends on connect.</summary>
    public static void WriteVersion(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "VERSION"u8);
        writer.WriteString("release"u8, "3.22"u8);
        writer.WriteString("rev"u8, "edgesdk-" + typeof(GpsdJson).Assembly.GetName().Version?.ToString(3));
        writer.WriteNumber("proto_major"u8, ProtocolMajor);
        writer.WriteNumber("proto_minor"u8, ProtocolMinor);
        writer.WriteEndObject();
    }

    /// <summary>Writes a DEVICES response listing one device.</summary>
    public static void WriteDevices(Utf8JsonWriter writer, string path, DateTime activatedUtc)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "DEVICES"u8);
        writer.WriteStartArray("devices"u8);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "DEVICE"u8);
        writer.WriteString("path"u8, path);
        writer.WriteString("driver"u8, "NMEA0183"u8);
        WriteTime(writer, "activated"u8, activatedUtc);
        writer.WriteNumber("flags"u8, 1);
        writer.WriteNumber("native"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a WATCH response with the client's current policy.</summary>
    public static void WriteWatch(Utf8JsonWriter writer, bool enable, bool json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "WATCH"u8);
        writer.WriteBoolean("enable"u8, enable);
        writer.WriteBoolean("json"u8, json);
        writer.WriteBoolean("nmea"u8, false);
        writer.WriteNumber("raw"u8, 0);
        writer.WriteBoolean("scaled"u8, false);
        writer.WriteBoolean("timing"u8, false);
        writer.WriteBoolean("split24"u8, false);
        writer.WriteBoolean("pps"u8, false);
        writer.WriteEndObject();
    }

    /// <summary>Writes a POLL response: the latest TPV and SKY (empty arrays before the first fix).</summary>
    public static void WritePoll(Utf8JsonWriter writer, GnssFix? latest, string device, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("class"u8, "POLL"u8);
        WriteTime(writer, "time"u8, nowUtc);
        writer.WriteNumber("active"u8, 1);
        writer.WriteStartArray("tpv"u8);
        if (latest != null)
        {
            WriteTpv(writer, latest, device);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("sky"u8);
        if (latest != null && HasSky(latest))
        {
            WriteSky(writer, latest, device);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>gpsd's TPV <c>status</c>: 2 DGPS, 3 RTK fixed, 4 RTK float, 5 dead reckoning, 7 manual, 8 simulated; 1 otherwise.</summary>
    public static int GpsdStatus(FixQuality quality) => quality switch
    {
        FixQuality.Differential => 2,
        FixQuality.RtkFixed => 3,
        FixQuality.RtkFloat => 4,
        FixQuality.DeadReckoning => 5,
        FixQuality.Manual => 7,
        FixQuality.Simulated => 8,
        FixQuality.Invalid => 0,
        _ => 1,
    };

    private static void WriteTime(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTime time)
    {
        Span<char> text = stackalloc char[32];
        time.TryFormat(text, out int length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..length]);
    }

    private static void Fixed(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value, int decimals)
    {
        if (value is not double v || double.IsNaN(v) || double.IsInfinity(v))
        {
            return;
        }

        Span<byte> text = stackalloc byte[40];
        v.TryFormat(text, out int length, decimals switch { 1 => "F1", 2 => "F2", 3 => "F3", 4 => "F4", _ => "F9" }, CultureInfo.InvariantCulture);
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }
}
