namespace EdgeSdk.Positioning;

/// <summary>
/// A route corridor: a polyline with a width, and a speed limit per segment (JT/T 808 0x8606 routes).
/// A point is inside when it is within half the width of the nearest segment.
/// </summary>
public sealed class CorridorGeofence : Geofence
{
    private readonly GeoPoint[] _points;
    private readonly double?[] _segmentSpeedLimits;

    /// <summary>Creates a corridor along <paramref name="polyline"/>, <paramref name="widthMeters"/> wide in total.</summary>
    /// <param name="id">Fence ID.</param>
    /// <param name="polyline">The route's vertices, at least two.</param>
    /// <param name="widthMeters">Total width of the corridor (half on each side of the line).</param>
    /// <param name="segmentSpeedLimitsMetersPerSecond">Per segment (one fewer than vertices) a speed limit or null; null means <see cref="Geofence.SpeedLimitMetersPerSecond"/> everywhere.</param>
    public CorridorGeofence(uint id, IReadOnlyList<GeoPoint> polyline, double widthMeters, IReadOnlyList<double?>? segmentSpeedLimitsMetersPerSecond = null)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(polyline);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthMeters);
        if (polyline.Count < 2)
        {
            throw new ArgumentException("A corridor needs at least two points.", nameof(polyline));
        }

        if (segmentSpeedLimitsMetersPerSecond != null && segmentSpeedLimitsMetersPerSecond.Count != polyline.Count - 1)
        {
            throw new ArgumentException($"{polyline.Count - 1} segments need {polyline.Count - 1} speed limits, not {segmentSpeedLimitsMetersPerSecond.Count}.", nameof(segmentSpeedLimitsMetersPerSecond));
        }

        _points = [.. polyline];
        _segmentSpeedLimits = segmentSpeedLimitsMetersPerSecond == null ? new double?[polyline.Count - 1] : [.. segmentSpeedLimitsMetersPerSecond];
        WidthMeters = widthMeters;
        Bounds = GeoBounds.Around(_points).Expand(widthMeters / 2);
    }

    /// <summary>The route's vertices.</summary>
    public IReadOnlyList<GeoPoint> Polyline => _points;

    /// <summary>Total width, meters.</summary>
    public double WidthMeters { get; }

    /// <inheritdoc/>
    public override GeoBounds Bounds { get; }

    /// <summary>The nearest segment's limit, or the fence's limit when the segment has none.</summary>
    public override double? SpeedLimitAt(double latitudeDegrees, double longitudeDegrees) =>
        _segmentSpeedLimits[NearestSegment(new LocalFrame(latitudeDegrees, longitudeDegrees), out _)] ?? SpeedLimitMetersPerSecond;

    /// <summary>Index of the segment nearest to the point (segment i runs from vertex i to i + 1).</summary>
    public int NearestSegment(double latitudeDegrees, double longitudeDegrees) => NearestSegment(new LocalFrame(latitudeDegrees, longitudeDegrees), out _);

    internal override double SignedDistanceMeters(in LocalFrame frame)
    {
        NearestSegment(frame, out double distance);
        return distance - (WidthMeters / 2);
    }

    private int NearestSegment(in LocalFrame frame, out double distanceMeters)
    {
        int best = 0;
        distanceMeters = double.MaxValue;
        for (int i = 0; i + 1 < _points.Length; i++)
        {
            double d = frame.DistanceToSegment(_points[i], _points[i + 1], out _);
            if (d < distanceMeters)
            {
                distanceMeters = d;
                best = i;
            }
        }

        return best;
    }
}
