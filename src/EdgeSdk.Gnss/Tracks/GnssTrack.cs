namespace EdgeSdk.Gnss.Tracks;

/// <summary>
/// A vehicle's track: the positioned fixes in order, with the distance driven. Fixes without a
/// position (no fix, tunnels) are skipped, so the track jumps across the gap as a map shows it.
/// </summary>
public sealed class GnssTrack
{
    private const double EarthRadiusMeters = 6_371_008.8; // IUGG mean radius

    private readonly List<TrackPoint> _points = new();

    /// <summary>Creates an empty track with a name used in the exported files.</summary>
    public GnssTrack(string name)
    {
        Name = name;
    }

    /// <summary>The track's name (device ID or scenario).</summary>
    public string Name { get; }

    /// <summary>The positions recorded so far.</summary>
    public IReadOnlyList<TrackPoint> Points => _points;

    /// <summary>Great-circle distance along the track, meters.</summary>
    public double DistanceMeters { get; private set; }

    /// <summary>Time from the first to the last point.</summary>
    public TimeSpan Duration => _points.Count < 2 ? TimeSpan.Zero : _points[^1].TimeUtc - _points[0].TimeUtc;

    /// <summary>Adds a fix if it has a position and a time; returns whether it was added.</summary>
    public bool Add(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (!fix.HasPosition || fix.TimeUtc is not DateTime time)
        {
            return false;
        }

        Add(new TrackPoint(time, fix.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value, fix.AltitudeMslMeters, fix.SpeedMetersPerSecond));
        return true;
    }

    /// <summary>Adds a point.</summary>
    public void Add(TrackPoint point)
    {
        if (_points.Count > 0)
        {
            DistanceMeters += HaversineMeters(_points[^1], point);
        }

        _points.Add(point);
    }

    /// <summary>Great-circle distance between two points, meters (haversine on a sphere; &lt;0.5% error).</summary>
    public static double HaversineMeters(TrackPoint a, TrackPoint b)
    {
        double lat1 = double.DegreesToRadians(a.LatitudeDegrees);
        double lat2 = double.DegreesToRadians(b.LatitudeDegrees);
        double dLat = lat2 - lat1;
        double dLon = double.DegreesToRadians(b.LongitudeDegrees - a.LongitudeDegrees);
        double h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
