using EdgeSdk.Gnss;
using EdgeSdk.Positioning;

namespace EdgeSdk.Devices;

/// <summary>
/// A bike computer's numbers from GNSS fixes and accelerometer samples: speed, trip distance, maximum speed,
/// maximum lean angle and the hard-braking count.
/// </summary>
/// <remarks>
/// <para>Distance adds the great-circle step between consecutive fixes with a position, only while the fix's
/// speed is at least <see cref="MovingSpeedMetersPerSecond"/> (auto-pause: a standing receiver's noise would
/// otherwise add metres at every traffic light).</para>
/// <para>Lean: a bicycle in a steady turn leans so that gravity and the centripetal acceleration add up along
/// its frame, so lean = atan(a_lat / g). The accelerometer is read as mounted level (X forward, Y left, Z up,
/// as on a handlebar mount that does not lean, and as the simulator's vehicle model feels it) and the lean is
/// derived from its lateral acceleration; right turns lean right, reported as a magnitude. A sensor fixed to a
/// leaning frame feels almost no lateral acceleration in a coordinated turn: it would need the gyroscope
/// (lean = atan(v·yaw rate / g)), which this class does not use.</para>
/// <para>Braking: the harsh-braking events of the <see cref="ImuMonitor"/>'s detector (its thresholds).</para>
/// </remarks>
public sealed class RideComputer
{
    /// <summary>Standard gravity, m/s².</summary>
    public const double GravityMetersPerSecondSquared = 9.807;

    private double _lastLatitude = double.NaN, _lastLongitude = double.NaN;

    private readonly long[] _events = new long[Enum.GetValues<DrivingEventKind>().Length];

    /// <summary>Speed from which the ride counts as moving, m/s (default 1.0, a walking push).</summary>
    public double MovingSpeedMetersPerSecond { get; init; } = 1.0;

    /// <summary>Speed of the last fix, m/s (0 before one).</summary>
    public double SpeedMetersPerSecond { get; private set; }

    /// <summary>Distance ridden, metres.</summary>
    public double TripDistanceMeters { get; private set; }

    /// <summary>Highest fix speed, m/s.</summary>
    public double MaxSpeedMetersPerSecond { get; private set; }

    /// <summary>Lean of the last accepted sample, degrees (positive: leaning left).</summary>
    public double LeanDegrees { get; private set; }

    /// <summary>Largest lean magnitude, degrees.</summary>
    public double MaxLeanDegrees { get; private set; }

    /// <summary>Hard brakings (the detector's harsh-braking events).</summary>
    public long HardBrakings => _events[(int)DrivingEventKind.HarshBraking];

    /// <summary>Driving events seen, by kind (index with <see cref="DrivingEventKind"/>).</summary>
    public IReadOnlyList<long> EventCounts => _events;

    /// <summary>Fixes taken (with or without a position).</summary>
    public long Fixes { get; private set; }

    /// <summary>Time of the last fix, or null.</summary>
    public DateTime? LastFixTimeUtc { get; private set; }

    /// <summary>Fix mode of the last fix.</summary>
    public FixMode Mode { get; private set; }

    /// <summary>Adds a fix: updates speed, maximum speed and distance.</summary>
    public void AddFix(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Fixes++;
        Mode = fix.Mode;
        LastFixTimeUtc = fix.TimeUtc ?? LastFixTimeUtc;
        if (!fix.HasPosition)
        {
            return;
        }

        double speed = fix.SpeedMetersPerSecond is double s && double.IsFinite(s) && s >= 0 ? s : 0;
        SpeedMetersPerSecond = speed;
        MaxSpeedMetersPerSecond = Math.Max(MaxSpeedMetersPerSecond, speed);
        double lat = fix.LatitudeDegrees!.Value, lon = fix.LongitudeDegrees!.Value;
        if (speed >= MovingSpeedMetersPerSecond && !double.IsNaN(_lastLatitude))
        {
            TripDistanceMeters += GreatCircle.DistanceMeters(_lastLatitude, _lastLongitude, lat, lon);
        }

        (_lastLatitude, _lastLongitude) = (lat, lon);
    }

    /// <summary>
    /// Reads one sample from <paramref name="imu"/> stamped <paramref name="timeUtc"/>: a plausible sample updates the
    /// lean, and a driving event it completes (the monitor's own detector decides) is counted. Returns whether the
    /// sample was plausible; a sensor that is absent or answers garbage changes nothing here (its
    /// <see cref="ImuMonitor.StatusMessage"/> says why).
    /// </summary>
    public bool AddImuSample(ImuMonitor imu, DateTime timeUtc)
    {
        ArgumentNullException.ThrowIfNull(imu);
        bool plausible = imu.TryRead(timeUtc, out DrivingEvent? drivingEvent);
        if (plausible)
        {
            AddLateralAcceleration(imu.LastAccelerationMetersPerSecondSquared.Y);
        }

        if (drivingEvent is not null)
        {
            AddDrivingEvent(drivingEvent);
        }

        return plausible;
    }

    /// <summary>Updates the lean from a lateral (leftward positive) acceleration, m/s².</summary>
    public void AddLateralAcceleration(double leftMetersPerSecondSquared)
    {
        if (!double.IsFinite(leftMetersPerSecondSquared))
        {
            return;
        }

        LeanDegrees = LeanFromLateral(leftMetersPerSecondSquared);
        MaxLeanDegrees = Math.Max(MaxLeanDegrees, Math.Abs(LeanDegrees));
    }

    /// <summary>Counts a driving event (hard brakings are <see cref="DrivingEventKind.HarshBraking"/>).</summary>
    public void AddDrivingEvent(DrivingEvent drivingEvent)
    {
        ArgumentNullException.ThrowIfNull(drivingEvent);
        _events[(int)drivingEvent.Kind]++;
    }

    /// <summary>The lean of a steady turn with lateral acceleration <paramref name="lateralMetersPerSecondSquared"/>: atan(a_lat / g), degrees.</summary>
    public static double LeanFromLateral(double lateralMetersPerSecondSquared) =>
        Math.Atan(lateralMetersPerSecondSquared / GravityMetersPerSecondSquared) * 180 / Math.PI;
}
