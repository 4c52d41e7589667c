namespace EdgeSdk.Devices;

/// <summary>
/// Turns accelerometer samples in the vehicle's frame (X forward, Y left, Z up, m/s², gravity included)
/// into <see cref="DrivingEvent"/>s: harsh braking and acceleration when the longitudinal acceleration
/// stays beyond its threshold for the minimum duration (one event per episode, re-armed when it falls
/// below half the threshold), a crash on any sample whose horizontal magnitude exceeds the crash
/// threshold (one per hold-off). Samples that cannot come from a vehicle on the ground (total below
/// 0.3 g: a sensor reading zeros, free fall) are rejected and counted.
/// </summary>
public sealed class DrivingEventDetector
{
    private const double MinimumPlausibleTotalMetersPerSecondSquared = 0.3 * 9.807;

    private readonly DrivingEventThresholds _thresholds;
    private readonly Episode _braking = new();
    private readonly Episode _accelerating = new();
    private DateTime _lastCrashUtc = DateTime.MinValue;

    /// <summary>A detector with <paramref name="thresholds"/> (defaults when null).</summary>
    /// <exception cref="ArgumentException">A threshold makes no sense; the message names it.</exception>
    public DrivingEventDetector(DrivingEventThresholds? thresholds = null)
    {
        _thresholds = thresholds ?? new DrivingEventThresholds();
        _thresholds.Validate();
    }

    /// <summary>Samples accepted.</summary>
    public long Samples { get; private set; }

    /// <summary>Samples rejected as implausible (not counted in <see cref="Samples"/>).</summary>
    public long ImplausibleSamples { get; private set; }

    /// <summary>Events raised, by kind (index with <see cref="DrivingEventKind"/>).</summary>
    public IReadOnlyList<long> EventCounts => _counts;

    private readonly long[] _counts = new long[Enum.GetValues<DrivingEventKind>().Length];

    /// <summary>
    /// Adds one sample; returns the event it completes, or null. A crash takes precedence over braking
    /// or acceleration in the same sample.
    /// </summary>
    public DrivingEvent? Add(DateTime timeUtc, double forwardMetersPerSecondSquared, double leftMetersPerSecondSquared, double upMetersPerSecondSquared)
    {
        double total = Math.Sqrt((forwardMetersPerSecondSquared * forwardMetersPerSecondSquared) + (leftMetersPerSecondSquared * leftMetersPerSecondSquared) + (upMetersPerSecondSquared * upMetersPerSecondSquared));
        if (!double.IsFinite(total) || total < MinimumPlausibleTotalMetersPerSecondSquared)
        {
            ImplausibleSamples++;
            return null;
        }

        Samples++;
        double horizontal = Math.Sqrt((forwardMetersPerSecondSquared * forwardMetersPerSecondSquared) + (leftMetersPerSecondSquared * leftMetersPerSecondSquared));
        if (horizontal >= _thresholds.CrashMetersPerSecondSquared)
        {
            bool newCrash = (timeUtc - _lastCrashUtc).TotalMilliseconds >= _thresholds.CrashHoldOffMilliseconds;
            _lastCrashUtc = timeUtc;
            _braking.Reset();
            _accelerating.Reset();
            return newCrash ? Raise(new DrivingEvent(DrivingEventKind.Crash, timeUtc, horizontal, 0)) : null;
        }

        DrivingEvent? braking = _braking.Add(DrivingEventKind.HarshBraking, timeUtc, -forwardMetersPerSecondSquared, _thresholds.HarshBrakingMetersPerSecondSquared, _thresholds.MinimumDurationMilliseconds);
        DrivingEvent? accelerating = _accelerating.Add(DrivingEventKind.HarshAcceleration, timeUtc, forwardMetersPerSecondSquared, _thresholds.HarshAccelerationMetersPerSecondSquared, _thresholds.MinimumDurationMilliseconds);
        DrivingEvent? raised = braking ?? accelerating;
        return raised is null ? null : Raise(raised);
    }

    private DrivingEvent Raise(DrivingEvent drivingEvent)
    {
        _counts[(int)drivingEvent.Kind]++;
        return drivingEvent;
    }

    // One direction of longitudinal acceleration: when it started beyond the threshold, its peak,
    // and whether this episode has already raised its event.
    private sealed class Episode
    {
        private DateTime? _startUtc;
        private double _peak;
        private bool _raised;

        public void Reset()
        {
            _startUtc = null;
            _peak = 0;
            _raised = false;
        }

        public DrivingEvent? Add(DrivingEventKind kind, DateTime timeUtc, double value, double threshold, double minimumMilliseconds)
        {
            if (value < threshold)
            {
                if (value < threshold / 2)
                {
                    Reset(); // hysteresis: a reading hovering at the threshold is one episode, not many
                }
                else if (!_raised)
                {
                    _startUtc = null; // too short to count: the duration starts again
                    _peak = 0;
                }

                return null;
            }

            _startUtc ??= timeUtc;
            _peak = Math.Max(_peak, value);
            double duration = (timeUtc - _startUtc.Value).TotalMilliseconds;
            if (_raised || duration < minimumMilliseconds)
            {
                return null;
            }

            _raised = true;
            return new DrivingEvent(kind, timeUtc, _peak, duration);
        }
    }
}
