namespace EdgeSdk.Positioning;

/// <summary>A latitude/longitude box, degrees (does not cross the antimeridian).</summary>
/// <param name="SouthLatitudeDegrees">Southern edge.</param>
/// <param name="WestLongitudeDegrees">Western edge.</param>
/// <param name="NorthLatitudeDegrees">Northern edge.</param>
/// <param name="EastLongitudeDegrees">Eastern edge.</param>
public readonly record struct GeoBounds(double SouthLatitudeDegrees, double WestLongitudeDegrees, double NorthLatitudeDegrees, double EastLongitudeDegrees)
{
    /// <summary>The box grown by <paramref name="meters"/> on every side.</summary>
    public GeoBounds Expand(double meters)
    {
        double middle = (SouthLatitudeDegrees + NorthLatitudeDegrees) / 2;
        double dLat = meters / TangentPlane.MetersPerDegreeLatitude(middle);
        double widest = Math.Max(Math.Abs(SouthLatitudeDegrees), Math.Abs(NorthLatitudeDegrees));
        double dLon = meters / Math.Max(1.0, TangentPlane.MetersPerDegreeLongitude(Math.Min(89.9, widest)));
        return new GeoBounds(SouthLatitudeDegrees - dLat, WestLongitudeDegrees - dLon, NorthLatitudeDegrees + dLat, EastLongitudeDegrees + dLon);
    }

    /// <summary>The smallest box around the points.</summary>
    public static GeoBounds Around(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("At least one point is needed.", nameof(points));
        }

        double s = double.MaxValue, w = double.MaxValue, n = double.MinValue, e = double.MinValue;
        foreach (GeoPoint p in points)
        {
            s = Math.Min(s, p.LatitudeDegrees);
            n = Math.Max(n, p.LatitudeDegrees);
            w = Math.Min(w, p.LongitudeDegrees);
            e = Math.Max(e, p.LongitudeDegrees);
        }

        return new GeoBounds(s, w, n, e);
    }
}
