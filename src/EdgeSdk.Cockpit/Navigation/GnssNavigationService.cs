using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Gnss;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The default navigation: reads the GNSS engine's fixes from the <see cref="GnssFixHub"/> (whatever receiver or
/// simulator feeds it) and sets <see cref="CockpitOptions.RouteFile"/> as the route when it starts.
/// </summary>
public sealed class GnssNavigationService : NavigationServiceBase
{
    private readonly GnssFixHub _hub;
    private readonly CockpitOptions _options;

    /// <summary>Created by the container.</summary>
    public GnssNavigationService(GnssFixHub hub, IOptions<CockpitOptions> options, ILogger<GnssNavigationService>? logger = null)
        : base((options ?? throw new ArgumentNullException(nameof(options))).Value.SubscriberCapacity, options.Value.OffRouteThresholdMeters, logger)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _hub = hub;
        _options = options.Value;
    }

    /// <summary>Sets the configured route (a missing or bad file fails the start with one line naming it), then starts reading fixes.</summary>
    /// <exception cref="FileNotFoundException">The route file does not exist.</exception>
    /// <exception cref="InvalidDataException">The route file is not a usable GeoJSON LineString.</exception>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.RouteFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"route file '{file}' not found: give an existing GeoJSON LineString file (Cockpit:RouteFile)", file);
            }

            if (!EdgeSdk.Cockpit.Route.TryParse(File.ReadAllText(file), Path.GetFileName(file), _options.RouteDatum, out Route? route, out RouteError _, out string message))
            {
                throw new InvalidDataException($"route file {message}");
            }

            SetRoute(route);
        }

        if (_hub.Latest is { } latest)
        {
            PublishFix(latest);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (GnssFix fix in _hub.SubscribeAsync(_options.SubscriberCapacity, stoppingToken).ConfigureAwait(false))
        {
            PublishFix(fix);
        }
    }
}
