namespace EdgeSdk.Positioning;

/// <summary>
/// Raises and clears the driver alarms from a stream of samples: overspeed (global or per-area
/// limit, tolerance, minimum duration), fatigue driving (continuous driving until a rest of the
/// minimum rest time), accumulated driving of the day, long stop and GNSS fix lost. Time is the
/// samples' own time, so a replayed log gives the same alarms as the live drive.
/// </summary>
public sealed class DriverAlarmMonitor
{
    private readonly DriverAlarmSettings _settings;
    private bool _started, _driving;
    private DateTime _lastTime, _lastFixTime, _day;
    private DateTime? _overspeedSince, _stoppedSince;
    private double _lastLat = double.NaN, _lastLon = double.NaN, _restSeconds;

    /// <summary>Creates a monitor with no alarm active.</summary>
    public DriverAlarmMonitor(DriverAlarmSettings? settings = null)
    {
        _settings = settings ?? new DriverAlarmSettings();
    }

    /// <summary>The alarms active now (JT/T 808 alarm bits).</summary>
    public DriverAlarm Active { get; private set; }

    /// <summary>Driving time since the last rest, seconds.</summary>
    public double ContinuousDrivingSeconds { get; private set; }

    /// <summary>Driving time of the current local day, seconds.</summary>
    public double DailyDrivingSeconds { get; private set; }

    /// <summary>
    /// Takes one sample and appends the alarms it raises or clears. <paramref name="areaSpeedLimitMetersPerSecond"/>
    /// is the limit of the area the vehicle is in (from <see cref="GeofenceEngine.SpeedLimitMetersPerSecond"/>), if any.
    /// </summary>
    public void Update(in PositionSample sample, double? areaSpeedLimitMetersPerSecond, ICollection<VehicleEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        DateTime now = sample.TimeUtc;
        if (!_started)
        {
            _started = true;
            _lastTime = _lastFixTime = now;
            _day = (now + _settings.DayUtcOffset).Date;
        }

        double seconds = Math.Max(0, (now - _lastTime).TotalSeconds);
        _lastTime = now;
        if (sample.FixValid)
        {
            _lastFixTime = now;
            _lastLat = sample.LatitudeDegrees;
            _lastLon = sample.LongitudeDegrees;
            Clear(DriverAlarm.GnssFixLost, sample, events, null);
        }
        else if (_settings.FixLostSeconds is double lostLimit && (now - _lastFixTime).TotalSeconds >= lostLimit)
        {
            Raise(DriverAlarm.GnssFixLost, sample, events, (now - _lastFixTime).TotalSeconds, null, null);
        }

        DrivingTime(sample, seconds, events);
        if (sample.FixValid)
        {
            Overspeed(sample, areaSpeedLimitMetersPerSecond, events);
            LongStop(sample, events);
        }
    }

    private void DrivingTime(in PositionSample sample, double seconds, ICollection<VehicleEvent> events)
    {
        // The time since the previous sample counts as what the vehicle was doing then, and to the day
        // it ended in. Without a fix the vehicle keeps doing what it did (driving through a tunnel);
        // ignition off is never driving.
        if (_driving)
        {
            // A pause shorter than the minimum rest does not end continuous driving, nor count as driving.
            _restSeconds = 0;
            ContinuousDrivingSeconds += seconds;
            DailyDrivingSeconds += seconds;
        }
        else
        {
            _restSeconds += seconds;
        }

        DateTime day = (sample.TimeUtc + _settings.DayUtcOffset).Date;
        if (day != _day)
        {
            _day = day;
            DailyDrivingSeconds = 0;
            Clear(DriverAlarm.DailyDrivingTimeout, sample, events, null);
        }

        if (sample.FixValid)
        {
            _driving = sample.SpeedMetersPerSecond >= _settings.DrivingSpeedMetersPerSecond;
        }

        _driving &= sample.Ignition != IgnitionState.Off;
        if (_settings.ContinuousDrivingLimitSeconds is double limit && ContinuousDrivingSeconds > limit)
        {
            Raise(DriverAlarm.FatigueDriving, sample, events, ContinuousDrivingSeconds, null, null);
        }

        if (_settings.DailyDrivingLimitSeconds is double daily && DailyDrivingSeconds > daily)
        {
            Raise(DriverAlarm.DailyDrivingTimeout, sample, events, DailyDrivingSeconds, null, null);
        }

        if (_restSeconds >= _settings.MinimumRestSeconds)
        {
            ContinuousDrivingSeconds = 0;
            Clear(DriverAlarm.FatigueDriving, sample, events, _restSeconds);
        }
    }

    private void Overspeed(in PositionSample sample, double? areaLimit, ICollection<VehicleEvent> events)
    {
        double? limit = _settings.SpeedLimitMetersPerSecond;
        if (areaLimit is double area)
        {
            limit = limit is double global ? Math.Min(global, area) : area;
        }

        double speed = sample.SpeedMetersPerSecond;
        if (limit is not double speedLimit || double.IsNaN(speed))
        {
            _overspeedSince = null;
            Clear(DriverAlarm.Overspeed, sample, events, null);
            return;
        }

        if (speed > speedLimit + _settings.OverspeedToleranceMetersPerSecond)
        {
            _overspeedSince ??= sample.TimeUtc;
            double lasted = (sample.TimeUtc - _overspeedSince.Value).TotalSeconds;
            if (lasted >= _settings.OverspeedMinimumSeconds)
            {
                Raise(DriverAlarm.Overspeed, sample, events, lasted, speed, speedLimit);
            }

            return;
        }

        _overspeedSince = null;
        if (speed <= speedLimit)
        {
            Clear(DriverAlarm.Overspeed, sample, events, null);
        }
    }

    private void LongStop(in PositionSample sample, ICollection<VehicleEvent> events)
    {
        if (sample.SpeedMetersPerSecond >= _settings.DrivingSpeedMetersPerSecond)
        {
            _stoppedSince = null;
            Clear(DriverAlarm.LongStop, sample, events, null);
            return;
        }

        _stoppedSince ??= sample.TimeUtc;
        double stopped = (sample.TimeUtc - _stoppedSince.Value).TotalSeconds;
        if (_settings.MaximumStopSeconds is double limit && stopped >= limit)
        {
            Raise(DriverAlarm.LongStop, sample, events, stopped, null, null);
        }
    }

    private void Raise(DriverAlarm alarm, in PositionSample sample, ICollection<VehicleEvent> events, double seconds, double? speed, double? limit)
    {
        if ((Active & alarm) != 0)
        {
            return;
        }

        Active |= alarm;
        events.Add(new VehicleEvent
        {
            Kind = VehicleEventKind.AlarmRaised, Alarm = alarm, TimeUtc = sample.TimeUtc, LatitudeDegrees = _lastLat, LongitudeDegrees = _lastLon,
            DurationSeconds = seconds, SpeedMetersPerSecond = speed, SpeedLimitMetersPerSecond = limit,
        });
    }

    private void Clear(DriverAlarm alarm, in PositionSample sample, ICollection<VehicleEvent> events, double? seconds)
    {
        if ((Active & alarm) == 0)
        {
            return;
        }

        Active &= ~alarm;
        events.Add(new VehicleEvent
        {
            Kind = VehicleEventKind.AlarmCleared, Alarm = alarm, TimeUtc = sample.TimeUtc, LatitudeDegrees = _lastLat, LongitudeDegrees = _lastLon,
            DurationSeconds = seconds,
        });
    }
}
