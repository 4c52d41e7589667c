using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Tests;

public sealed class VssActuatorForwarderTests
{
    private const string Temperature = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature";

    [Fact]
    public async Task Targets_reach_the_device_and_refusals_are_counted()
    {
        using var broker = new VssDatabroker(CockpitTestHost.Tree);
        using var forwarder = new VssActuatorForwarder(broker, "ecu", [Temperature], reportsCurrentValues: true);
        var applied = new List<float>();
        using var stop = new CancellationTokenSource();
        Task running = forwarder.RunAsync(
            target =>
            {
                float celsius = target.Value.AsFloat();
                if (celsius > 30)
                {
                    return false;
                }

                lock (applied)
                {
                    applied.Add(celsius);
                }

                return forwarder.TryPublishCurrent(target.Signal.Path, target.Value) == VssError.None;
            },
            stop.Token);

        Assert.Equal(VssError.None, broker.TryActuate(Temperature, VssValue.FromFloat(22)));
        Assert.Equal(VssError.None, broker.TryActuate(Temperature, VssValue.FromFloat(40)));
        await Eventually.TrueAsync(() => forwarder.Forwarded + forwarder.Refused == 2, "both targets handled");
        Assert.Equal((1, 1), (forwarder.Forwarded, forwarder.Refused));
        Assert.Equal([22f], applied);
        Assert.Equal(VssError.None, broker.TryGetCurrentValue(Temperature, out VssDatapoint current));
        Assert.Equal(22f, current.Value.AsFloat());
        // reportsCurrentValues: the forwarder is the one publisher of the current value too.
        using VssProvider other = broker.CreateProvider("other");
        Assert.Equal(VssError.AlreadyProvided, other.TryProvideSignals([Temperature]));
        Assert.Equal(VssError.UnknownSignal, forwarder.TryPublishCurrent("Vehicle.Nothing", VssValue.FromFloat(1)));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public void Claiming_an_actuator_someone_provides_names_it()
    {
        using var broker = new VssDatabroker(CockpitTestHost.Tree);
        using var first = new VssActuatorForwarder(broker, "ecu", [Temperature]);
        var ex = Assert.Throws<InvalidOperationException>(() => new VssActuatorForwarder(broker, "second", [Temperature]));
        Assert.Equal($"second cannot provide the actuator {Temperature}: AlreadyProvided", ex.Message);
        ex = Assert.Throws<InvalidOperationException>(() => new VssActuatorForwarder(broker, "third", ["Vehicle.Speed"]));
        Assert.Equal("third cannot provide the actuator Vehicle.Speed: NotActuator", ex.Message);
    }
}
