using EdgeSdk.Gnss;
using EdgeSdk.Vehicle;

namespace CockpitHmiSample;

/// <summary>Feeds the receiver's fixes into the databroker (Vehicle.CurrentLocation.*, and Vehicle.Speed while no CAN speed exists).</summary>
public sealed class GnssToDatabroker(VssDatabroker broker, GnssFixHub fixes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var feeder = new GnssVssFeeder(broker);
        await feeder.RunAsync(fixes.SubscribeAsync(64, stoppingToken), stoppingToken);
    }
}
