using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Positioning;
using Grpc.Core;

namespace EdgeSdk.Cockpit.Tests;

public sealed class NavigationServiceTests
{
    private static readonly DateTime FixTime = new(2026, 11, 30, 8, 0, 1, DateTimeKind.Utc);

    private static GnssFix Fix(double latitude, double longitude) => new()
    {
        TimeUtc = FixTime,
        Mode = Gnss.FixMode.ThreeD,
        Quality = Gnss.FixQuality.Differential,
        LatitudeDegrees = latitude,
        LongitudeDegrees = longitude,
        AltitudeHaeMeters = 250.5,
        SpeedMetersPerSecond = 10,
        CourseDegrees = 0,
        Hdop = 0.9,
        SatellitesUsed = 6,
        Satellites =
        [
            new SatelliteInfo { System = GnssSystem.Gps, Number = 3, Used = true },
            new SatelliteInfo { System = GnssSystem.Gps, Number = 8, Used = true },
            new SatelliteInfo { System = GnssSystem.Gps, Number = 21, Used = false },
            new SatelliteInfo { System = GnssSystem.Beidou, Number = 7, SignalId = 1, Used = true },
            new SatelliteInfo { System = GnssSystem.Beidou, Number = 7, SignalId = 5, Used = true }, // B2a: the same satellite
            new SatelliteInfo { System = GnssSystem.Beidou, Number = 14, Used = true },
            new SatelliteInfo { System = GnssSystem.Beidou, Number = 33, Used = true },
            new SatelliteInfo { System = GnssSystem.Galileo, Number = 11, Used = false },
        ],
    };

    [Fact]
    public void A_fix_becomes_a_position_in_wgs84_and_gcj02_with_satellites_per_constellation()
    {
        Position p = NavigationServiceBase.ToPosition(Fix(29.5630, 106.5516));
        GeoPoint gcj = ChinaDatum.WgsToGcj(new GeoPoint(29.5630, 106.5516));
        Assert.True(p.HasFix);
        Assert.Equal(Protocol.FixMode.ThreeD, p.Mode);
        Assert.Equal(Protocol.FixQuality.Differential, p.Quality);
        Assert.Equal((29.5630, 106.5516), (p.LatitudeDegrees, p.LongitudeDegrees));
        Assert.Equal((gcj.LatitudeDegrees, gcj.LongitudeDegrees), (p.Gcj02LatitudeDegrees, p.Gcj02LongitudeDegrees));
        Assert.InRange(GreatCircle.DistanceMeters(p.LatitudeDegrees, p.LongitudeDegrees, p.Gcj02LatitudeDegrees, p.Gcj02LongitudeDegrees), 100, 1000);
        Assert.Equal((250.5, 0.0, 10.0, 0.9), (p.AltitudeMeters, p.HeadingDegrees, p.SpeedMetersPerSecond, p.Hdop));
        Assert.Equal(6u, p.SatellitesUsed);
        Assert.Equal(
            [
                new ConstellationSatellites { Constellation = Constellation.Gps, InView = 3, Used = 2 },
                new ConstellationSatellites { Constellation = Constellation.Galileo, InView = 1, Used = 0 },
                new ConstellationSatellites { Constellation = Constellation.Beidou, InView = 3, Used = 3 },
            ],
            p.Constellations);
        Assert.Equal(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(FixTime), p.FixTime);

        // Outside China GCJ-02 is WGS-84.
        Position paris = NavigationServiceBase.ToPosition(Fix(48.8566, 2.3522));
        Assert.Equal((48.8566, 2.3522), (paris.Gcj02LatitudeDegrees, paris.Gcj02LongitudeDegrees));
        Assert.False(NavigationServiceBase.ToPosition(new GnssFix { Mode = Gnss.FixMode.NoFix }).HasFix);
    }

    [Fact]
    public async Task Positions_and_route_progress_through_grpc()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        var client = new Protocol.NavigationService.NavigationServiceClient(host.Channel);
        Assert.False((await client.GetPositionAsync(new GetPositionRequest())).HasFix);

        // A route due north from the start, 0.01° long; the car is half way, on it, at 10 m/s.
        SetRouteReply reply = await client.SetRouteAsync(new SetRouteRequest
        {
            Name = "north.geojson",
            Geojson = """{"type":"LineString","coordinates":[[106.5516,29.5630],[106.5516,29.5730]]}""",
        });
        double length = GreatCircle.MeanEarthRadiusMeters * 0.01 * Math.PI / 180;
        Assert.Equal(RouteError.None, reply.Error);
        Assert.Equal(2u, reply.Points);
        Assert.Equal(length, reply.LengthMeters, 6);

        using AsyncServerStreamingCall<RouteProgress> progress = client.WatchRouteProgress(new WatchRouteProgressRequest());
        Assert.True(await progress.ResponseStream.MoveNext(CancellationToken.None));
        Assert.False(progress.ResponseStream.Current.HasPosition); // the route is set, no fix yet

        host.Hub.Publish(Fix(29.5680, 106.5516));
        Assert.True(await progress.ResponseStream.MoveNext(CancellationToken.None));
        RouteProgress p = progress.ResponseStream.Current;
        Assert.True(p.HasRoute && p.HasPosition);
        Assert.Equal("north.geojson", p.RouteName);
        Assert.Equal(length / 2, p.DistanceAlongMeters, 3);
        Assert.Equal(length / 2, p.DistanceRemainingMeters, 3);
        Assert.Equal(0, p.CrossTrackMeters, 6);
        Assert.Equal(length / 2 / 10, p.EtaSeconds, 3);
        Assert.False(p.OffRoute);

        Position position = await client.GetPositionAsync(new GetPositionRequest());
        Assert.Equal(host.Get<INavigationService>().GetPosition(), position); // in-process: the same
        Assert.Equal(host.Get<INavigationService>().GetRouteProgress(), p);
        Assert.True(position.HasFix);
        Assert.Equal(29.5680, position.LatitudeDegrees);
        Assert.Equal(3, position.Constellations.Count);

        // 0.001° east of the route: 96.9 m off, beyond the 50 m threshold.
        host.Hub.Publish(Fix(29.5680, 106.5526));
        Assert.True(await progress.ResponseStream.MoveNext(CancellationToken.None));
        Assert.True(progress.ResponseStream.Current.OffRoute);
        Assert.Equal(0.001 * TangentPlane.MetersPerDegreeLongitude(29.5680), progress.ResponseStream.Current.CrossTrackMeters, 6);

        SetRouteReply bad = await client.SetRouteAsync(new SetRouteRequest { Name = "stop.geojson", Geojson = """{"type":"Point","coordinates":[106.55,29.56]}""" });
        Assert.Equal(RouteError.NotLineString, bad.Error);
        Assert.Equal("stop.geojson: the geometry is Point, not a LineString", bad.Message);
        Assert.Equal("north.geojson", (await client.GetRouteProgressAsync(new GetRouteProgressRequest())).RouteName); // the old route stays

        await client.ClearRouteAsync(new ClearRouteRequest());
        Assert.False((await client.GetRouteProgressAsync(new GetRouteProgressRequest())).HasRoute);
    }

    [Fact]
    public async Task A_missing_route_file_fails_the_start_naming_the_file()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => CockpitTestHost.StartAsync(o => o.RouteFile = "/nonexistent/route.geojson"));
        Assert.Equal("route file '/nonexistent/route.geojson' not found: give an existing GeoJSON LineString file (Cockpit:RouteFile)", ex.Message);
    }
}
