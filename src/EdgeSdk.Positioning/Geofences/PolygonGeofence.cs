namespace EdgeSdk.Positioning;

/// <summary>A polygon with optional holes (JT/T 808 0x8604 has no holes; depots with a public road through them do).</summary>
public sealed class PolygonGeofence : Geofence
{
    private readonly GeoPoint[] _outer;
    private readonly GeoPoint[][] _holes;

    /// <summary>Creates a polygon from its outer ring and holes (rings need not repeat their first vertex).</summary>
    public PolygonGeofence(uint id, IReadOnlyList<GeoPoint> outer, IReadOnlyList<IReadOnlyList<GeoPoint>>? holes = null)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(outer);
        if (outer.Count < 3)
        {
            throw new ArgumentException("A polygon needs at least three vertices.", nameof(outer));
        }

        _outer = [.. outer];
        _holes = holes == null ? [] : holes.Select(h => h.Count >= 3 ? h.ToArray() : throw new ArgumentException("A hole needs at least three vertices.", nameof(holes))).ToArray();
        Bounds = GeoBounds.Around(_outer);
    }

    /// <summary>The outer ring.</summary>
    public IReadOnlyList<GeoPoint> Outer => _outer;

    /// <summary>The holes.</summary>
    public IReadOnlyList<IReadOnlyList<GeoPoint>> Holes => _holes;

    /// <inheritdoc/>
    public override GeoBounds Bounds { get; }

    internal override double SignedDistanceMeters(in LocalFrame frame)
    {
        bool inside = InRing(_outer, frame);
        double distance = RingDistance(_outer, frame);
        foreach (GeoPoint[] hole in _holes)
        {
            inside &= !InRing(hole, frame);
            distance = Math.Min(distance, RingDistance(hole, frame));
        }

        return inside ? -distance : distance;
    }

    // Even-odd ray cast towards the east, in the local frame (the origin is the point).
    private static bool InRing(GeoPoint[] ring, in LocalFrame frame)
    {
        bool inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            double yi = frame.North(ring[i].LatitudeDegrees), yj = frame.North(ring[j].LatitudeDegrees);
            if ((yi > 0) != (yj > 0))
            {
                double xi = frame.East(ring[i].LongitudeDegrees), xj = frame.East(ring[j].LongitudeDegrees);
                if (xi + ((0 - yi) * (xj - xi) / (yj - yi)) > 0)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    private static double RingDistance(GeoPoint[] ring, in LocalFrame frame)
    {
        double best = double.MaxValue;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            best = Math.Min(best, frame.DistanceToSegment(ring[j], ring[i], out _));
        }

        return best;
    }
}
