using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Gnss;

/// <summary>Runs the registered <see cref="GpsdServer"/> on the fixes of the <see cref="GnssFixHub"/>.</summary>
internal sealed class GpsdServerService(GpsdServer server, GnssFixHub hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        server.Start();
        await server.RunAsync(hub.SubscribeAsync(256, stoppingToken), stoppingToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);
    }
}
