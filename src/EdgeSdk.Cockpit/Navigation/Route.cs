using System.Globalization;
using System.Text.Json;
using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Positioning;

namespace EdgeSdk.Cockpit;

/// <summary>
/// A route: a polyline of WGS-84 points read from a GeoJSON LineString, and the progress of a position along it
/// (nearest point on the route, distance along and remaining, cross-track distance, ETA, off-route).
/// </summary>
/// <example>
/// <code>
/// if (Route.TryParse(File.ReadAllText("route.geojson"), "route.geojson", Datum.Wgs84, out Route? route, out RouteError error, out string message))
///     Console.WriteLine(route.Measure(29.56, 106.55, speedMetersPerSecond: 12, offRouteThresholdMeters: 50).DistanceRemainingMeters);
/// </code>
/// </example>
public sealed class Route
{
    private readonly GeoPoint[] _points;
    private readonly double[] _startMeters; // distance along the route to each point

    private Route(string name, GeoPoint[] points)
    {
        Name = name;
        _points = points;
        _startMeters = new double[points.Length];
        for (int i = 1; i < points.Length; i++)
        {
            _startMeters[i] = _startMeters[i - 1] + GreatCircle.DistanceMeters(
                points[i - 1].LatitudeDegrees, points[i - 1].LongitudeDegrees, points[i].LatitudeDegrees, points[i].LongitudeDegrees);
        }
    }

    /// <summary>The route's name (shown with its progress).</summary>
    public string Name { get; }

    /// <summary>The points, WGS-84.</summary>
    public IReadOnlyList<GeoPoint> Points => _points;

    /// <summary>Length along the points (great-circle segments), meters.</summary>
    public double LengthMeters => _startMeters[^1];

    /// <summary>
    /// Reads a route from GeoJSON text: a LineString geometry, a Feature holding one, or a FeatureCollection whose first
    /// feature holds one. Coordinates are <c>[longitude, latitude(, altitude)]</c> in <paramref name="datum"/>; GCJ-02
    /// coordinates are converted to WGS-84. Never throws for bad input: the error and a one-line message say why.
    /// </summary>
    public static bool TryParse(string geoJson, string name, Datum datum, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Route? route, out RouteError error, out string message)
    {
        route = null;
        name = string.IsNullOrWhiteSpace(name) ? "route" : name;
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            return Fail(RouteError.InvalidGeojson, $"{name}: empty; give a GeoJSON LineString", out error, out message);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return Fail(RouteError.InvalidGeojson, $"{name}: not JSON (line {ex.LineNumber + 1}): give a GeoJSON LineString", out error, out message);
        }

        using (document)
        {
            if (!TryFindLineString(document.RootElement, out JsonElement coordinates, out string? problem, out bool geoJsonShape))
            {
                return Fail(geoJsonShape ? RouteError.NotLineString : RouteError.InvalidGeojson, $"{name}: {problem}", out error, out message);
            }

            var points = new List<GeoPoint>();
            int index = 0;
            foreach (JsonElement position in coordinates.EnumerateArray())
            {
                if (!TryPoint(position, out GeoPoint point))
                {
                    return Fail(RouteError.BadCoordinate, $"{name}: coordinate {index + 1} is not [longitude, latitude] in degrees within range", out error, out message);
                }

                point = datum == Datum.Gcj02 ? ChinaDatum.GcjToWgs(point) : point;
                if (points.Count == 0 || points[^1] != point)
                {
                    points.Add(point); // repeated points add nothing and would make zero-length segments
                }

                index++;
            }

            if (points.Count < 2)
            {
                return Fail(RouteError.TooFewPoints, $"{name}: a route needs at least two distinct points, this one has {points.Count}", out error, out message);
            }

            route = new Route(name, [.. points]);
            error = RouteError.None;
            message = string.Empty;
            return true;
        }
    }

    /// <summary>
    /// Progress of a position along the route: the nearest point of the route (in a flat east/north frame around the
    /// position, exact to millimetres over a few kilometres), the distances along and remaining, the cross-track
    /// distance, the ETA at <paramref name="speedMetersPerSecond"/> (absent below <paramref name="minimumEtaSpeedMetersPerSecond"/>)
    /// and whether the position is farther than <paramref name="offRouteThresholdMeters"/> from the route.
    /// </summary>
    public RouteProgress Measure(double latitudeDegrees, double longitudeDegrees, double? speedMetersPerSecond, double offRouteThresholdMeters, double minimumEtaSpeedMetersPerSecond = 0.5)
    {
        double metersPerDegreeLatitude = TangentPlane.MetersPerDegreeLatitude(latitudeDegrees);
        double metersPerDegreeLongitude = TangentPlane.MetersPerDegreeLongitude(latitudeDegrees);
        double best = double.MaxValue, bestAlong = 0;
        for (int i = 0; i + 1 < _points.Length; i++)
        {
            double ax = (_points[i].LongitudeDegrees - longitudeDegrees) * metersPerDegreeLongitude;
            double ay = (_points[i].LatitudeDegrees - latitudeDegrees) * metersPerDegreeLatitude;
            double dx = ((_points[i + 1].LongitudeDegrees - longitudeDegrees) * metersPerDegreeLongitude) - ax;
            double dy = ((_points[i + 1].LatitudeDegrees - latitudeDegrees) * metersPerDegreeLatitude) - ay;
            double lengthSquared = (dx * dx) + (dy * dy);
            double t = lengthSquared == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1);
            double px = ax + (t * dx), py = ay + (t * dy);
            double distance = Math.Sqrt((px * px) + (py * py));
            if (distance < best)
            {
                best = distance;
                bestAlong = _startMeters[i] + (t * (_startMeters[i + 1] - _startMeters[i]));
            }
        }

        var progress = new RouteProgress
        {
            HasRoute = true,
            RouteName = Name,
            HasPosition = true,
            RouteLengthMeters = LengthMeters,
            DistanceAlongMeters = bestAlong,
            DistanceRemainingMeters = LengthMeters - bestAlong,
            CrossTrackMeters = best,
            OffRoute = best > offRouteThresholdMeters,
        };
        if (speedMetersPerSecond is double speed && speed >= minimumEtaSpeedMetersPerSecond)
        {
            progress.EtaSeconds = progress.DistanceRemainingMeters / speed;
        }

        return progress;
    }

    private static bool TryFindLineString(JsonElement root, out JsonElement coordinates, out string? problem, out bool geoJsonShape)
    {
        coordinates = default;
        geoJsonShape = false;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
        {
            problem = "not GeoJSON (no \"type\"): give a LineString, a Feature or a FeatureCollection";
            return false;
        }

        geoJsonShape = true;
        JsonElement geometry = root;
        switch (type.GetString())
        {
            case "FeatureCollection":
                if (!root.TryGetProperty("features", out JsonElement features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() == 0)
                {
                    problem = "the FeatureCollection has no features";
                    return false;
                }

                if (!features[0].TryGetProperty("geometry", out geometry))
                {
                    problem = "the first feature has no geometry";
                    return false;
                }

                break;
            case "Feature":
                if (!root.TryGetProperty("geometry", out geometry))
                {
                    problem = "the Feature has no geometry";
                    return false;
                }

                break;
        }

        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out JsonElement geometryType) || geometryType.GetString() != "LineString")
        {
            string found = geometry.ValueKind == JsonValueKind.Object && geometry.TryGetProperty("type", out JsonElement t) ? t.ToString() : geometry.ValueKind.ToString();
            problem = string.Create(CultureInfo.InvariantCulture, $"the geometry is {found}, not a LineString");
            return false;
        }

        if (!geometry.TryGetProperty("coordinates", out coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            problem = "the LineString has no coordinates array";
            return false;
        }

        problem = null;
        return true;
    }

    private static bool TryPoint(JsonElement position, out GeoPoint point)
    {
        point = default;
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number
            || !position[0].TryGetDouble(out double longitude) || !position[1].TryGetDouble(out double latitude)
            || !(longitude >= -180 && longitude <= 180) || !(latitude >= -90 && latitude <= 90))
        {
            return false;
        }

        point = new GeoPoint(latitude, longitude);
        return true;
    }

    private static bool Fail(RouteError code, string text, out RouteError error, out string message)
    {
        error = code;
        message = text;
        return false;
    }
}
