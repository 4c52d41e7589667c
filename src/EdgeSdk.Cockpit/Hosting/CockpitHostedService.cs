using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Starts the registered cockpit services with the host (those that are <see cref="IHostedService"/>s, as every
/// <see cref="CockpitServiceBase"/> is) and stops them in reverse order. Inject it to show which services are up.
/// Do not also register a cockpit service with <c>AddHostedService</c>: it would start twice.
/// </summary>
public sealed class CockpitHostedService : IHostedService
{
    private readonly IServiceProvider _provider;
    private readonly ILogger<CockpitHostedService>? _logger;
    private ICockpitService[] _services = [];

    /// <summary>Created by the container.</summary>
    public CockpitHostedService(IServiceProvider provider, ILogger<CockpitHostedService>? logger = null)
    {
        _provider = provider;
        _logger = logger;
    }

    /// <summary>The services, in start order (empty before start): vehicle status, navigation, climate, media, alerts.</summary>
    public IReadOnlyList<ICockpitService> Services => _services;

    /// <summary>
    /// Resolves and starts the services. A configuration error (an invalid rule file, a missing route file) surfaces here
    /// as an <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/> whose message names the file.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ICockpitService[] services =
        [
            _provider.GetRequiredService<IVehicleStatusService>(),
            _provider.GetRequiredService<INavigationService>(),
            _provider.GetRequiredService<IClimateService>(),
            _provider.GetRequiredService<IMediaService>(),
            _provider.GetRequiredService<IAlertsService>(),
        ];
        foreach (ICockpitService service in services)
        {
            if (service is IHostedService hosted)
            {
                await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_logger != null)
            {
                CockpitLog.ServiceUp(_logger, service.Name, service.GetType().Name);
            }
        }

        _services = services;
    }

    /// <summary>Stops the services in reverse order.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (ICockpitService service in _services.Reverse())
        {
            if (service is IHostedService hosted)
            {
                await hosted.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
