using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Geometry;

namespace EdgeSdk.Simulation.Tests;

/// <summary>
/// Elevation/azimuth checked against textbook formulas written out here independently of the
/// library (spherical Earth, spherical trigonometry), and DOP against hand-derived values.
/// </summary>
public class GeometryTests
{
    private const double Lat = 29.5630, Lon = 106.5516; // Chongqing, Jiefangbei area
    private const double D = Math.PI / 180;
    private static readonly DateTime When = new(2026, 3, 18, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(59, 140.0)]
    [InlineData(60, 80.0)]
    [InlineData(61, 110.5)]
    public void Beidou_geo_look_angles_match_the_textbook_geostationary_formula(int prn, double satelliteLongitude)
    {
        // Geostationary look angles (e.g. Pratt & Bostian): G = satellite minus station longitude,
        // el = atan((cos G cos L − Re/r) / sqrt(1 − cos²G cos²L)), az = 180° − atan(tan G / sin L) (east of the station: south-east).
        double g = (satelliteLongitude - Lon) * D, l = Lat * D, ratio = 6378.137 / 42164.17;
        double cosGamma = Math.Cos(g) * Math.Cos(l);
        double elevation = Math.Atan((cosGamma - ratio) / Math.Sqrt(1 - (cosGamma * cosGamma))) / D;
        double azimuth = 180 - (Math.Atan(Math.Tan(g) / Math.Sin(l)) / D);

        (double el, double az) = LookAngles(GnssSystem.Beidou, prn);

        Assert.Equal(elevation, el, 0.3);
        Assert.Equal(azimuth, az, 0.3);
    }

    [Theory]
    [InlineData(GnssSystem.Gps, 7)]
    [InlineData(GnssSystem.Beidou, 25)]
    [InlineData(GnssSystem.Glonass, 12)]
    [InlineData(GnssSystem.Galileo, 3)]
    public void Meo_look_angles_match_a_spherical_trigonometry_derivation(GnssSystem system, int prn)
    {
        KeplerOrbit orbit = Constellations.All.Single(o => o.System == system && o.Prn == prn);
        Assert.Equal(0, orbit.Eccentricity);

        // Circular orbit: argument of latitude u = M0 + n·t. Declination δ: sin δ = sin i sin u;
        // right ascension α = Ω + atan2(cos i sin u, cos u); longitude = α − GMST.
        double t = (When - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        double a = orbit.SemiMajorAxisMeters;
        double u = (orbit.MeanAnomalyDegrees * D) + (Math.Sqrt(3.986004418e14 / (a * a * a)) * t);
        double inc = orbit.InclinationDegrees * D;
        double declination = Math.Asin(Math.Sin(inc) * Math.Sin(u));
        double rightAscension = (orbit.RightAscensionOfNodeDegrees * D) + Math.Atan2(Math.Cos(inc) * Math.Sin(u), Math.Cos(u));
        double daysSinceJ2000 = (When - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;
        double gmst = (280.46061837 + (360.98564736629 * daysSinceJ2000)) * D;
        double dLon = rightAscension - gmst - (Lon * D);

        // Station on a sphere: central angle γ, then el = atan((cos γ − Re/r)/sin γ), az by the sine rule.
        double phi = Lat * D;
        double cosGamma = (Math.Sin(phi) * Math.Sin(declination)) + (Math.Cos(phi) * Math.Cos(declination) * Math.Cos(dLon));
        double gamma = Math.Acos(cosGamma);
        double elevation = Math.Atan((cosGamma - (6371000.0 / a)) / Math.Sin(gamma)) / D;
        double azimuth = Math.Atan2(Math.Sin(dLon) * Math.Cos(declination),
            (Math.Cos(phi) * Math.Sin(declination)) - (Math.Sin(phi) * Math.Cos(declination) * Math.Cos(dLon))) / D;
        azimuth = (azimuth + 360) % 360;

        (double el, double az) = LookAngles(system, prn);

        Assert.Equal(elevation, el, 0.35);
        double azDiff = Math.Abs(azimuth - az) % 360;
        Assert.True(Math.Min(azDiff, 360 - azDiff) < 0.5, $"azimuth {az:F2} vs hand {azimuth:F2}");
    }

    [Fact]
    public void Constellations_have_the_published_sizes_and_beidou_3_layout()
    {
        Assert.Equal(24, Constellations.All.Count(o => o.System == GnssSystem.Gps));
        Assert.Equal(30, Constellations.All.Count(o => o.System == GnssSystem.Beidou));
        Assert.Equal(24, Constellations.All.Count(o => o.System == GnssSystem.Glonass));
        Assert.Equal(24, Constellations.All.Count(o => o.System == GnssSystem.Galileo));
        var beidou = Constellations.All.Where(o => o.System == GnssSystem.Beidou).ToList();
        Assert.Equal(24, beidou.Count(o => o.InclinationDegrees == 55 && o.SemiMajorAxisMeters < 30_000_000));
        Assert.Equal(3, beidou.Count(o => o.InclinationDegrees == 55 && o.SemiMajorAxisMeters > 40_000_000));
        Assert.Equal(3, beidou.Count(o => o.InclinationDegrees == 0));
        // Walker 24/3/1: three planes 120° apart.
        Assert.Equal(new[] { 0.0, 120.0, 240.0 }, beidou.Where(o => o.SemiMajorAxisMeters < 30_000_000).Select(o => o.RightAscensionOfNodeDegrees).Distinct().Order());
    }

    [Fact]
    public void Geo_satellites_stay_over_their_longitude_all_day()
    {
        KeplerOrbit geo = Constellations.All.Single(o => o.System == GnssSystem.Beidou && o.Prn == 61);
        for (int hour = 0; hour < 24; hour += 6)
        {
            var p = geo.EcefAt(When.AddHours(hour));
            Assert.Equal(110.5, Math.Atan2(p.Y, p.X) / D, 0.01);
            Assert.Equal(0, p.Z, 1.0);
        }
    }

    [Fact]
    public void Dop_of_zenith_plus_three_horizon_satellites_matches_the_hand_derivation()
    {
        // G rows: (0,0,−1,1) and (−sin az, −cos az, 0, 1) for az 0/120/240. GᵀG = diag(3/2, 3/2) ⊕ [[1,−1],[−1,4]],
        // whose inverse has q_ee = q_nn = 2/3 and q_uu = 4/3: HDOP = √(4/3), VDOP = √(4/3), PDOP = √(8/3).
        var sky = new List<(double, double)> { (90, 0), (0, 0), (0, 120), (0, 240) };
        Dop dop = Dop.Compute(sky, fixedHeight: false)!.Value;
        Assert.Equal(Math.Sqrt(4.0 / 3), dop.Hdop, 1e-9);
        Assert.Equal(Math.Sqrt(4.0 / 3), dop.Vdop, 1e-9);
        Assert.Equal(Math.Sqrt(8.0 / 3), dop.Pdop, 1e-9);
    }

    [Fact]
    public void Dop_is_null_for_a_singular_geometry_and_the_inverse_inverts()
    {
        Assert.Null(Dop.Compute(new List<(double, double)> { (30, 0), (30, 0), (30, 0), (30, 0) }, fixedHeight: false));
        var m = new double[,] { { 4, 1, 0, 2 }, { 1, 3, 1, 0 }, { 0, 1, 5, 1 }, { 2, 0, 1, 6 } };
        double[,] inv = Dop.Invert(m)!;
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double sum = 0;
                for (int k = 0; k < 4; k++)
                {
                    sum += m[i, k] * inv[k, j];
                }

                Assert.Equal(i == j ? 1 : 0, sum, 1e-12);
            }
        }
    }

    private static (double El, double Az) LookAngles(GnssSystem system, int prn)
    {
        KeplerOrbit orbit = Constellations.All.Single(o => o.System == system && o.Prn == prn);
        return Geodesy.LookAngles(Lat, Lon, 0, orbit.EcefAt(When));
    }
}
