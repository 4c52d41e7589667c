using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Geometry;

/// <summary>
/// The nominal constellations: GPS, BDS-3, GLONASS and Galileo built from their published
/// orbit designs (Walker patterns, inclinations, radii) rather than from almanacs.
/// </summary>
internal static class Constellations
{
    // BDS-3 MEO PRNs in service: 19–30, 32–37, 41–46 (24 satellites).
    private static readonly int[] BeidouMeoPrns = { 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46 };

    /// <summary>Every simulated satellite, ordered by system then PRN.</summary>
    public static IReadOnlyList<KeplerOrbit> All { get; } = Build();

    /// <summary>
    /// A Walker delta pattern T/P/F: T satellites in P planes spaced 360/P in node, S = T/P per
    /// plane spaced 360/S, and plane p shifted by p·F·360/T in mean anomaly.
    /// </summary>
    public static IEnumerable<KeplerOrbit> Walker(GnssSystem system, IReadOnlyList<int> prns, int planes, int phasing,
        double semiMajorAxisMeters, double inclinationDegrees, double firstNodeDegrees)
    {
        int total = prns.Count, perPlane = total / planes;
        for (int p = 0; p < planes; p++)
        {
            for (int s = 0; s < perPlane; s++)
            {
                double node = firstNodeDegrees + (p * 360.0 / planes);
                double anomaly = (s * 360.0 / perPlane) + (p * phasing * 360.0 / total);
                yield return new KeplerOrbit(system, prns[(p * perPlane) + s], semiMajorAxisMeters, 0, inclinationDegrees, node, 0, anomaly);
            }
        }
    }

    private static List<KeplerOrbit> Build()
    {
        var all = new List<KeplerOrbit>();
        double gmst0 = KeplerOrbit.GreenwichSiderealDegrees(KeplerOrbit.ReferenceEpochUtc);
        double geo = KeplerOrbit.GeosynchronousSemiMajorAxisMeters;

        all.AddRange(Walker(GnssSystem.Gps, Range(1, 24), 6, 2, 26_559_700, 55, 0));

        all.AddRange(Walker(GnssSystem.Beidou, BeidouMeoPrns, 3, 1, 27_906_100, 55, 0));
        // IGSO (PRN 38–40): three planes 120° apart, phased onto one figure-8 ground track whose
        // node is at 118°E; the Earth turns 120° while each satellite moves 120° along its orbit.
        for (int k = 0; k < 3; k++)
        {
            all.Add(new KeplerOrbit(GnssSystem.Beidou, 38 + k, geo, 0, 55, 118 + gmst0 + (120 * k), 0, -120 * k));
        }

        // GEO (PRN 59 at 140°E, 60 at 80°E, 61 at 110.5°E): equatorial, right ascension = longitude + GMST.
        all.Add(new KeplerOrbit(GnssSystem.Beidou, 59, geo, 0, 0, 0, 0, 140 + gmst0));
        all.Add(new KeplerOrbit(GnssSystem.Beidou, 60, geo, 0, 0, 0, 0, 80 + gmst0));
        all.Add(new KeplerOrbit(GnssSystem.Beidou, 61, geo, 0, 0, 0, 0, 110.5 + gmst0));

        // GLONASS: 24 satellites in 3 planes at 64.8°, 19 100 km altitude; slots 1–24.
        all.AddRange(Walker(GnssSystem.Glonass, Range(1, 24), 3, 1, 25_508_200, 64.8, 15));
        // Galileo: Walker 24/3/1 at 56°, 23 222 km altitude.
        all.AddRange(Walker(GnssSystem.Galileo, Range(1, 24), 3, 1, 29_599_800, 56, 40));

        all.Sort((a, b) => a.System != b.System ? a.System.CompareTo(b.System) : a.Prn.CompareTo(b.Prn));
        return all;
    }

    private static int[] Range(int first, int count) => Enumerable.Range(first, count).ToArray();
}
