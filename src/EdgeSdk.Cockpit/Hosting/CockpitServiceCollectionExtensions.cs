using EdgeSdk.Gnss;
using EdgeSdk.Vehicle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>Registers the cockpit services with Microsoft.Extensions.DependencyInjection / Hosting.</summary>
public static class CockpitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the five cockpit services (default implementations on the databroker and the GNSS engine), their
    /// gRPC endpoints (map them with <see cref="CockpitEndpointRouteBuilderExtensions.MapEdgeSdkCockpit"/>),
    /// <see cref="CockpitOptions"/> bound from <paramref name="configuration"/>'s <c>Cockpit</c> section, and
    /// <see cref="CockpitHostedService"/>, which starts them with the host. A <see cref="VssDatabroker"/> over the default
    /// VSS tree, a <see cref="GnssFixHub"/> and <see cref="TimeProvider.System"/> are registered unless already present.
    /// To replace a service, register your class for its interface after this call (the last registration wins),
    /// e.g. <c>services.AddSingleton&lt;IClimateService, MyClimate&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddEdgeSdkCockpit(this IServiceCollection services, IConfiguration? configuration = null, Action<CockpitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Microsoft.Extensions.Options.OptionsBuilder<CockpitOptions> options = services.AddOptions<CockpitOptions>();
        if (configuration != null)
        {
            options.Bind(configuration.GetSection(CockpitOptions.SectionName));
        }

        if (configure != null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.SubscriberCapacity >= 1 && o.SubscriberCapacity <= 100_000, "Cockpit:SubscriberCapacity must be 1..100000")
            .Validate(o => o.AlertEvaluationIntervalMilliseconds >= 10, "Cockpit:AlertEvaluationIntervalMilliseconds must be at least 10")
            .Validate(o => o.OffRouteThresholdMeters >= 0, "Cockpit:OffRouteThresholdMeters must not be negative")
            .Validate(o => o.Climate.MinTemperatureCelsius < o.Climate.MaxTemperatureCelsius, "Cockpit:Climate:MinTemperatureCelsius must be below MaxTemperatureCelsius");

        services.TryAddSingleton(provider => new VssDatabroker(VssTree.LoadDefault(), provider.GetService<ILogger<VssDatabroker>>()));
        services.TryAddSingleton<GnssFixHub>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IVehicleStatusService, DatabrokerVehicleStatusService>();
        services.TryAddSingleton<INavigationService, GnssNavigationService>();
        services.TryAddSingleton<IClimateService, DatabrokerClimateService>();
        services.TryAddSingleton<IMediaService, DatabrokerMediaService>();
        services.TryAddSingleton<IAlertsService, RuleEngineAlertsService>();
        services.AddGrpc();
        if (!services.Any(d => d.ServiceType == typeof(CockpitHostedService)))
        {
            services.AddSingleton<CockpitHostedService>();
            services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<CockpitHostedService>());
        }

        return services;
    }
}
