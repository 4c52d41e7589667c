using EdgeSdk.Telemetry;

namespace LogisticsTracker;

/// <summary>The "Tracker" section of appsettings.json (or Tracker__Name environment variables, or --Tracker:Name=value).</summary>
public sealed class TrackerSettings
{
    public const string Section = "Tracker";

    /// <summary>GNSS source, e.g. serial:/dev/serial0?baud=9600.</summary>
    public string? Source { get; set; }

    /// <summary>mqtt://HOST:PORT or mqtts://HOST:PORT.</summary>
    public string? Broker { get; set; }

    public string? DeviceId { get; set; }

    public string Fleet { get; set; } = "default";

    /// <summary>Durable queue directory; default ~/.local/state/edgesdk/queue/FLEET/DEVICE.</summary>
    public string? QueuePath { get; set; }

    public string? Username { get; set; }

    /// <summary>Set it through the environment (Tracker__Password), never in a file others can read.</summary>
    public string? Password { get; set; }

    /// <summary>I2C bus of an SSD1306 status display (1 on a Raspberry Pi: /dev/i2c-1); unset for no display.</summary>
    public int? DisplayI2cBus { get; set; }

    /// <summary>I2C address of the display, in decimal: 60 (0x3C, most modules) or 61 (0x3D).</summary>
    public int DisplayI2cAddress { get; set; } = 0x3C;

    /// <summary>
    /// On stop, how long to wait for the broker to acknowledge what is queued (the rest stays on disk); longer than
    /// the publisher's 10 s batch wait, so a last partial batch goes out.
    /// </summary>
    public int DrainSeconds { get; set; } = 12;

    /// <summary>Reads and checks the section; a missing or bad value is an <see cref="ArgumentException"/> naming it.</summary>
    public static TrackerSettings Read(IConfiguration configuration)
    {
        TrackerSettings settings = configuration.GetSection(Section).Get<TrackerSettings>() ?? new TrackerSettings();
        Require(settings.Source, "Source", "the GNSS module's port, e.g. serial:/dev/serial0?baud=9600");
        Require(settings.Broker, "Broker", "the MQTT broker, e.g. mqtts://broker.example.com:8883");
        Require(settings.DeviceId, "DeviceId", "this vehicle's ID, e.g. truck-042");
        return settings;
    }

    /// <summary>Publisher options; throws <see cref="ArgumentException"/> for a bad broker address, device ID or fleet.</summary>
    public TelemetryPublisherOptions ToPublisherOptions() => new()
    {
        DeviceId = DeviceId!,
        Fleet = Fleet,
        QueueDirectory = QueuePath ?? TelemetryPublisherOptions.DefaultQueueDirectory(Fleet, DeviceId!),
        Connection = MqttConnectionOptions.FromUser(Broker!, Username, Password),
    };

    private static void Require(string? value, string name, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{Section}:{name} is not set: set it in appsettings.json to {example} (or pass --{Section}:{name}=...)");
        }
    }
}
