namespace EdgeSdk.Positioning;

/// <summary>
/// A streaming odometer: it keeps one anchor point, not a point list, so it runs for ever in constant
/// memory. Each accepted fix adds the step from the anchor and becomes the anchor: the mean of the two
/// fixes' speeds × time when they are at most <see cref="OdometerOptions.SpeedIntegrationMaxGapSeconds"/>
/// apart and both carry speed, otherwise the great-circle distance.
/// Stationary jitter is gated: a fix slower than <see cref="OdometerOptions.MovingSpeedMetersPerSecond"/>
/// (or, without speed, within <see cref="OdometerOptions.StationaryRadiusMeters"/> of the anchor)
/// leaves the anchor where it is, so a parked vehicle accrues nothing; fixes with a poor HDOP and
/// jumps faster than any vehicle are skipped. Across a gap (a tunnel) it adds the straight line from
/// the last fix before to the first fix after.
/// </summary>
public sealed class Odometer
{
    private readonly OdometerOptions _options;
    private bool _hasAnchor;
    private PositionSample _anchor;
    private int _jumpsInARow;

    /// <summary>Creates an odometer at zero.</summary>
    public Odometer(OdometerOptions? options = null)
    {
        _options = options ?? new OdometerOptions();
    }

    /// <summary>Distance driven, meters.</summary>
    public double DistanceMeters { get; private set; }

    /// <summary>Fixes that added distance.</summary>
    public long CountedFixes { get; private set; }

    /// <summary>Fixes taken as stationary (nothing added).</summary>
    public long StationaryFixes { get; private set; }

    /// <summary>Samples without a valid fix.</summary>
    public long NoFixSamples { get; private set; }

    /// <summary>Fixes skipped for an HDOP above the limit.</summary>
    public long PoorHdopFixes { get; private set; }

    /// <summary>Fixes skipped as position jumps.</summary>
    public long JumpFixes { get; private set; }

    /// <summary>Sets the distance, for a terminal that restores its mileage after a restart (JT/T 808 item 0x01).</summary>
    public void Reset(double distanceMeters = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(distanceMeters);
        DistanceMeters = distanceMeters;
        _hasAnchor = false;
        _jumpsInARow = 0;
    }

    /// <summary>Takes one sample and returns the meters it added (0 when gated).</summary>
    public double Add(in PositionSample sample)
    {
        if (!sample.FixValid)
        {
            NoFixSamples++;
            return 0;
        }

        if (sample.Hdop > _options.MaxHdop)
        {
            PoorHdopFixes++;
            return 0;
        }

        if (!_hasAnchor)
        {
            _anchor = sample;
            _hasAnchor = true;
            StationaryFixes++;
            return 0;
        }

        double meters = GreatCircle.DistanceMeters(_anchor.LatitudeDegrees, _anchor.LongitudeDegrees, sample.LatitudeDegrees, sample.LongitudeDegrees);
        bool stationary = double.IsNaN(sample.SpeedMetersPerSecond)
            ? meters < _options.StationaryRadiusMeters
            : sample.SpeedMetersPerSecond < _options.MovingSpeedMetersPerSecond || sample.Ignition == IgnitionState.Off;
        if (stationary)
        {
            StationaryFixes++;
            return 0;
        }

        double seconds = (sample.TimeUtc - _anchor.TimeUtc).TotalSeconds;
        if (seconds <= 0 || meters / seconds > _options.MaxPlausibleSpeedMetersPerSecond)
        {
            JumpFixes++;
            if (++_jumpsInARow >= _options.ReanchorAfterJumps)
            {
                // The anchor itself was the outlier (or the vehicle was carried): start again from here.
                _anchor = sample;
                _jumpsInARow = 0;
            }

            return 0;
        }

        // Between close fixes the receiver's Doppler speed measures the step better than the positions:
        // their noise (metres, correlated) lengthens every step it crosses, while speed is good to a few
        // cm/s. Across a gap (a tunnel, a stop) or without speed the straight line is all there is.
        if (seconds <= _options.SpeedIntegrationMaxGapSeconds && !double.IsNaN(_anchor.SpeedMetersPerSecond))
        {
            meters = (_anchor.SpeedMetersPerSecond + sample.SpeedMetersPerSecond) / 2 * seconds;
        }

        _jumpsInARow = 0;
        _anchor = sample;
        DistanceMeters += meters;
        CountedFixes++;
        return meters;
    }
}
