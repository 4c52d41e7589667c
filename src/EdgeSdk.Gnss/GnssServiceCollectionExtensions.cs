using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>Registers the receiver engine with Microsoft.Extensions.DependencyInjection / Hosting.</summary>
public static class GnssServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="GnssReceiver"/> on <paramref name="sourceUri"/>, a <see cref="GnssFixHub"/>
    /// that apps inject to read fixes, and a hosted service that runs the receiver for the host's lifetime.
    /// </summary>
    public static IServiceCollection AddGnssReceiver(this IServiceCollection services, string sourceUri, Action<GnssReceiverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceUri);
        var options = new GnssReceiverOptions();
        configure?.Invoke(options);
        services.TryAddSingleton<GnssFixHub>();
        services.TryAddSingleton(provider => GnssReceiver.Open(sourceUri, options, provider.GetService<ILogger<GnssReceiver>>()));
        services.AddHostedService<GnssReceiverService>();
        return services;
    }

    /// <summary>
    /// Registers a <see cref="GpsdServer"/> on <paramref name="endpoint"/> that serves the fixes of the
    /// receiver registered with <see cref="AddGnssReceiver"/> to gpsd clients.
    /// </summary>
    public static IServiceCollection AddGpsdServer(this IServiceCollection services, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        services.TryAddSingleton(provider => new GpsdServer(endpoint, provider.GetRequiredService<GnssReceiver>().Source.Path, provider.GetService<ILogger<GpsdServer>>()));
        services.AddHostedService<GpsdServerService>();
        return services;
    }
}
