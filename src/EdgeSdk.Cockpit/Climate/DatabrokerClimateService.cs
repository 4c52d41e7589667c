using System.Globalization;
using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The default climate: a request becomes actuator targets on the <see cref="VssDatabroker"/>
/// (<c>Vehicle.Cabin.HVAC.Station.&lt;zone&gt;.Temperature</c> / <c>.FanSpeed</c>, <c>Vehicle.Cabin.HVAC.IsAirConditioningActive</c>),
/// which the broker hands to the provider of those actuators (the climate ECU, the simulated vehicle); the state shows
/// the requested values at once and the current values when the provider reports them.
/// </summary>
public sealed class DatabrokerClimateService : ClimateServiceBase
{
    private const string Station = "Vehicle.Cabin.HVAC.Station.";
    private const string AirConditioning = "Vehicle.Cabin.HVAC.IsAirConditioningActive";
    private const string Cabin = "Vehicle.Cabin.HVAC.AmbientAirTemperature";
    private const string Outside = "Vehicle.Exterior.AirTemperature";

    private readonly VssDatabroker _broker;
    private readonly ClimateOptions _options;
    private readonly Zone[] _zones;
    private readonly VssSignal? _airConditioning;
    private readonly object _publishGate = new();

    /// <summary>Checks the configured zones against the broker's tree.</summary>
    /// <exception cref="InvalidDataException">A configured zone has no temperature actuator in the tree (the message lists the tree's zones).</exception>
    public DatabrokerClimateService(VssDatabroker broker, IOptions<CockpitOptions> options, ILogger<DatabrokerClimateService>? logger = null)
        : base((options ?? throw new ArgumentNullException(nameof(options))).Value.SubscriberCapacity, logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        _options = options.Value.Climate;
        var zones = new List<Zone>();
        foreach (string name in _options.EffectiveZones)
        {
            if (!broker.Tree.TryGetSignal(Station + name + ".Temperature", out VssSignal? temperature))
            {
                string known = string.Join(", ", broker.Tree.Signals
                    .Where(s => s.Path.StartsWith(Station, StringComparison.Ordinal) && s.Path.EndsWith(".Temperature", StringComparison.Ordinal))
                    .Select(s => s.Path[Station.Length..^".Temperature".Length]));
                throw new InvalidDataException($"Cockpit:Climate:Zones: '{name}' is not a climate zone of the VSS tree (it has {known})");
            }

            broker.Tree.TryGetSignal(Station + name + ".FanSpeed", out VssSignal? fan);
            zones.Add(new Zone(name, temperature, fan));
        }

        _zones = [.. zones];
        broker.Tree.TryGetSignal(AirConditioning, out _airConditioning);
    }

    /// <summary>The zones served.</summary>
    public IReadOnlyList<string> Zones => [.. _zones.Select(z => z.Name)];

    /// <inheritdoc />
    public override Task<SetZoneReply> SetZoneAsync(SetZoneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(SetZone(request));
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        PublishState();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var paths = new List<string> { AirConditioning, Cabin, Outside };
        foreach (Zone zone in _zones)
        {
            paths.Add(zone.Temperature.Path);
            if (zone.Fan != null)
            {
                paths.Add(zone.Fan.Path);
            }
        }

        VssError error = _broker.TrySubscribe(VssValues.Existing(_broker.Tree, paths), 256, out VssSubscription? subscription);
        if (error != VssError.None)
        {
            throw new InvalidOperationException($"climate cannot subscribe to the databroker: {error}");
        }

        using (subscription)
        {
            while (await subscription!.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (subscription.TryRead(out _))
                {
                    // The state is read from the broker as a whole; the updates only say when.
                }

                PublishState();
            }
        }
    }

    private SetZoneReply SetZone(SetZoneRequest request)
    {
        Zone? zone = Array.Find(_zones, z => z.Name == request.Zone);
        if (zone == null)
        {
            return Error(ClimateError.ZoneMissing, $"zone '{request.Zone}' does not exist; zones: {string.Join(", ", _zones.Select(z => z.Name))}");
        }

        if (!request.HasTemperatureCelsius && !request.HasFanSpeedPercent && !request.HasAirConditioningOn)
        {
            return Error(ClimateError.NothingToSet, $"zone {zone.Name}: the request sets nothing; give a temperature, a fan speed or air conditioning");
        }

        DateTime now = DateTime.UtcNow;
        var targets = new List<VssUpdate>();
        if (request.HasTemperatureCelsius)
        {
            float celsius = request.TemperatureCelsius;
            if (!(celsius >= _options.MinTemperatureCelsius && celsius <= _options.MaxTemperatureCelsius))
            {
                return Error(ClimateError.TemperatureOutOfRange, string.Create(CultureInfo.InvariantCulture,
                    $"zone {zone.Name}: {celsius} °C is out of range; give {_options.MinTemperatureCelsius}..{_options.MaxTemperatureCelsius} °C"));
            }

            targets.Add(new VssUpdate(zone.Temperature, VssValue.FromFloat(celsius), now));
        }

        if (request.HasFanSpeedPercent)
        {
            if (zone.Fan == null)
            {
                return Error(ClimateError.ZoneMissing, $"zone {zone.Name} has no fan in the VSS tree");
            }

            if (request.FanSpeedPercent > 100)
            {
                return Error(ClimateError.FanSpeedOutOfRange, string.Create(CultureInfo.InvariantCulture, $"zone {zone.Name}: fan speed {request.FanSpeedPercent} % is out of range; give 0..100 %"));
            }

            targets.Add(new VssUpdate(zone.Fan, VssValue.FromUInt32(request.FanSpeedPercent), now));
        }

        if (request.HasAirConditioningOn)
        {
            if (_airConditioning == null)
            {
                return Error(ClimateError.ZoneMissing, $"the VSS tree has no {AirConditioning}");
            }

            targets.Add(new VssUpdate(_airConditioning, VssValue.FromBool(request.AirConditioningOn), now));
        }

        VssError error = _broker.TryActuate(targets, out int failed);
        if (error != VssError.None)
        {
            VssUpdate refused = targets[Math.Max(0, failed)];
            return error switch
            {
                VssError.NoProvider => Error(ClimateError.VehicleUnavailable, $"no provider serves {refused.Signal.Path}: start the vehicle (or its simulator) that provides the climate actuators"),
                VssError.ProviderOverloaded => Error(ClimateError.VehicleBusy, $"the provider of {refused.Signal.Path} has too many requests queued; try again"),
                VssError.OutOfRange when refused.Signal == zone.Fan => Error(ClimateError.FanSpeedOutOfRange, $"zone {zone.Name}: {refused.Signal.Explain(error, refused.Value)}"),
                VssError.OutOfRange => Error(ClimateError.TemperatureOutOfRange, $"zone {zone.Name}: {refused.Signal.Explain(error, refused.Value)}"),
                _ => Error(ClimateError.VehicleUnavailable, $"{refused.Signal.Path}: {refused.Signal.Explain(error, refused.Value)}"),
            };
        }

        PublishState(); // the requested values changed
        return new SetZoneReply();
    }

    private void PublishState()
    {
        lock (_publishGate)
        {
            var state = new ClimateState
            {
                MinTemperatureCelsius = _options.MinTemperatureCelsius,
                MaxTemperatureCelsius = _options.MaxTemperatureCelsius,
            };
            foreach (Zone zone in _zones)
            {
                var z = new ClimateZone { Zone = zone.Name };
                if (Current(zone.Temperature) is { } t && VssValues.TryNumber(t, out double celsius))
                {
                    z.TemperatureCelsius = (float)celsius;
                }

                if (Target(zone.Temperature) is { } rt && VssValues.TryNumber(rt, out double requested))
                {
                    z.RequestedTemperatureCelsius = (float)requested;
                }

                if (zone.Fan != null && Current(zone.Fan) is { } f && VssValues.TryNumber(f, out double fan))
                {
                    z.FanSpeedPercent = (uint)fan;
                }

                if (zone.Fan != null && Target(zone.Fan) is { } rf && VssValues.TryNumber(rf, out double requestedFan))
                {
                    z.RequestedFanSpeedPercent = (uint)requestedFan;
                }

                state.Zones.Add(z);
            }

            if (_airConditioning != null && Current(_airConditioning) is { } ac && VssValues.TryBool(ac, out bool on))
            {
                state.AirConditioningOn = on;
            }

            if (_airConditioning != null && Target(_airConditioning) is { } rac && VssValues.TryBool(rac, out bool requestedOn))
            {
                state.RequestedAirConditioningOn = requestedOn;
            }

            if (_broker.TryGetCurrentValue(Cabin, out VssDatapoint cabin) == VssError.None && VssValues.TryNumber(cabin.Value, out double cabinCelsius))
            {
                state.CabinTemperatureCelsius = (float)cabinCelsius;
            }

            if (_broker.TryGetCurrentValue(Outside, out VssDatapoint outside) == VssError.None && VssValues.TryNumber(outside.Value, out double outsideCelsius))
            {
                state.OutsideTemperatureCelsius = (float)outsideCelsius;
            }

            ClimateState latest = GetClimate();
            state.Sequence = latest.Sequence;
            if (!state.Equals(latest))
            {
                Publish(state); // only changes: an unchanged cabin temperature sent again by the CAN bus makes no state
            }
        }
    }

    private VssValue? Current(VssSignal signal) => _broker.GetCurrentValue(signal) is { IsNone: false } d ? d.Value : null;

    private VssValue? Target(VssSignal signal) => _broker.GetTargetValue(signal) is { IsNone: false } d ? d.Value : null;

    private static SetZoneReply Error(ClimateError error, string message) => new() { Error = error, Message = message };

    private sealed record Zone(string Name, VssSignal Temperature, VssSignal? Fan);
}
