using EdgeSdk.Positioning;
using EdgeSdk.Simulation.Geometry;

namespace EdgeSdk.Simulation.Scenarios;

/// <summary>
/// Drives a scenario's route step by step: accelerates up to each leg's limit, brakes ahead of
/// stops, slower legs and sharp corners within the braking limit, halts at stops, and follows the
/// altitude profile between waypoints.
/// </summary>
internal sealed class VehicleTrajectory
{
    private readonly Scenario _scenario;
    private readonly ScenarioWaypoint[] _points;
    private readonly double[] _length, _bearing, _limit, _arrivalCap;
    private int _leg;
    private double _along, _speed, _dwell;
    private bool _finished, _routeDone;

    public VehicleTrajectory(Scenario scenario)
    {
        _scenario = scenario;
        _points = scenario.Waypoints.ToArray();
        int legs = scenario.Loop ? _points.Length : _points.Length - 1;
        _length = new double[legs];
        _bearing = new double[legs];
        _limit = new double[legs];
        _arrivalCap = new double[legs];
        for (int i = 0; i < legs; i++)
        {
            ScenarioWaypoint a = _points[i], b = End(i);
            _length[i] = Math.Max(0.1, GreatCircle.DistanceMeters(a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees));
            _bearing[i] = GreatCircle.InitialBearingDegrees(a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees);
            _limit[i] = a.SpeedLimitKmh / 3.6;
        }

        for (int i = 0; i < legs; i++)
        {
            _arrivalCap[i] = ArrivalCap(i);
        }

        // Backward pass (twice round a loop): arriving faster than the next leg allows would need
        // more than the braking limit.
        double brake = scenario.MaxBrakingMetersPerSecondSquared;
        for (int pass = 0; pass < (scenario.Loop ? 2 : 1); pass++)
        {
            for (int i = legs - 1; i >= 0; i--)
            {
                int next = i + 1 < legs ? i + 1 : (scenario.Loop ? 0 : -1);
                if (next >= 0 && _points[(i + 1) % _points.Length].StopSeconds == 0)
                {
                    _arrivalCap[i] = Math.Min(_arrivalCap[i], Math.Sqrt((_arrivalCap[next] * _arrivalCap[next]) + (2 * brake * _length[next])));
                }
            }
        }
    }

    public VehicleState Current => State();

    /// <summary>Advances the vehicle by <paramref name="seconds"/>.</summary>
    public void Step(double seconds)
    {
        if (_dwell > 0)
        {
            _dwell -= seconds;
            return;
        }

        if (_routeDone)
        {
            _finished = true;
            return;
        }

        // Fastest speed at the end of this step from which the car can still slow to the leg's
        // arrival cap within the braking limit: distance this step (v + next)/2·dt plus braking
        // distance (next² − cap²)/2b must fit in what remains of the leg; solved for next.
        double remaining = _length[_leg] - _along, brake = _scenario.MaxBrakingMetersPerSecondSquared, cap = _arrivalCap[_leg];
        double half = brake * seconds / 2;
        double reachable = -half + Math.Sqrt(Math.Max(0, (half * half) + (2 * brake * (remaining - (_speed * seconds / 2))) + (cap * cap)));
        double allowed = Math.Max(Math.Min(_limit[_leg], reachable), 0.5); // creep the last metres instead of stalling
        double next = _speed < allowed ? Math.Min(_speed + (_scenario.MaxAccelerationMetersPerSecondSquared * seconds), allowed) : allowed;
        _along += (_speed + next) / 2 * seconds;
        _speed = next;

        while (_along >= _length[_leg])
        {
            int arrivedAt = (_leg + 1) % _points.Length;
            if (!_scenario.Loop && _leg == _length.Length - 1)
            {
                (_speed, _along, _dwell, _routeDone) = (0, _length[_leg], _points[arrivedAt].StopSeconds, true);
                return;
            }

            if (_points[arrivedAt].StopSeconds > 0)
            {
                // Halt on the stop, already placed at the start of the next leg (the same point).
                (_speed, _along, _dwell) = (0, 0, _points[arrivedAt].StopSeconds);
                _leg = (_leg + 1) % _length.Length;
                return;
            }

            _along -= _length[_leg];
            _leg = (_leg + 1) % _length.Length;
        }
    }

    private ScenarioWaypoint End(int leg) => _points[(leg + 1) % _points.Length];

    private double ArrivalCap(int leg)
    {
        int arrivedAt = (leg + 1) % _points.Length;
        bool last = leg == _length.Length - 1;
        if (_points[arrivedAt].StopSeconds > 0 || (last && !_scenario.Loop))
        {
            return 0;
        }

        int next = last ? 0 : leg + 1;
        double turn = Math.Abs(_bearing[next] - _bearing[leg]) % 360;
        turn = turn > 180 ? 360 - turn : turn;
        double corner = turn > 60 ? 15 / 3.6 : turn > 30 ? 25 / 3.6 : double.MaxValue;
        return Math.Min(Math.Min(_limit[leg], _limit[next]), corner);
    }

    private VehicleState State()
    {
        double fraction = _along / _length[_leg];
        ScenarioWaypoint a = _points[_leg], b = End(_leg);
        double lat = a.LatitudeDegrees + ((b.LatitudeDegrees - a.LatitudeDegrees) * fraction);
        double lon = a.LongitudeDegrees + ((b.LongitudeDegrees - a.LongitudeDegrees) * fraction);
        double alt = a.AltitudeMeters + ((b.AltitudeMeters - a.AltitudeMeters) * fraction);
        double grade = (b.AltitudeMeters - a.AltitudeMeters) / _length[_leg];
        ScenarioEnvironment environment = fraction >= 1 ? b.Environment : a.Environment;
        return new VehicleState(lat, lon, alt, _speed, _bearing[_leg], _speed * grade, environment, _leg, _finished);
    }
}
