namespace EdgeSdk.Positioning;

/// <summary>
/// Small east/north offsets around a point on the WGS-84 ellipsoid (local tangent plane, using the
/// meridian and prime-vertical radii of curvature). Exact to millimetres over a few kilometres, which
/// is the scale of geofences, corridors and receiver noise.
/// </summary>
public static class TangentPlane
{
    /// <summary>WGS-84 semi-major axis, meters.</summary>
    public const double SemiMajorAxisMeters = 6378137.0;

    /// <summary>WGS-84 flattening.</summary>
    public const double Flattening = 1 / 298.257223563;

    /// <summary>WGS-84 first eccentricity squared.</summary>
    public const double EccentricitySquared = Flattening * (2 - Flattening);

    private const double DegToRad = Math.PI / 180;

    /// <summary>Meters per degree of latitude at <paramref name="latitudeDegrees"/>.</summary>
    public static double MetersPerDegreeLatitude(double latitudeDegrees)
    {
        double sinLat = Math.Sin(latitudeDegrees * DegToRad);
        double w = Math.Sqrt(1 - (EccentricitySquared * sinLat * sinLat));
        return SemiMajorAxisMeters * (1 - EccentricitySquared) / (w * w * w) * DegToRad;
    }

    /// <summary>Meters per degree of longitude at <paramref name="latitudeDegrees"/>.</summary>
    public static double MetersPerDegreeLongitude(double latitudeDegrees)
    {
        double lat = latitudeDegrees * DegToRad;
        double sinLat = Math.Sin(lat);
        return SemiMajorAxisMeters / Math.Sqrt(1 - (EccentricitySquared * sinLat * sinLat)) * Math.Cos(lat) * DegToRad;
    }

    /// <summary>Moves a point by a small east/north offset in meters.</summary>
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
