using EdgeSdk.Gnss;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>Registers the HMI in a host that has the cockpit services (<c>AddEdgeSdkCockpit</c>).</summary>
public static class CockpitHmiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CockpitHmiHub"/>, <see cref="CockpitHmi"/> and <see cref="CockpitHmiFeedService"/>, which runs the
    /// HMI's feeds with the host. Call it after <c>AddEdgeSdkCockpit</c> (the services start first), then map the page
    /// with <c>app.MapCockpitHmi(app.Services.GetRequiredService&lt;CockpitHmi&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddEdgeSdkCockpitHmi(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => new CockpitHmiHub());
        services.TryAddSingleton<GnssFixHub>();
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<CockpitHmi>(provider, provider.GetRequiredService<CockpitHmiHub>()));
        services.AddHostedService<CockpitHmiFeedService>();
        return services;
    }
}
