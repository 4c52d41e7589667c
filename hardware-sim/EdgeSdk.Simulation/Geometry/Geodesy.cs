namespace EdgeSdk.Simulation.Geometry;

/// <summary>WGS-84 conversions: geodetic ↔ ECEF, ECEF → local east/north/up, look angles, small offsets.</summary>
internal static class Geodesy
{
    public const double SemiMajorAxisMeters = 6378137.0;
    private const double Flattening = 1 / 298.257223563;
    private const double EccentricitySquared = Flattening * (2 - Flattening);
    private const double DegToRad = Math.PI / 180;

    public static Vector3 ToEcef(double latitudeDegrees, double longitudeDegrees, double heightMeters)
    {
        double lat = latitudeDegrees * DegToRad, lon = longitudeDegrees * DegToRad;
        double n = SemiMajorAxisMeters / Math.Sqrt(1 - (EccentricitySquared * Math.Sin(lat) * Math.Sin(lat)));
        return new Vector3(
            (n + heightMeters) * Math.Cos(lat) * Math.Cos(lon),
            (n + heightMeters) * Math.Cos(lat) * Math.Sin(lon),
            ((n * (1 - EccentricitySquared)) + heightMeters) * Math.Sin(lat));
    }

    /// <summary>Rotates an ECEF difference vector into east/north/up at the given geodetic point.</summary>
    public static Vector3 ToEnu(Vector3 delta, double latitudeDegrees, double longitudeDegrees)
    {
        double lat = latitudeDegrees * DegToRad, lon = longitudeDegrees * DegToRad;
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat), sinLon = Math.Sin(lon), cosLon = Math.Cos(lon);
        return new Vector3(
            (-sinLon * delta.X) + (cosLon * delta.Y),
            (-sinLat * cosLon * delta.X) - (sinLat * sinLon * delta.Y) + (cosLat * delta.Z),
            (cosLat * cosLon * delta.X) + (cosLat * sinLon * delta.Y) + (sinLat * delta.Z));
    }

    /// <summary>Elevation and azimuth (degrees, azimuth 0–360 from north) of a satellite seen from an observer.</summary>
    public static (double ElevationDegrees, double AzimuthDegrees) LookAngles(
        double latitudeDegrees, double longitudeDegrees, double heightMeters, Vector3 satelliteEcef)
    {
        Vector3 enu = ToEnu(satelliteEcef - ToEcef(latitudeDegrees, longitudeDegrees, heightMeters), latitudeDegrees, longitudeDegrees);
        double horizontal = Math.Sqrt((enu.X * enu.X) + (enu.Y * enu.Y));
        double elevation = Math.Atan2(enu.Z, horizontal) / DegToRad;
        double azimuth = Math.Atan2(enu.X, enu.Y) / DegToRad;
        return (elevation, azimuth < 0 ? azimuth + 360 : azimuth);
    }

    /// <summary>Great-circle distance in meters (haversine on the mean sphere; enough for route legs).</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        double p1 = lat1 * DegToRad, p2 = lat2 * DegToRad, dp = p2 - p1, dl = (lon2 - lon1) * DegToRad;
        double h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * 6371008.8 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Initial bearing from point 1 to point 2, degrees 0–360 from north.</summary>
    public static double BearingDegrees(double lat1, double lon1, double lat2, double lon2)
    {
        double p1 = lat1 * DegToRad, p2 = lat2 * DegToRad, dl = (lon2 - lon1) * DegToRad;
        double y = Math.Sin(dl) * Math.Cos(p2);
        double x = (Math.Cos(p1) * Math.Sin(p2)) - (Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dl));
        double bearing = Math.Atan2(y, x) / DegToRad;
        return bearing < 0 ? bearing + 360 : bearing;
    }

    /// <summary>Moves a point by a small east/north offset in meters (local tangent-plane approximation).</summary>
    public static (double LatitudeDegrees, double LongitudeDegrees) Offset(double latitudeDegrees, double longitudeDegrees, double eastMeters, double northMeters)
    {
        double lat = latitudeDegrees * DegToRad;
        double sinLat = Math.Sin(lat);
        double w = Math.Sqrt(1 - (EccentricitySquared * sinLat * sinLat));
        double meridianRadius = SemiMajorAxisMeters * (1 - EccentricitySquared) / (w * w * w);
        double normalRadius = SemiMajorAxisMeters / w;
        return (latitudeDegrees + (northMeters / meridianRadius / DegToRad),
                longitudeDegrees + (eastMeters / (normalRadius * Math.Cos(lat)) / DegToRad));
    }
}
