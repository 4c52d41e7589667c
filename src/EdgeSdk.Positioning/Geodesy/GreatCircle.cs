namespace EdgeSdk.Positioning;

/// <summary>
/// Distances and bearings on the mean Earth sphere (haversine). The spherical model is off from the
/// WGS-84 ellipsoid by at most 0.5 % (typically 0.1–0.3 % at mid latitudes), which is below what
/// GNSS noise does to a driven distance; the one implementation shared by the engine and the simulator.
/// </summary>
public static class GreatCircle
{
    /// <summary>IUGG mean Earth radius R1, meters.</summary>
    public const double MeanEarthRadiusMeters = 6_371_008.8;

    private const double DegToRad = Math.PI / 180;

    /// <summary>Great-circle distance between two points, meters (haversine, stable for short distances).</summary>
    public static double DistanceMeters(double latitude1Degrees, double longitude1Degrees, double latitude2Degrees, double longitude2Degrees)
    {
        double p1 = latitude1Degrees * DegToRad, p2 = latitude2Degrees * DegToRad;
        double dp = p2 - p1, dl = (longitude2Degrees - longitude1Degrees) * DegToRad;
        double sinDp = Math.Sin(dp / 2), sinDl = Math.Sin(dl / 2);
        double h = (sinDp * sinDp) + (Math.Cos(p1) * Math.Cos(p2) * sinDl * sinDl);
        return 2 * MeanEarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Initial bearing from point 1 towards point 2, degrees 0–360 clockwise from true north.</summary>
    public static double InitialBearingDegrees(double latitude1Degrees, double longitude1Degrees, double latitude2Degrees, double longitude2Degrees)
    {
        double p1 = latitude1Degrees * DegToRad, p2 = latitude2Degrees * DegToRad, dl = (longitude2Degrees - longitude1Degrees) * DegToRad;
        double y = Math.Sin(dl) * Math.Cos(p2);
        double x = (Math.Cos(p1) * Math.Sin(p2)) - (Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dl));
        double bearing = Math.Atan2(y, x) / DegToRad;
        return bearing < 0 ? bearing + 360 : bearing;
    }
}
