namespace EdgeSdk.Positioning;

/// <summary>
/// A flat east/north frame in meters centred on one fix: fences are measured in it, so a check costs
/// a few multiplications per vertex instead of trigonometry. Over a fence's few kilometres the
/// flat-Earth error is below a millimetre per hundred meters.
/// </summary>
internal readonly struct LocalFrame
{
    public LocalFrame(double latitudeDegrees, double longitudeDegrees)
    {
        LatitudeDegrees = latitudeDegrees;
        LongitudeDegrees = longitudeDegrees;
        MetersPerDegreeLatitude = TangentPlane.MetersPerDegreeLatitude(latitudeDegrees);
        MetersPerDegreeLongitude = TangentPlane.MetersPerDegreeLongitude(latitudeDegrees);
    }

    public double LatitudeDegrees { get; }

    public double LongitudeDegrees { get; }

    public double MetersPerDegreeLatitude { get; }

    public double MetersPerDegreeLongitude { get; }

    public double East(double longitudeDegrees) => (longitudeDegrees - LongitudeDegrees) * MetersPerDegreeLongitude;

    public double North(double latitudeDegrees) => (latitudeDegrees - LatitudeDegrees) * MetersPerDegreeLatitude;

    /// <summary>Distance in meters from the frame's origin to the segment a–b.</summary>
    public double DistanceToSegment(GeoPoint a, GeoPoint b, out double along)
    {
        double ax = East(a.LongitudeDegrees), ay = North(a.LatitudeDegrees);
        double bx = East(b.LongitudeDegrees), by = North(b.LatitudeDegrees);
        double dx = bx - ax, dy = by - ay;
        double lengthSquared = (dx * dx) + (dy * dy);
        along = lengthSquared == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1);
        double px = ax + (along * dx), py = ay + (along * dy);
        return Math.Sqrt((px * px) + (py * py));
    }
}
