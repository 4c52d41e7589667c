using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Positioning;

namespace EdgeSdk.Cockpit.Tests;

public sealed class RouteTests
{
    // East along the equator 0.01°, then north 0.01°: two segments of R·0.01·π/180 each.
    private const string EquatorRoute = """{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[0.01,0],[0.01,0],[0.01,0.01]]}}""";
    private static readonly double Segment = GreatCircle.MeanEarthRadiusMeters * 0.01 * Math.PI / 180;

    private static Route Equator()
    {
        Assert.True(Route.TryParse(EquatorRoute, "equator.geojson", Datum.Wgs84, out Route? route, out RouteError error, out string message), message);
        Assert.Equal(RouteError.None, error);
        return route;
    }

    [Fact]
    public void A_feature_line_string_is_read_and_repeated_points_are_dropped()
    {
        Route route = Equator();
        Assert.Equal("equator.geojson", route.Name);
        Assert.Equal([new GeoPoint(0, 0), new GeoPoint(0, 0.01), new GeoPoint(0.01, 0.01)], route.Points);
        Assert.Equal(2 * Segment, route.LengthMeters, 6);
        Assert.Equal(1111.950802, Segment, 6);
    }

    [Fact]
    public void Progress_beside_the_first_segment_gives_exact_distances_and_eta()
    {
        RouteProgress p = Equator().Measure(-0.001, 0.005, speedMetersPerSecond: 10, offRouteThresholdMeters: 50);
        Assert.True(p.HasRoute);
        Assert.True(p.HasPosition);
        Assert.Equal("equator.geojson", p.RouteName);
        Assert.Equal(0.5 * Segment, p.DistanceAlongMeters, 6);
        Assert.Equal(1.5 * Segment, p.DistanceRemainingMeters, 6);
        Assert.Equal(0.001 * TangentPlane.MetersPerDegreeLatitude(-0.001), p.CrossTrackMeters, 6);
        Assert.Equal(110.574, p.CrossTrackMeters, 3);
        Assert.True(p.OffRoute); // 110.6 m > 50 m
        Assert.True(p.HasEtaSeconds);
        Assert.Equal(1.5 * Segment / 10, p.EtaSeconds, 6);
    }

    [Fact]
    public void Progress_near_the_route_is_on_route_and_standing_still_has_no_eta()
    {
        RouteProgress p = Equator().Measure(0.0025, 0.0101, speedMetersPerSecond: 0.2, offRouteThresholdMeters: 50);
        // Nearest: the second (northbound) segment, a quarter of the way up.
        Assert.Equal(1.25 * Segment, p.DistanceAlongMeters, 3);
        Assert.Equal(0.75 * Segment, p.DistanceRemainingMeters, 3);
        Assert.Equal(0.0001 * TangentPlane.MetersPerDegreeLongitude(0.0025), p.CrossTrackMeters, 6);
        Assert.False(p.OffRoute);
        Assert.False(p.HasEtaSeconds);
    }

    [Fact]
    public void Beyond_the_end_the_remaining_distance_is_zero()
    {
        RouteProgress p = Equator().Measure(0.02, 0.01, speedMetersPerSecond: 10, offRouteThresholdMeters: 50);
        Assert.Equal(2 * Segment, p.DistanceAlongMeters, 6);
        Assert.Equal(0, p.DistanceRemainingMeters, 6);
        Assert.Equal(0, p.EtaSeconds, 6);
        Assert.True(p.OffRoute);
    }

    [Fact]
    public void A_gcj02_route_is_converted_to_wgs84()
    {
        GeoPoint[] wgs = [new(29.5630, 106.5516), new(29.5650, 106.5540), new(29.5702, 106.5611)];
        string coordinates = string.Join(",", wgs.Select(ChinaDatum.WgsToGcj).Select(p => FormattableString.Invariant($"[{p.LongitudeDegrees:R},{p.LatitudeDegrees:R}]")));
        Assert.True(Route.TryParse($$"""{"type":"LineString","coordinates":[{{coordinates}}]}""", "gcj", Datum.Gcj02, out Route? route, out _, out string message), message);
        Assert.Equal(3, route.Points.Count);
        for (int i = 0; i < wgs.Length; i++)
        {
            Assert.Equal(wgs[i].LatitudeDegrees, route.Points[i].LatitudeDegrees, 8);
            Assert.Equal(wgs[i].LongitudeDegrees, route.Points[i].LongitudeDegrees, 8);
        }

        // The same text read as WGS-84 is a few hundred metres off: the datum matters.
        Assert.True(Route.TryParse($$"""{"type":"LineString","coordinates":[{{coordinates}}]}""", "gcj", Datum.Wgs84, out Route? raw, out _, out _));
        double offset = GreatCircle.DistanceMeters(raw.Points[0].LatitudeDegrees, raw.Points[0].LongitudeDegrees, wgs[0].LatitudeDegrees, wgs[0].LongitudeDegrees);
        Assert.InRange(offset, 100, 1000);
    }

    [Theory]
    [InlineData("", RouteError.InvalidGeojson, "r.geojson: empty; give a GeoJSON LineString")]
    [InlineData("{\"type\":", RouteError.InvalidGeojson, "r.geojson: not JSON (line 1): give a GeoJSON LineString")]
    [InlineData("[1,2]", RouteError.InvalidGeojson, "r.geojson: not GeoJSON (no \"type\"): give a LineString, a Feature or a FeatureCollection")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,2]}", RouteError.NotLineString, "r.geojson: the geometry is Point, not a LineString")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", RouteError.NotLineString, "r.geojson: the FeatureCollection has no features")]
    [InlineData("{\"type\":\"LineString\",\"coordinates\":[[1,2],[1,2]]}", RouteError.TooFewPoints, "r.geojson: a route needs at least two distinct points, this one has 1")]
    [InlineData("{\"type\":\"LineString\",\"coordinates\":[[1,2],[200,2]]}", RouteError.BadCoordinate, "r.geojson: coordinate 2 is not [longitude, latitude] in degrees within range")]
    [InlineData("{\"type\":\"LineString\",\"coordinates\":[[1,2],[\"a\",2]]}", RouteError.BadCoordinate, "r.geojson: coordinate 2 is not [longitude, latitude] in degrees within range")]
    public void Bad_routes_are_typed_errors_naming_the_problem(string geoJson, RouteError expected, string expectedMessage)
    {
        Assert.False(Route.TryParse(geoJson, "r.geojson", Datum.Wgs84, out Route? route, out RouteError error, out string message));
        Assert.Null(route);
        Assert.Equal(expected, error);
        Assert.Equal(expectedMessage, message);
    }
}
