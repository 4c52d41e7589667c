using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Connects actuators to a device in the same process: claims them on the <see cref="VssDatabroker"/> and hands every
/// target to a delegate (an ECU driver, the simulated vehicle). The device reports the applied value as the signal's
/// current value through its own feeder (CAN, ...) or through <see cref="TryPublishCurrent"/>. Targets the delegate
/// refuses are counted.
/// </summary>
/// <example>
/// <code>
/// using var hvac = new VssActuatorForwarder(broker, "simulated-car", ["Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"]);
/// await hvac.RunAsync(target => { car.RequestHvacTemperature(target.Value.AsFloat()); return true; }, ct);
/// </code>
/// </example>
public sealed class VssActuatorForwarder : IDisposable
{
    private readonly VssDatabroker _broker;
    private readonly VssProvider _provider;
    private long _forwarded;
    private long _refused;

    /// <summary>
    /// Claims <paramref name="actuatorPaths"/> as provider <paramref name="providerName"/>; with
    /// <paramref name="reportsCurrentValues"/>, their current values too, so this forwarder is their one publisher
    /// (<see cref="TryPublishCurrent"/>); leave it false when another feeder (CAN) reports them.
    /// </summary>
    /// <exception cref="InvalidOperationException">A path is unknown, not an actuator, or already provided (the message names it).</exception>
    public VssActuatorForwarder(VssDatabroker broker, string providerName, IEnumerable<string> actuatorPaths, bool reportsCurrentValues = false)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(actuatorPaths);
        string[] paths = [.. actuatorPaths];
        _broker = broker;
        _provider = broker.CreateProvider(providerName);
        VssError error = _provider.TryClaim(paths, actuators: true, out string? failed);
        if (error == VssError.None && reportsCurrentValues)
        {
            error = _provider.TryClaim(paths, actuators: false, out failed);
        }

        if (error != VssError.None)
        {
            _provider.Dispose();
            throw new InvalidOperationException($"{providerName} cannot provide the actuator {failed}: {error}");
        }
    }

    /// <summary>Targets handed to the device.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Targets the device refused.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Hands every target to <paramref name="apply"/> (false = refused) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(Func<VssUpdate, bool> apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        await foreach (IReadOnlyList<VssUpdate> batch in _provider.ReadTargetsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (VssUpdate target in batch)
            {
                Interlocked.Increment(ref apply(target) ? ref _forwarded : ref _refused);
            }
        }
    }

    /// <summary>Reports the current value of one of the forwarded actuators; <see cref="VssError.NotProvided"/> for another signal.</summary>
    public VssError TryPublishCurrent(string path, in VssValue value)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _broker.Tree.TryGetSignal(path, out VssSignal? signal) ? _provider.TryPublish(signal, value) : VssError.UnknownSignal;
    }

    /// <summary>Releases the actuators.</summary>
    public void Dispose() => _provider.Dispose();
}
