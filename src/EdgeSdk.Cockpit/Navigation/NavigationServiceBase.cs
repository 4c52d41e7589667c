using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Positioning;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to supply positions from its own source: call <see cref="PublishFix"/> (or
/// <see cref="PublishPosition"/>) with every fix; the GCJ-02 conversion, the satellite counts, routes, route progress,
/// the change streams and slow-subscriber handling are done here.
/// </summary>
public abstract class NavigationServiceBase : CockpitServiceBase, INavigationService
{
    private readonly CockpitFeed<Position> _positions;
    private readonly CockpitFeed<RouteProgress> _progress;
    private readonly object _routeGate = new();
    private Route? _route;
    private long _sequence;

    /// <summary>Creates the service.</summary>
    /// <param name="subscriberCapacity">Unread positions (and progress updates) each subscriber keeps at most.</param>
    /// <param name="offRouteThresholdMeters">Cross-track distance beyond which the position is off the route.</param>
    /// <param name="logger">Optional logger.</param>
    protected NavigationServiceBase(int subscriberCapacity, double offRouteThresholdMeters, ILogger? logger = null)
        : base("navigation", logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offRouteThresholdMeters);
        _positions = new CockpitFeed<Position>(subscriberCapacity);
        _progress = new CockpitFeed<RouteProgress>(subscriberCapacity);
        OffRouteThresholdMeters = offRouteThresholdMeters;
    }

    /// <summary>Cross-track distance beyond which the position is off the route, meters.</summary>
    public double OffRouteThresholdMeters { get; }

    /// <summary>The current route, or null.</summary>
    public Route? Route => Volatile.Read(ref _route);

    /// <inheritdoc />
    public override CockpitStreamCounters StreamCounters
    {
        get
        {
            CockpitStreamCounters a = _positions.Counters, b = _progress.Counters;
            return new CockpitStreamCounters(a.Subscribers + b.Subscribers, a.Published + b.Published, a.Dropped + b.Dropped);
        }
    }

    /// <inheritdoc />
    public virtual Position GetPosition() => _positions.Latest ?? new Position();

    /// <inheritdoc />
    public virtual IAsyncEnumerable<Position> WatchPositionAsync(CancellationToken cancellationToken = default) => _positions.SubscribeAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public virtual SetRouteReply SetRoute(SetRouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EdgeSdk.Cockpit.Route.TryParse(request.Geojson, request.Name, request.Datum, out Route? route, out RouteError error, out string message))
        {
            return new SetRouteReply { Error = error, Message = message };
        }

        SetRoute(route);
        return new SetRouteReply { LengthMeters = route.LengthMeters, Points = (uint)route.Points.Count };
    }

    /// <summary>Sets a route already read (see <see cref="EdgeSdk.Cockpit.Route.TryParse"/>) and publishes the progress at the newest position.</summary>
    public void SetRoute(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_routeGate)
        {
            Volatile.Write(ref _route, route);
            _progress.Publish(Measure(route, _positions.Latest));
        }
    }

    /// <inheritdoc />
    public virtual void ClearRoute()
    {
        lock (_routeGate)
        {
            Volatile.Write(ref _route, null);
            _progress.Publish(new RouteProgress { At = Timestamp.FromDateTime(DateTime.UtcNow) });
        }
    }

    /// <inheritdoc />
    public virtual RouteProgress GetRouteProgress() => _progress.Latest ?? new RouteProgress();

    /// <inheritdoc />
    public virtual IAsyncEnumerable<RouteProgress> WatchRouteProgressAsync(CancellationToken cancellationToken = default) => _progress.SubscribeAsync(cancellationToken: cancellationToken);

    /// <summary>
    /// The contract's view of a fix: WGS-84 and GCJ-02 (equal outside China) coordinates, fix mode and quality,
    /// satellites in view and used per constellation (a satellite tracked on two signals counts once).
    /// </summary>
    public static Position ToPosition(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var position = new Position
        {
            HasFix = fix.HasPosition,
            Mode = (Protocol.FixMode)(int)fix.Mode,
            Quality = (Protocol.FixQuality)(int)fix.Quality,
            SatellitesUsed = (uint)Math.Max(0, fix.SatellitesUsed),
        };
        if (fix.HasPosition)
        {
            var wgs = new GeoPoint(fix.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value);
            GeoPoint gcj = ChinaDatum.WgsToGcj(wgs); // identity outside China
            position.LatitudeDegrees = wgs.LatitudeDegrees;
            position.LongitudeDegrees = wgs.LongitudeDegrees;
            position.Gcj02LatitudeDegrees = gcj.LatitudeDegrees;
            position.Gcj02LongitudeDegrees = gcj.LongitudeDegrees;
        }

        if (fix.AltitudeHaeMeters is double altitude)
        {
            position.AltitudeMeters = altitude;
        }

        if (fix.CourseDegrees is double course)
        {
            position.HeadingDegrees = course;
        }

        if (fix.SpeedMetersPerSecond is double speed)
        {
            position.SpeedMetersPerSecond = speed;
        }

        if (fix.Hdop is double hdop)
        {
            position.Hdop = hdop;
        }

        if (fix.TimeUtc is DateTime time)
        {
            position.FixTime = Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        }

        // In view: distinct satellites per system (one satellite reports once per signal band).
        var seen = new HashSet<(GnssSystem, int)>();
        var inView = new SortedDictionary<GnssSystem, uint>();
        foreach (SatelliteInfo satellite in fix.Satellites)
        {
            if (satellite.Number <= 0 || seen.Add((satellite.System, satellite.Number)))
            {
                inView[satellite.System] = inView.GetValueOrDefault(satellite.System) + 1;
            }
        }

        foreach ((GnssSystem system, uint count) in inView)
        {
            position.Constellations.Add(new ConstellationSatellites
            {
                Constellation = (Constellation)(int)system,
                InView = count,
                Used = (uint)fix.SatellitesUsedBy(system),
            });
        }

        return position;
    }

    /// <summary>Publishes a fix (see <see cref="ToPosition"/>).</summary>
    protected void PublishFix(GnssFix fix) => PublishPosition(ToPosition(fix));

    /// <summary>Publishes a position and the route progress at it; do not change the position afterwards.</summary>
    protected void PublishPosition(Position position)
    {
        ArgumentNullException.ThrowIfNull(position);
        position.Sequence = (ulong)Interlocked.Increment(ref _sequence);
        lock (_routeGate)
        {
            _positions.Publish(position);
            if (Volatile.Read(ref _route) is { } route)
            {
                _progress.Publish(Measure(route, position));
            }
        }
    }

    /// <inheritdoc />
    protected override void OnStopped()
    {
        _positions.Complete();
        _progress.Complete();
    }

    private RouteProgress Measure(Route route, Position? position)
    {
        RouteProgress progress = position is { HasFix: true }
            ? route.Measure(position.LatitudeDegrees, position.LongitudeDegrees, position.HasSpeedMetersPerSecond ? position.SpeedMetersPerSecond : null, OffRouteThresholdMeters)
            : new RouteProgress { HasRoute = true, RouteName = route.Name, RouteLengthMeters = route.LengthMeters };
        progress.At = position?.FixTime ?? Timestamp.FromDateTime(DateTime.UtcNow);
        return progress;
    }
}
