using EdgeSdk.Devices;
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

    /// <summary>I2C bus of an MPU6050 IMU for driving events (1 on a Raspberry Pi); unset for no IMU.</summary>
    public int? ImuI2cBus { get; set; }

    /// <summary>I2C address of the IMU, in decimal: 104 (0x68, AD0 low) or 105 (0x69).</summary>
    public int ImuI2cAddress { get; set; } = 0x68;

    /// <summary>How often the IMU is read, milliseconds (default 100: 10 Hz resolves a 300 ms braking).</summary>
    public int ImuPollMilliseconds { get; set; } = 100;

    /// <summary>Deceleration that counts as harsh braking, m/s² (default 3.4, 0.35 g).</summary>
    public double HarshBrakingMetersPerSecondSquared { get; set; } = 3.4;

    /// <summary>Acceleration that counts as harsh, m/s² (default 2.9, 0.3 g).</summary>
    public double HarshAccelerationMetersPerSecondSquared { get; set; } = 2.9;

    /// <summary>Horizontal shock that counts as a crash, m/s² (default 39.2, 4 g).</summary>
    public double CrashMetersPerSecondSquared { get; set; } = 39.2;

    /// <summary>How long braking or acceleration must last to count, milliseconds (default 300).</summary>
    public double HarshMinimumMilliseconds { get; set; } = 300;

    /// <summary>The driving-event thresholds; <see cref="DrivingEventThresholds.Validate"/> names a bad one.</summary>
    public DrivingEventThresholds ToThresholds() => new()
    {
        HarshBrakingMetersPerSecondSquared = HarshBrakingMetersPerSecondSquared,
        HarshAccelerationMetersPerSecondSquared = HarshAccelerationMetersPerSecondSquared,
        CrashMetersPerSecondSquared = CrashMetersPerSecondSquared,
        MinimumDurationMilliseconds = HarshMinimumMilliseconds,
    };

    /// <summary>
    /// On stop, how long to wait for the broker to acknowledge what is queued (the rest stays on disk); longer than
    /// the publisher's 10 s batch wait, so a last partial batch goes out.
    /// </summary>
    public int DrainSeconds { get; set; } = 12;

    /// <summary>
    /// Keep fixes queued when the broker answers "no matching subscribers" (MQTT 5 PUBACK 0x10) and send them again
    /// later (default false). Turn it on when the platform reads through a shared subscription on mosquitto 2.0, which
    /// drops what arrives after a restart until the consumers subscribe again; with no consumer at all the queue grows
    /// until full, then drops its oldest fixes (counted).
    /// </summary>
    public bool HoldWhenNoSubscriber { get; set; }

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
        HoldWhenNoSubscriber = HoldWhenNoSubscriber,
    };

    private static void Require(string? value, string name, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{Section}:{name} is not set: set it in appsettings.json to {example} (or pass --{Section}:{name}=...)");
        }
    }
}
