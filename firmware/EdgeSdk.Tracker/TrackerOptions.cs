namespace EdgeSdk.Tracker;

/// <summary>Settings of a <see cref="TrackerApp"/>. The defaults fit an ESP32's ~100 KB managed heap (see firmware/README.md).</summary>
public sealed class TrackerOptions
{
    /// <summary>The longest fleet or device name, in characters (as EdgeSdk.Telemetry's TelemetryNames).</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// Smallest <see cref="PayloadBufferBytes"/>: a one-fix envelope with every value at its widest (64-character
    /// CJK device ID, 10-byte varints in every column, eight satellite slots) takes 301 bytes, so a
    /// batch can always be cut down to something that fits.
    /// </summary>
    public const int MinPayloadBufferBytes = 512;

    /// <summary>The device ID: a topic level and Envelope.device_id.</summary>
    public string DeviceId { get; set; }

    /// <summary>The fleet: a topic level.</summary>
    public string Fleet { get; set; } = "default";

    /// <summary>Unsent fixes kept while the broker is unreachable (default 600: ten minutes at 1 Hz, 42 KB); when full the oldest is dropped and counted.</summary>
    public int RingCapacity { get; set; } = 600;

    /// <summary>Most fixes per MQTT message (default 20).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>A part-filled batch goes once its oldest fix has waited this long (default 5,000 ms).</summary>
    public int BatchMaxDelayMilliseconds { get; set; } = 5000;

    /// <summary>A UART silent this long closes the epoch in progress (default 200 ms; receivers send an epoch in one burst).</summary>
    public int IdleGapMilliseconds { get; set; } = 200;

    /// <summary>First wait before connecting again after a failure (default 1,000 ms); doubles up to <see cref="ReconnectMaxDelayMilliseconds"/>.</summary>
    public int ReconnectMinDelayMilliseconds { get; set; } = 1000;

    /// <summary>Longest wait between connection attempts (default 30,000 ms).</summary>
    public int ReconnectMaxDelayMilliseconds { get; set; } = 30000;

    /// <summary>Envelope.queue_instance: the numbering epoch of this start's ring, random and non-zero (the board's hardware RNG).</summary>
    public ulong QueueInstance { get; set; }

    /// <summary>DeviceStatus.software_version.</summary>
    public string SoftwareVersion { get; set; } = "0.1.0";

    /// <summary>Bytes read from the UART per poll (default 512).</summary>
    public int SerialBufferBytes { get; set; } = 512;

    /// <summary>Largest MQTT payload built (default 2,048 bytes); a batch that does not fit is sent in smaller parts.</summary>
    public int PayloadBufferBytes { get; set; } = 2048;

    /// <summary>Why these settings cannot be used, as one line naming the setting and the fix; null when they can.</summary>
    public string Validate()
    {
        string name = NameError(DeviceId, "device ID");
        if (name != null)
        {
            return name;
        }

        name = NameError(Fleet, "fleet");
        if (name != null)
        {
            return name;
        }

        if (RingCapacity < 1 || BatchSize < 1 || SerialBufferBytes < 1)
        {
            return "RingCapacity, BatchSize and SerialBufferBytes must be at least 1";
        }

        if (PayloadBufferBytes < MinPayloadBufferBytes)
        {
            return "PayloadBufferBytes must be at least 512: one fix of any values with its envelope always fits";
        }

        if (QueueInstance == 0)
        {
            return "QueueInstance must be non-zero: take it from the board's random number generator at each start";
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot be a topic level, or null. The .NET rule (TelemetryNames): 1–64 letters,
    /// digits, '-', '_' or '.', not '.' or '..'. ASCII is checked exactly; other characters are accepted unless
    /// they are control or space characters, since the device has no Unicode letter tables.
    /// </summary>
    /// <param name="name">The fleet or device name.</param>
    /// <param name="what">What it is, for the message.</param>
    public static string NameError(string name, string what)
    {
        bool ok = name != null && name.Length >= 1 && name.Length <= MaxNameLength && name != "." && name != "..";
        for (int i = 0; ok && i < name.Length; i++)
        {
            char c = name[i];
            ok = c < 0x80
                ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
                : c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0x3000 && c != 0xFEFF;
        }

        return ok ? null : what + " '" + name + "' is not allowed: use 1-64 letters, digits, '-', '_' or '.', not '.' or '..'";
    }
}
