namespace EdgeSdk.Positioning;

/// <summary>
/// WGS-84/CGCS2000 ↔ GCJ-02 ↔ BD-09 with the published constants (Krasovsky semi-major axis
/// 6378245 m, e² = 0.00669342162296594323, x_pi = π·3000/180). The forward transforms are the
/// closed formulas every implementation shares; the inverses are exact (iterated until the
/// forward transform of the result reproduces the input to better than 1e-10°, about 0.01 mm),
/// not the one-step approximation that is up to a few meters off.
/// </summary>
/// <remarks>
/// Boundary rule: a point whose <em>input</em> coordinates lie outside the box
/// 72.004°E–137.8347°E, 0.8293°N–55.8271°N (inclusive) is returned unchanged by every conversion,
/// as gcoord does. The box is a rectangle around China's borders, so it also covers parts of
/// neighbouring countries (which get offset too) and, because the test is made on the input, a
/// point within ~700 m of the box edge may be offset one way and not back.
/// </remarks>
public static class ChinaDatum
{
    /// <summary>Semi-major axis of the Krasovsky 1940 ellipsoid that GCJ-02's formula uses, meters.</summary>
    public const double KrasovskySemiMajorAxisMeters = 6378245.0;

    /// <summary>First eccentricity squared used by GCJ-02's formula.</summary>
    public const double KrasovskyEccentricitySquared = 0.00669342162296594323;

    /// <summary>Baidu's constant x_pi = π × 3000 / 180.</summary>
    public const double BaiduXPi = Math.PI * 3000.0 / 180.0;

    /// <summary>Western edge of the box in which points are offset, degrees east.</summary>
    public const double MinLongitudeDegrees = 72.004;

    /// <summary>Eastern edge of the box, degrees east.</summary>
    public const double MaxLongitudeDegrees = 137.8347;

    /// <summary>Southern edge of the box, degrees north.</summary>
    public const double MinLatitudeDegrees = 0.8293;

    /// <summary>Northern edge of the box, degrees north.</summary>
    public const double MaxLatitudeDegrees = 55.8271;

    /// <summary>The inverse stops when the forward transform reproduces the input to this, degrees (about 0.01 mm).</summary>
    public const double InverseToleranceDegrees = 1e-10;

    private const int MaxInverseIterations = 30;

    /// <summary>True when the point is inside the box where the Chinese datums are offset (the boundary rule).</summary>
    public static bool IsInChina(double latitudeDegrees, double longitudeDegrees) =>
        longitudeDegrees >= MinLongitudeDegrees && longitudeDegrees <= MaxLongitudeDegrees &&
        latitudeDegrees >= MinLatitudeDegrees && latitudeDegrees <= MaxLatitudeDegrees;

    /// <summary>Converts a point between any two of the systems (unchanged when they are the same or the point is outside China).</summary>
    public static GeoPoint Convert(GeoPoint point, CoordinateSystem from, CoordinateSystem to)
    {
        if (from == to)
        {
            return point;
        }

        GeoPoint gcj = from switch
        {
            CoordinateSystem.Wgs84 => WgsToGcj(point),
            CoordinateSystem.Bd09 => BdToGcj(point),
            _ => point,
        };
        return to switch
        {
            CoordinateSystem.Wgs84 => GcjToWgs(gcj),
            CoordinateSystem.Bd09 => GcjToBd(gcj),
            _ => gcj,
        };
    }

    /// <summary>WGS-84 (or CGCS2000) → GCJ-02.</summary>
    public static GeoPoint WgsToGcj(GeoPoint wgs)
    {
        if (!IsInChina(wgs.LatitudeDegrees, wgs.LongitudeDegrees))
        {
            return wgs;
        }

        (double dLat, double dLon) = GcjDelta(wgs.LatitudeDegrees, wgs.LongitudeDegrees);
        return new GeoPoint(wgs.LatitudeDegrees + dLat, wgs.LongitudeDegrees + dLon);
    }

    /// <summary>GCJ-02 → WGS-84, exact: iterates w ← w − (WgsToGcj(w) − gcj) until the residual is below <see cref="InverseToleranceDegrees"/>.</summary>
    public static GeoPoint GcjToWgs(GeoPoint gcj)
    {
        if (!IsInChina(gcj.LatitudeDegrees, gcj.LongitudeDegrees))
        {
            return gcj;
        }

        double lat = gcj.LatitudeDegrees, lon = gcj.LongitudeDegrees;
        for (int i = 0; i < MaxInverseIterations; i++)
        {
            // The offset changes by less than 1e-4 of itself per meter, so the fixed point converges
            // by about four decimal digits per step: three steps reach the tolerance.
            (double dLat, double dLon) = GcjDelta(lat, lon);
            double rLat = lat + dLat - gcj.LatitudeDegrees, rLon = lon + dLon - gcj.LongitudeDegrees;
            lat -= rLat;
            lon -= rLon;
            if (Math.Abs(rLat) < InverseToleranceDegrees && Math.Abs(rLon) < InverseToleranceDegrees)
            {
                break;
            }
        }

        return new GeoPoint(lat, lon);
    }

    /// <summary>GCJ-02 → BD-09.</summary>
    public static GeoPoint GcjToBd(GeoPoint gcj)
    {
        if (!IsInChina(gcj.LatitudeDegrees, gcj.LongitudeDegrees))
        {
            return gcj;
        }

        double x = gcj.LongitudeDegrees, y = gcj.LatitudeDegrees;
        double z = Math.Sqrt((x * x) + (y * y)) + (0.00002 * Math.Sin(y * BaiduXPi));
        double theta = Math.Atan2(y, x) + (0.000003 * Math.Cos(x * BaiduXPi));
        return new GeoPoint((z * Math.Sin(theta)) + 0.006, (z * Math.Cos(theta)) + 0.0065);
    }

    /// <summary>BD-09 → GCJ-02, exact: iterates on <see cref="GcjToBd"/> like <see cref="GcjToWgs"/> (the published one-step formula is up to ~2 mm off).</summary>
    public static GeoPoint BdToGcj(GeoPoint bd)
    {
        if (!IsInChina(bd.LatitudeDegrees, bd.LongitudeDegrees))
        {
            return bd;
        }

        // Start from the published one-step inverse, then remove its residual.
        double x = bd.LongitudeDegrees - 0.0065, y = bd.LatitudeDegrees - 0.006;
        double z = Math.Sqrt((x * x) + (y * y)) - (0.00002 * Math.Sin(y * BaiduXPi));
        double theta = Math.Atan2(y, x) - (0.000003 * Math.Cos(x * BaiduXPi));
        double lat = z * Math.Sin(theta), lon = z * Math.Cos(theta);
        for (int i = 0; i < MaxInverseIterations; i++)
        {
            GeoPoint forward = GcjToBd(new GeoPoint(lat, lon));
            double rLat = forward.LatitudeDegrees - bd.LatitudeDegrees, rLon = forward.LongitudeDegrees - bd.LongitudeDegrees;
            if (Math.Abs(rLat) < InverseToleranceDegrees && Math.Abs(rLon) < InverseToleranceDegrees)
            {
                break;
            }

            lat -= rLat;
            lon -= rLon;
        }

        return new GeoPoint(lat, lon);
    }

    /// <summary>WGS-84 → BD-09 (through GCJ-02).</summary>
    public static GeoPoint WgsToBd(GeoPoint wgs) => GcjToBd(WgsToGcj(wgs));

    /// <summary>BD-09 → WGS-84 (through GCJ-02, both steps exact).</summary>
    public static GeoPoint BdToWgs(GeoPoint bd) => GcjToWgs(BdToGcj(bd));

    /// <summary>The GCJ-02 offset (degrees of latitude, degrees of longitude) at a WGS-84 point.</summary>
    private static (double LatitudeDegrees, double LongitudeDegrees) GcjDelta(double lat, double lon)
    {
        double x = lon - 105.0, y = lat - 35.0;
        double dLat = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        double dLon = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        double common = ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        dLat += common;
        dLon += common;
        dLat += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        dLon += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        dLat += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320.0 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        dLon += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.Sin(radLat);
        magic = 1 - (KrasovskyEccentricitySquared * magic * magic);
        double sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (KrasovskySemiMajorAxisMeters * (1 - KrasovskyEccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (KrasovskySemiMajorAxisMeters / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLon);
    }
}
