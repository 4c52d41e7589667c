using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation.Geometry;

/// <summary>
/// What a receiver tracks: satellites from the orbits, an elevation mask (higher in urban
/// canyons except along the street, nothing in tunnels), C/N0 falling with elevation, per-satellite
/// acquisition delays after an outage, used-satellite selection and the fix dimension from the count.
/// </summary>
internal sealed class SkyModel
{
    /// <summary>Signals weaker than this are tracked but not used in the solution.</summary>
    public const int UseThresholdDbHz = 26;
    private const int TrackThresholdDbHz = 20;
    private const int MaxUsedPerSystem = 12; // one GSA sentence holds 12 PRNs
    private const double StreetHalfWidthDegrees = 20;

    private readonly Scenario _scenario;
    private readonly int _seed;
    private readonly KeplerOrbit[] _orbits;
    private readonly int _maxUsed;
    private readonly Random _jitter;
    private readonly Dictionary<(GnssSystem, int), double> _acquirableSince = new();

    public SkyModel(Scenario scenario, int seed, IReadOnlyCollection<GnssSystem> systems, int maxUsed)
    {
        _scenario = scenario;
        _seed = seed;
        _maxUsed = maxUsed;
        _orbits = Constellations.All.Where(o => systems.Contains(o.System)).ToArray();
        _jitter = new Random(seed ^ 0x51C7);
    }

    /// <summary>Forgets every tracked signal, as after a receiver reset.</summary>
    public void Reset() => _acquirableSince.Clear();

    /// <summary>Observes the sky at <paramref name="utc"/> (<paramref name="seconds"/> since the start) from the vehicle.</summary>
    public SkyEpoch Observe(DateTime utc, double seconds, VehicleState vehicle)
    {
        var satellites = new List<SatelliteObservation>();
        if (vehicle.Environment == ScenarioEnvironment.Tunnel)
        {
            _acquirableSince.Clear();
            return new SkyEpoch(satellites, 0, Dop.Unknown);
        }

        bool canyon = vehicle.Environment == ScenarioEnvironment.UrbanCanyon;
        var candidates = new List<(KeplerOrbit Orbit, double El, double Az, int Cn0)>();
        foreach (KeplerOrbit orbit in _orbits)
        {
            (double el, double az) = Geodesy.LookAngles(vehicle.LatitudeDegrees, vehicle.LongitudeDegrees, vehicle.AltitudeMslMeters + _scenario.GeoidSeparationMeters, orbit.EcefAt(utc));
            if (el <= 0)
            {
                continue;
            }

            var key = (orbit.System, orbit.Prn);
            int cn0 = 0;
            if (el >= Mask(canyon, az, vehicle.CourseDegrees))
            {
                if (!_acquirableSince.TryGetValue(key, out double since))
                {
                    _acquirableSince[key] = since = seconds;
                }

                double signal = 22 + (25 * Math.Sqrt(Math.Sin(el * Math.PI / 180))) + SatelliteOffsetDb(orbit) + ((_jitter.NextDouble() - 0.5) * 2) - (canyon ? 5 : 0);
                if (seconds - since >= AcquisitionDelaySeconds(orbit) && signal >= TrackThresholdDbHz)
                {
                    cn0 = (int)Math.Round(Math.Min(signal, 50));
                }
            }
            else
            {
                _acquirableSince.Remove(key);
            }

            candidates.Add((orbit, el, az, cn0));
        }

        // Use the strongest-geometry signals a receiver would: highest first, 12 per system, capped in total.
        var used = new HashSet<KeplerOrbit>();
        foreach (var group in candidates.Where(c => c.Cn0 >= UseThresholdDbHz).GroupBy(c => c.Orbit.System))
        {
            foreach (var c in group.OrderByDescending(c => c.El).Take(MaxUsedPerSystem))
            {
                used.Add(c.Orbit);
            }
        }

        if (used.Count > _maxUsed)
        {
            used = candidates.Where(c => used.Contains(c.Orbit)).OrderByDescending(c => c.El).Take(_maxUsed).Select(c => c.Orbit).ToHashSet();
        }

        foreach (var c in candidates)
        {
            satellites.Add(new SatelliteObservation(c.Orbit.System, c.Orbit.Prn, c.El, c.Az, c.Cn0, used.Contains(c.Orbit)));
        }

        var lineOfSight = satellites.Where(s => s.Used).Select(s => (s.ElevationDegrees, s.AzimuthDegrees)).ToList();
        int dimension = lineOfSight.Count >= 4 ? 3 : lineOfSight.Count == 3 ? 2 : 0;
        Dop? dop = dimension == 0 ? null : Dop.Compute(lineOfSight, fixedHeight: dimension == 2);
        return dop == null ? new SkyEpoch(satellites, 0, Dop.Unknown) : new SkyEpoch(satellites, dimension, dop.Value);
    }

    // In a street canyon only the sky along the street (either direction) is open down to the normal mask.
    private double Mask(bool canyon, double azimuth, double street)
    {
        if (!canyon)
        {
            return _scenario.ElevationMaskDegrees;
        }

        double off = Math.Abs(azimuth - street) % 180;
        off = Math.Min(off, 180 - off);
        return off <= StreetHalfWidthDegrees ? _scenario.ElevationMaskDegrees : _scenario.UrbanCanyonMaskDegrees;
    }

    // Fixed per satellite and seed: antenna pattern and signal power differ between satellites.
    private double SatelliteOffsetDb(KeplerOrbit orbit) => (Hash(orbit, 1) * 4) - 2;

    // 1–4 s after a satellite comes into view: a hot-start reacquisition takes a few seconds.
    private double AcquisitionDelaySeconds(KeplerOrbit orbit) => 1 + (Hash(orbit, 2) * 3);

    private double Hash(KeplerOrbit orbit, int salt)
    {
        uint h = (uint)(((int)orbit.System * 73856093) ^ (orbit.Prn * 19349663) ^ (_seed * 83492791) ^ (salt * 2654435761u));
        h ^= h >> 16;
        h *= 0x7feb352d;
        h ^= h >> 15;
        h *= 0x846ca68b;
        h ^= h >> 16;
        return h / (double)uint.MaxValue;
    }
}
