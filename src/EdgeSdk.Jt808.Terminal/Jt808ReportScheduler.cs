using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal;

/// <summary>
/// Decides, per sample, whether a location report is due under the platform's reporting parameters: strategy
/// (0x0020 time / distance / both), basis (0x0021, ACC state), intervals 0x0027 (asleep) / 0x0028 (alarm) / 0x0029
/// (default), distances 0x002E / 0x002F / 0x002C, and 0x8202 temporary tracking. Time is the samples' time, so a
/// replayed drive reports at the same places as the live one.
/// </summary>
internal sealed class Jt808ReportScheduler(Jt808TerminalParameters parameters)
{
    private bool _started;
    private DateTime _lastReportUtc;
    private double _lastLatitude = double.NaN, _lastLongitude = double.NaN;
    private DateTime _trackingUntilUtc;
    private int _trackingIntervalSeconds;
    private uint? _pendingTrackingValiditySeconds;

    /// <summary>Starts (interval &gt; 0) or stops (0) temporary tracking; the validity runs from the next sample's time.</summary>
    public void StartTracking(int intervalSeconds, uint validitySeconds)
    {
        _trackingIntervalSeconds = intervalSeconds;
        _pendingTrackingValiditySeconds = intervalSeconds > 0 ? validitySeconds : null;
        if (intervalSeconds <= 0)
        {
            _trackingUntilUtc = DateTime.MinValue;
        }
    }

    /// <summary>True while temporary tracking is in force at the last sample.</summary>
    public bool Tracking { get; private set; }

    /// <summary>Whether the sample is due for a report. Call <see cref="Reported"/> when one was made.</summary>
    public bool IsDue(in PositionSample sample, bool accOn, bool alarmActive)
    {
        if (_pendingTrackingValiditySeconds is uint validity)
        {
            _trackingUntilUtc = sample.TimeUtc.AddSeconds(validity);
            _pendingTrackingValiditySeconds = null;
        }

        Tracking = _trackingIntervalSeconds > 0 && sample.TimeUtc < _trackingUntilUtc;
        if (!_started)
        {
            return true;
        }

        double elapsed = (sample.TimeUtc - _lastReportUtc).TotalSeconds;
        if (Tracking)
        {
            return elapsed >= _trackingIntervalSeconds;
        }

        // Basis 1 (login state and ACC) would need a driver login this terminal does not have: both bases go by ACC.
        bool asleep = !accOn;
        uint interval = parameters.GetUnsigned(
            alarmActive ? Jt808TerminalParameters.AlarmReportInterval : asleep ? Jt808TerminalParameters.SleepReportInterval : Jt808TerminalParameters.DefaultReportInterval, 0);
        uint distance = parameters.GetUnsigned(
            alarmActive ? Jt808TerminalParameters.AlarmReportDistance : asleep ? Jt808TerminalParameters.SleepReportDistance : Jt808TerminalParameters.DefaultReportDistance, 0);
        uint strategy = parameters.GetUnsigned(Jt808TerminalParameters.ReportingStrategy, 0);
        bool byTime = strategy != 1 && interval > 0 && elapsed >= interval;
        bool byDistance = strategy != 0 && distance > 0 && sample.FixValid && !double.IsNaN(_lastLatitude)
            && GreatCircle.DistanceMeters(_lastLatitude, _lastLongitude, sample.LatitudeDegrees, sample.LongitudeDegrees) >= distance;
        return byTime || byDistance;
    }

    /// <summary>Records that a report was made for the sample.</summary>
    public void Reported(in PositionSample sample)
    {
        _started = true;
        _lastReportUtc = sample.TimeUtc;
        if (sample.FixValid)
        {
            _lastLatitude = sample.LatitudeDegrees;
            _lastLongitude = sample.LongitudeDegrees;
        }
    }
}
