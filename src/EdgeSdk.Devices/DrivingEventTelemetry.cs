using EdgeSdk.Telemetry;

namespace EdgeSdk.Devices;

/// <summary>
/// The bridge from an <see cref="ImuMonitor"/> to a <see cref="TelemetryPublisher"/>: each <see cref="Poll"/> reads
/// one sample and hands any driving event it completes to the publisher's durable event queue
/// (<see cref="TelemetryPublisher.TryEnqueueDrivingEvent"/>), so an event survives a broker outage or a restart
/// as a fix does. A missing or failing sensor never stops the caller: <see cref="Poll"/> returns false and
/// <see cref="StatusMessage"/> says why; fixes keep flowing through the publisher regardless.
/// </summary>
/// <example><code>
/// using var imu = new ImuMonitor(new I2cConnectionSettings(1, ImuMonitor.DefaultI2cAddress), thresholds);
/// var bridge = new DrivingEventTelemetry(imu, publisher);
/// using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
/// while (await timer.WaitForNextTickAsync(ct)) bridge.Poll(DateTime.UtcNow);
/// </code></example>
public sealed class DrivingEventTelemetry
{
    private readonly ImuMonitor _imu;
    private readonly TelemetryPublisher _publisher;
    private long _sent, _refused;

    /// <summary>A bridge from <paramref name="imu"/> to <paramref name="publisher"/> (which must be started before events can be queued).</summary>
    public DrivingEventTelemetry(ImuMonitor imu, TelemetryPublisher publisher)
    {
        _imu = imu ?? throw new ArgumentNullException(nameof(imu));
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    }

    /// <summary>The sensor's state after the last read.</summary>
    public SensorState State => _imu.State;

    /// <summary>One line for the user about the sensor (what it does, or why not and how to fix it).</summary>
    public string StatusMessage => _imu.StatusMessage;

    /// <summary>Driving events handed to the publisher's durable event queue.</summary>
    public long EventsQueued => Interlocked.Read(ref _sent);

    /// <summary>Driving events the publisher refused (not started, stopping, or its event queue not writable).</summary>
    public long EventsRefused => Interlocked.Read(ref _refused);

    /// <summary>The last event detected, or null.</summary>
    public DrivingEvent? LastEvent { get; private set; }

    /// <summary>
    /// Reads one sample stamped <paramref name="timeUtc"/> and queues the event it completes, if any. Returns
    /// whether the sample was plausible (false: sensor absent or answering garbage; see <see cref="StatusMessage"/>).
    /// </summary>
    public bool Poll(DateTime timeUtc)
    {
        bool plausible = _imu.TryRead(timeUtc, out DrivingEvent? drivingEvent);
        if (drivingEvent is not null)
        {
            LastEvent = drivingEvent;
            bool queued = _publisher.TryEnqueueDrivingEvent(ToTelemetryKind(drivingEvent.Kind), drivingEvent.TimeUtc,
                drivingEvent.PeakMetersPerSecondSquared, drivingEvent.DurationMilliseconds, Describe(drivingEvent));
            Interlocked.Increment(ref queued ? ref _sent : ref _refused);
        }

        return plausible;
    }

    /// <summary>The telemetry kind of a driving event kind.</summary>
    public static DeviceEventKind ToTelemetryKind(DrivingEventKind kind) => kind switch
    {
        DrivingEventKind.HarshBraking => DeviceEventKind.HarshBraking,
        DrivingEventKind.HarshAcceleration => DeviceEventKind.HarshAcceleration,
        DrivingEventKind.Crash => DeviceEventKind.Crash,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a driving event kind"),
    };

    /// <summary>The event's one-line detail on the wire, e.g. "harsh braking: peak 4.02 m/s² (0.41 g) for 300 ms".</summary>
    public static string Describe(DrivingEvent drivingEvent)
    {
        ArgumentNullException.ThrowIfNull(drivingEvent);
        string what = drivingEvent.Kind switch
        {
            DrivingEventKind.HarshBraking => "harsh braking",
            DrivingEventKind.HarshAcceleration => "harsh acceleration",
            _ => "crash",
        };
        return FormattableString.Invariant(
            $"{what}: peak {drivingEvent.PeakMetersPerSecondSquared:F2} m/s² ({drivingEvent.PeakMetersPerSecondSquared / 9.807:F2} g) for {drivingEvent.DurationMilliseconds:F0} ms");
    }
}
