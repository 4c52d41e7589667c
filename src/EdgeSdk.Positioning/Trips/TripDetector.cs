namespace EdgeSdk.Positioning;

/// <summary>
/// Finds trips and stops in a stream of samples. A trip starts when the vehicle has moved for
/// <see cref="TripDetectorOptions.TripStartSeconds"/> with ignition on (or no ignition input), and
/// ends when ignition goes off or the vehicle has stood still for <see cref="TripDetectorOptions.TripEndSeconds"/>
/// (the trip then ends where the standstill began). Samples without a fix keep the last state: a
/// vehicle in a tunnel is still driving. Distances come from the odometer the caller passes in.
/// </summary>
public sealed class TripDetector
{
    private readonly TripDetectorOptions _options;
    private DateTime? _movingSince, _stationarySince;
    private DateTime _tripStart, _lastTime;
    private double _tripStartMeters, _metersAtMovingStart, _previousMeters, _maxSpeed, _lastLat = double.NaN, _lastLon = double.NaN, _metersAtStandstill;
    private bool _moving;

    /// <summary>Creates a detector outside any trip.</summary>
    public TripDetector(TripDetectorOptions? options = null)
    {
        _options = options ?? new TripDetectorOptions();
    }

    /// <summary>True while a trip is open.</summary>
    public bool InTrip { get; private set; }

    /// <summary>Trips ended so far.</summary>
    public int CompletedTrips { get; private set; }

    /// <summary>Takes one sample; <paramref name="odometerMeters"/> is the odometer reading after it. Appends trip and stop events.</summary>
    public void Update(in PositionSample sample, double odometerMeters, ICollection<VehicleEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        double previousMeters = _previousMeters;
        _previousMeters = odometerMeters;
        _lastTime = sample.TimeUtc;
        if (sample.FixValid)
        {
            _lastLat = sample.LatitudeDegrees;
            _lastLon = sample.LongitudeDegrees;
            _moving = sample.SpeedMetersPerSecond >= _options.MovingSpeedMetersPerSecond;
        }

        bool ignitionOff = sample.Ignition == IgnitionState.Off;
        bool moving = _moving && !ignitionOff;
        if (!InTrip)
        {
            if (!moving)
            {
                _movingSince = null;
            }
            else if (_movingSince == null)
            {
                _movingSince = sample.TimeUtc;
                _metersAtMovingStart = previousMeters; // the step onto this fix is part of the trip
            }

            if (_movingSince is DateTime since && (sample.TimeUtc - since).TotalSeconds >= _options.TripStartSeconds)
            {
                InTrip = true;
                _tripStart = since;
                _tripStartMeters = _metersAtMovingStart; // the trip began when the vehicle started moving
                _maxSpeed = 0;
                _stationarySince = null;
                events.Add(new VehicleEvent
                {
                    Kind = VehicleEventKind.TripStarted, TimeUtc = sample.TimeUtc, StartTimeUtc = since,
                    LatitudeDegrees = _lastLat, LongitudeDegrees = _lastLon,
                });
            }

            return;
        }

        if (sample.FixValid && sample.SpeedMetersPerSecond > _maxSpeed)
        {
            _maxSpeed = sample.SpeedMetersPerSecond;
        }

        if (ignitionOff)
        {
            EndTrip(sample.TimeUtc, odometerMeters, events);
            return;
        }

        if (moving)
        {
            if (_stationarySince is DateTime stopStart && (sample.TimeUtc - stopStart).TotalSeconds >= _options.MinimumStopSeconds)
            {
                events.Add(new VehicleEvent
                {
                    Kind = VehicleEventKind.Stop, TimeUtc = sample.TimeUtc, StartTimeUtc = stopStart,
                    DurationSeconds = (sample.TimeUtc - stopStart).TotalSeconds, LatitudeDegrees = _lastLat, LongitudeDegrees = _lastLon,
                });
            }

            _stationarySince = null;
            return;
        }

        if (_stationarySince == null)
        {
            _stationarySince = sample.TimeUtc;
            _metersAtStandstill = odometerMeters;
        }

        if ((sample.TimeUtc - _stationarySince.Value).TotalSeconds >= _options.TripEndSeconds)
        {
            EndTrip(_stationarySince.Value, _metersAtStandstill, events);
        }
    }

    /// <summary>Ends an open trip at the end of the input (where a standstill began, or at the last sample).</summary>
    public void Finish(double odometerMeters, ICollection<VehicleEvent> events)
    {
        if (InTrip)
        {
            EndTrip(_stationarySince ?? _lastTime, _stationarySince.HasValue ? _metersAtStandstill : odometerMeters, events);
        }
    }

    private void EndTrip(DateTime endUtc, double odometerMeters, ICollection<VehicleEvent> events)
    {
        InTrip = false;
        CompletedTrips++;
        _movingSince = null;
        _stationarySince = null;
        events.Add(new VehicleEvent
        {
            Kind = VehicleEventKind.TripEnded, TimeUtc = endUtc, StartTimeUtc = _tripStart,
            DurationSeconds = (endUtc - _tripStart).TotalSeconds, DistanceMeters = odometerMeters - _tripStartMeters,
            SpeedMetersPerSecond = _maxSpeed, LatitudeDegrees = _lastLat, LongitudeDegrees = _lastLon,
        });
    }
}
