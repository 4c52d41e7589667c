using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Geometry;

/// <summary>
/// Nominal Keplerian elements of one satellite at <see cref="ReferenceEpochUtc"/>, in an inertial
/// frame whose X axis points to the vernal equinox; the Earth's rotation (GMST) turns it into ECEF.
/// No perturbations: this is geometry good enough for elevation, azimuth and DOP, not an ephemeris.
/// </summary>
internal sealed record KeplerOrbit(
    GnssSystem System,
    int Prn,
    double SemiMajorAxisMeters,
    double Eccentricity,
    double InclinationDegrees,
    double RightAscensionOfNodeDegrees,
    double ArgumentOfPerigeeDegrees,
    double MeanAnomalyDegrees)
{
    public const double EarthGravitationalParameter = 3.986004418e14;
    public const double EarthRotationRadiansPerSecond = 7.2921151467e-5;
    public static readonly DateTime ReferenceEpochUtc = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const double DegToRad = Math.PI / 180;

    /// <summary>Semi-major axis of a geosynchronous orbit: one revolution per sidereal day.</summary>
    public static double GeosynchronousSemiMajorAxisMeters =>
        Math.Cbrt(EarthGravitationalParameter / (EarthRotationRadiansPerSecond * EarthRotationRadiansPerSecond));

    /// <summary>Greenwich mean sidereal angle in degrees (IAU 1982, linear term; enough here).</summary>
    public static double GreenwichSiderealDegrees(DateTime utc)
    {
        double julianDaysSinceJ2000 = (utc - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;
        double gmst = (280.46061837 + (360.98564736629 * julianDaysSinceJ2000)) % 360;
        return gmst < 0 ? gmst + 360 : gmst;
    }

    /// <summary>Earth-fixed position at <paramref name="utc"/>.</summary>
    public Vector3 EcefAt(DateTime utc)
    {
        double dt = (utc - ReferenceEpochUtc).TotalSeconds;
        double a = SemiMajorAxisMeters, e = Eccentricity;
        double meanMotion = Math.Sqrt(EarthGravitationalParameter / (a * a * a));
        double m = (MeanAnomalyDegrees * DegToRad) + (meanMotion * dt);

        // Kepler's equation by Newton's method; nominal orbits are near-circular so it converges fast.
        double eccentricAnomaly = m;
        for (int i = 0; i < 8; i++)
        {
            eccentricAnomaly -= (eccentricAnomaly - (e * Math.Sin(eccentricAnomaly)) - m) / (1 - (e * Math.Cos(eccentricAnomaly)));
        }

        double trueAnomaly = Math.Atan2(Math.Sqrt(1 - (e * e)) * Math.Sin(eccentricAnomaly), Math.Cos(eccentricAnomaly) - e);
        double radius = a * (1 - (e * Math.Cos(eccentricAnomaly)));
        double u = trueAnomaly + (ArgumentOfPerigeeDegrees * DegToRad);
        double xPlane = radius * Math.Cos(u), yPlane = radius * Math.Sin(u);

        double inc = InclinationDegrees * DegToRad;
        double node = (RightAscensionOfNodeDegrees - GreenwichSiderealDegrees(utc)) * DegToRad;
        double cosNode = Math.Cos(node), sinNode = Math.Sin(node), cosInc = Math.Cos(inc);
        return new Vector3(
            (xPlane * cosNode) - (yPlane * cosInc * sinNode),
            (xPlane * sinNode) + (yPlane * cosInc * cosNode),
            yPlane * Math.Sin(inc));
    }
}
