using BenchmarkDotNet.Attributes;
using EdgeSdk.Positioning;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// Cost per fix of the positioning layer: 10,000 geofences (circles, rectangles, polygons with a
/// hole, corridors; 50–500 m, scattered over 20 km × 20 km of Chongqing) checked through the grid
/// index along a 1,000-fix drive, and the datum conversions and odometer per point.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*Positioning*'</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PositioningBenchmarks
{
    private const int Fixes = 1000;
    private const double Lat = 29.5574, Lon = 106.5772;
    private static readonly DateTime T0 = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    private readonly List<VehicleEvent> _events = new(64);
    private GeofenceEngine _engine = new();
    private PositionSample[] _drive = [];
    private Odometer _odometer = new();

    /// <summary>Fences per vehicle.</summary>
    [Params(10_000)]
    public int Fences { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(10_000);
        _engine = new GeofenceEngine();
        for (uint id = 0; id < Fences; id++)
        {
            _engine.Add(RandomFence(random, id));
        }

        _drive = new PositionSample[Fixes];
        double east = -5000, north = -5000;
        for (int i = 0; i < Fixes; i++)
        {
            east += 8 + ((random.NextDouble() - 0.5) * 4);
            north += 6 + ((random.NextDouble() - 0.5) * 4);
            (double lat, double lon) = TangentPlane.Offset(Lat, Lon, east, north);
            _drive[i] = new PositionSample(T0.AddSeconds(i), true, lat, lon, 10, 0.9);
        }

        _odometer = new Odometer();
    }

    /// <summary>One fix through the fence engine (enter/exit/dwell with hysteresis).</summary>
    [Benchmark(OperationsPerInvoke = Fixes)]
    public int GeofenceCheckPerFix()
    {
        int n = 0;
        foreach (PositionSample sample in _drive)
        {
            n += _engine.Update(sample, _events);
        }

        _events.Clear();
        return n;
    }

    /// <summary>One point WGS-84 → GCJ-02.</summary>
    [Benchmark(OperationsPerInvoke = Fixes)]
    public double WgsToGcj()
    {
        double sum = 0;
        foreach (PositionSample s in _drive)
        {
            sum += ChinaDatum.WgsToGcj(new GeoPoint(s.LatitudeDegrees, s.LongitudeDegrees)).LatitudeDegrees;
        }

        return sum;
    }

    /// <summary>One point GCJ-02 → WGS-84, exact (iterated).</summary>
    [Benchmark(OperationsPerInvoke = Fixes)]
    public double GcjToWgsExact()
    {
        double sum = 0;
        foreach (PositionSample s in _drive)
        {
            sum += ChinaDatum.GcjToWgs(new GeoPoint(s.LatitudeDegrees, s.LongitudeDegrees)).LatitudeDegrees;
        }

        return sum;
    }

    /// <summary>One fix through the streaming odometer.</summary>
    [Benchmark(OperationsPerInvoke = Fixes)]
    public double OdometerPerFix()
    {
        _odometer.Reset();
        foreach (PositionSample s in _drive)
        {
            _odometer.Add(s);
        }

        return _odometer.DistanceMeters;
    }

    private static Geofence RandomFence(Random random, uint id)
    {
        double east = (random.NextDouble() - 0.5) * 20_000, north = (random.NextDouble() - 0.5) * 20_000;
        double size = 50 + (random.NextDouble() * 450);
        GeoPoint P(double e, double n)
        {
            (double la, double lo) = TangentPlane.Offset(Lat, Lon, east + e, north + n);
            return new GeoPoint(la, lo);
        }

        return (id % 4) switch
        {
            0 => new CircleGeofence(id, P(0, 0).LatitudeDegrees, P(0, 0).LongitudeDegrees, size),
            1 => new RectangleGeofence(id, new GeoBounds(P(-size, -size).LatitudeDegrees, P(-size, -size).LongitudeDegrees, P(size, size).LatitudeDegrees, P(size, size).LongitudeDegrees)),
            2 => new PolygonGeofence(id, [P(-size, 0), P(0, -size), P(size, 0), P(size / 2, size / 3), P(0, size)], [[P(-size / 4, -size / 4), P(size / 4, -size / 4), P(0, size / 4)]]),
            _ => new CorridorGeofence(id, [P(-size, -size), P(0, size / 2), P(size, size)], 30),
        };
    }
}
