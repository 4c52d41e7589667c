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
        return fix.SatelliteCount > 0 || fix.Hdop.HasValue || fix.Pdop.HasValue || fix.Vdop.HasValue;
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
        int count = fix.SatelliteCount;
        if (count > 0)
        {
            writer.WriteNumber("nSat"u8, count);
        }

        writer.WriteNumber("uSat"u8, fix.SatellitesUsed);
        if (count > 0)
        {
            writer.WriteStartArray("satellites"u8);
            if (fix.SkyValues is SkySnapshot sky)
            {
                // The fusion's values as they are: no SatelliteInfo objects made just to be printed.
                for (int i = 0; i < count; i++)
                {
                    ref readonly SkySignal s = ref sky[i];
                    WriteSatellite(writer, s.GpsdPrn, s.GpsdGnssId, s.Number, s.GpsdSignalId, s.Azimuth, s.Elevation, s.Snr, s.Used != 0);
                }
            }
            else
            {
                IReadOnlyList<SatelliteInfo> satellites = fix.Satellites;
                for (int i = 0; i < count; i++)
                {
                    SatelliteInfo s = satellites[i];
                    WriteSatellite(writer, s.GpsdPrn, s.GpsdGnssId, s.GpsdSvid, s.GpsdSignalId, s.AzimuthDegrees ?? double.NaN, s.ElevationDegrees ?? double.NaN, s.SnrDbHz ?? double.NaN, s.Used);
                }
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

    // ISO 8601 with milliseconds (yyyy-MM-ddTHH:mm:ss.fffZ), digit by digit: a custom DateTime format string is
    // parsed again on every call, and two times are written per fix.
    private static void WriteTime(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateTime time)
    {
        Span<byte> text = stackalloc byte[24];
        "0000-00-00T00:00:00.000Z"u8.CopyTo(text);
        Digits(text, 0, time.Year, 4);
        Digits(text, 5, time.Month, 2);
        Digits(text, 8, time.Day, 2);
        Digits(text, 11, time.Hour, 2);
        Digits(text, 14, time.Minute, 2);
        Digits(text, 17, time.Second, 2);
        Digits(text, 20, time.Millisecond, 3);
        writer.WriteString(name, text);
    }

    private static void Digits(Span<byte> text, int at, int value, int width)
    {
        for (int i = at + width - 1; i >= at; i--)
        {
            text[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static void WriteSatellite(Utf8JsonWriter writer, int prn, int gnssId, int svid, int signalId, double azimuth, double elevation, double snr, bool used)
    {
        writer.WriteStartObject();
        writer.WriteNumber("PRN"u8, prn);
        writer.WriteNumber("gnssid"u8, gnssId);
        writer.WriteNumber("svid"u8, svid);
        if (signalId != 0)
        {
            writer.WriteNumber("sigid"u8, signalId);
        }

        Fixed(writer, "az"u8, azimuth, 1);
        Fixed(writer, "el"u8, elevation, 1);
        Fixed(writer, "ss"u8, snr, 1);
        writer.WriteBoolean("used"u8, used);
        writer.WriteEndObject();
    }

    private static void Fixed(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value, int decimals)
        => Fixed(writer, name, value ?? double.NaN, decimals);

    // Absent (NaN) and infinite values are left out, as gpsd does.
    private static void Fixed(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double v, int decimals)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return;
        }

        Span<byte> text = stackalloc byte[40];
        if (!TryExactDecimal(v, decimals, text, out int length))
        {
            v.TryFormat(text, out length, decimals switch { 1 => "F1", 2 => "F2", 3 => "F3", 4 => "F4", _ => "F9" }, CultureInfo.InvariantCulture);
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }

    // Most values a receiver sends (C/N0 45, elevation 12, HDOP 0.9, altitude 123.4, a latitude from ddmm.mmmm) are the
    // double nearest to a decimal with no more decimals than printed. Such a decimal n / 10^d is found by rounding
    // v * 10^d and checked by dividing back: n and 10^d are exact doubles, so the quotient is correctly rounded, the
    // double that decimal parses to. When it is v, that decimal is the correctly rounded "F" output (it lies within
    // half an ulp of v, and below 10^6 an ulp is under 10^-9, so no other d-decimal number is as close). It costs a
    // multiplication and a division, where "F" with a precision goes through big-integer arithmetic (Dragon4) and
    // even the shortest round-trip form through Grisu. Zero is left to "F" for its sign.
    private static bool TryExactDecimal(double v, int decimals, Span<byte> text, out int length)
    {
        length = 0;
        if (decimals is < 1 or > 9 || v == 0 || Math.Abs(v) >= 1e6)
        {
            return false;
        }

        double scale = Pow10[decimals];
        long n = (long)Math.Round(v * scale);
        if (n / scale != v)
        {
            return false; // more decimals than printed: the "F" format rounds
        }

        if (n < 0)
        {
            text[length++] = (byte)'-';
            n = -n;
        }

        // The digits of n, at least decimals + 1 of them, with the point before the last decimals.
        Span<byte> digits = stackalloc byte[20];
        int count = 0;
        do
        {
            digits[count++] = (byte)('0' + (n % 10));
            n /= 10;
        }
        while (n > 0 || count <= decimals);

        for (int i = count - 1; i >= 0; i--)
        {
            text[length++] = digits[i];
            if (i == decimals)
            {
                text[length++] = (byte)'.';
            }
        }

        return true;
    }

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
}
