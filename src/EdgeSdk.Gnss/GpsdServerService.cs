using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Gnss;

/// <summary>Runs the registered <see cref="GpsdServer"/> on the fixes of the <see cref="GnssFixHub"/>.</summary>
internal sealed class GpsdServerService : BackgroundService
{
    private readonly GpsdServer _server;

    // Taken when the host builds its hosted services, before the receiver's starts: the server
    // gets the receiver's first fixes too (a file source may publish them all at once).
    private readonly GnssFixSubscription _fixes;

    public GpsdServerService(GpsdServer server, GnssFixHub hub)
    {
        _server = server;
        _fixes = hub.Subscribe(256);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _server.Start();
        await _server.RunAsync(_fixes.ReadAllAsync(stoppingToken), stoppingToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _fixes.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
