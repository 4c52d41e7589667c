using EdgeSdk.Gnss;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>Runs <see cref="CockpitHmi.RunAsync"/> with the host, on the fixes of the registered <see cref="GnssFixHub"/>.</summary>
/// <param name="hmi">The HMI to feed.</param>
/// <param name="fixes">The GNSS engine's fixes (the HMI subscribes with a bounded queue of 256; a slow HMI loses the oldest, counted by the hub).</param>
public sealed class CockpitHmiFeedService(CockpitHmi hmi, GnssFixHub fixes) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        hmi.RunAsync(fixes.SubscribeAsync(256, stoppingToken), stoppingToken);
}
