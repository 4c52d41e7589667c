using EdgeSdk.Positioning;

namespace EdgeSdk.Simulation.Geometry;

/// <summary>
/// WGS-84 conversions for the sky model: geodetic ↔ ECEF, ECEF → local east/north/up, look angles.
/// Distances, bearings and small offsets come from EdgeSdk.Positioning (GreatCircle, TangentPlane), shared with the engine.
/// </summary>
internal static class Geodesy
{
    public const double SemiMajorAxisMeters = TangentPlane.SemiMajorAxisMeters;
    private const double EccentricitySquared = TangentPlane.EccentricitySquared;
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
}
