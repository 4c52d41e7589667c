using System.Collections.Concurrent;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Simulation.Vehicle;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Tests;

/// <summary>
/// The simulated car (hardware-sim) on the databroker: its CAN frames through the real CanVssFeeder, and the driver's
/// HVAC actuators forwarded to the car, which applies them after its response delay: the temperature comes back in its
/// next Climate frame, the fan speed and air conditioning (not on its CAN bus) are reported from the car's state after
/// each step. Runs in simulated time (0.1 s steps, as fast as the machine allows); <see cref="Pause"/> holds it.
/// </summary>
public sealed class SimulatedCarDrive : IAsyncDisposable
{
    public const string DriverTemperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    public const string DriverFanSpeed = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    public const string AirConditioning = "Vehicle.Cabin.HVAC.IsAirConditioningActive";

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Action<SimulatedVehicle>> _requests = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly CanVssFeeder _feeder;
    private readonly VssActuatorForwarder _hvac;
    private readonly VssActuatorForwarder _fanAndAirConditioning;
    private readonly Task _forwarding;
    private readonly Task _forwardingFan;
    private readonly Task _driving;

    public SimulatedCarDrive(VssDatabroker broker, string scenario = "chongqing-logistics")
    {
        Vehicle = new SimulatedVehicle(Scenario.Load(scenario), seed: 1);
        var emitter = new VehicleCanEmitter(Vehicle, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping());
        _feeder = new CanVssFeeder(broker, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping(), "vcan0");
        _hvac = new VssActuatorForwarder(broker, "simulated-car", [DriverTemperature]);
        _fanAndAirConditioning = new VssActuatorForwarder(broker, "simulated-car-hvac", [DriverFanSpeed, AirConditioning], reportsCurrentValues: true);
        // Targets arrive on the broker's side; the car is stepped by one task only, so requests are queued to it. A
        // target the car cannot take (outside its 16..30 °C) is refused and counted, never thrown into the drive.
        _forwarding = _hvac.RunAsync(target => target.Value.AsFloat() is >= 16 and <= 30 && Enqueue(v => v.RequestHvacTemperature(target.Value.AsFloat())), _stop.Token);
        _forwardingFan = _fanAndAirConditioning.RunAsync(
            target => target.Signal.Path == AirConditioning
                ? Enqueue(v => v.RequestAirConditioning(target.Value.AsBool()))
                : Enqueue(v => v.RequestFanSpeed((int)target.Value.AsUInt32())),
            _stop.Token);
        int reportedFan = -1;
        bool? reportedAirConditioning = null;
        _driving = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await _running.WaitAsync(_stop.Token);
                try
                {
                    while (_requests.TryDequeue(out Action<SimulatedVehicle>? request))
                    {
                        request(Vehicle);
                    }

                    emitter.Run(0.1, frame => _feeder.Publish(frame));
                    SimulatedSeconds += 0.1;
                    if (Vehicle.FanSpeedPercent != reportedFan)
                    {
                        reportedFan = Vehicle.FanSpeedPercent;
                        _fanAndAirConditioning.TryPublishCurrent(DriverFanSpeed, VssValue.FromUInt32((uint)reportedFan));
                    }

                    if (Vehicle.IsAirConditioningOn != reportedAirConditioning)
                    {
                        reportedAirConditioning = Vehicle.IsAirConditioningOn;
                        _fanAndAirConditioning.TryPublishCurrent(AirConditioning, VssValue.FromBool(Vehicle.IsAirConditioningOn));
                    }
                }
                finally
                {
                    _running.Release();
                }

                await Task.Delay(2, _stop.Token);
            }
        });
    }

    public SimulatedVehicle Vehicle { get; }

    public double SimulatedSeconds { get; private set; }

    public long Forwarded => _hvac.Forwarded + _fanAndAirConditioning.Forwarded;

    public long Refused => _hvac.Refused + _fanAndAirConditioning.Refused;

    /// <summary>Holds the car between steps until the returned object is disposed.</summary>
    public async Task<IDisposable> Pause()
    {
        await _running.WaitAsync();
        return new Release(_running);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_forwarding, _forwardingFan, _driving).ContinueWith(_ => { }, TaskScheduler.Default);
        _hvac.Dispose();
        _fanAndAirConditioning.Dispose();
        _feeder.Dispose();
        _stop.Dispose();
    }

    private bool Enqueue(Action<SimulatedVehicle> request)
    {
        _requests.Enqueue(request);
        return true;
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
