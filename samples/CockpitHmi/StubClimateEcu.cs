using EdgeSdk.Cockpit;
using EdgeSdk.Vehicle;

namespace CockpitHmiSample;

/// <summary>
/// Where a team plugs its own ECU in: this stub claims the front zones' temperature actuators and, one second after each
/// request, reports the requested value as the current one (a real ECU driver would send a CAN frame instead).
/// </summary>
public sealed class StubClimateEcu(VssDatabroker broker, ILogger<StubClimateEcu> logger) : BackgroundService
{
    private static readonly string[] Actuators =
    [
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
        "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var forwarder = new VssActuatorForwarder(broker, "stub climate ECU", Actuators);
        using VssProvider current = broker.CreateProvider("stub climate ECU (current values)");
        current.TryProvideSignals(Actuators);
        await forwarder.RunAsync(target =>
        {
            logger.LogInformation("climate ECU: {Path} -> {Value}", target.Signal.Path, target.Value);
            _ = ReportLaterAsync(current, target, stoppingToken);
            return true;
        }, stoppingToken);
    }

    private static async Task ReportLaterAsync(VssProvider current, VssUpdate target, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // the ECU takes its time
        current.TryPublish(target.Signal, target.Value);
    }
}
