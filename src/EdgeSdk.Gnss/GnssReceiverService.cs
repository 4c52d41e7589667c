using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Gnss;

/// <summary>Runs the registered <see cref="GnssReceiver"/> and publishes its fixes to the <see cref="GnssFixHub"/>.</summary>
internal sealed class GnssReceiverService(GnssReceiver receiver, GnssFixHub hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(stoppingToken).ConfigureAwait(false))
            {
                hub.Publish(fix);
            }
        }
        finally
        {
            hub.Complete();
        }
    }
}
