using System.Collections.Concurrent;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Simulation.Vehicle;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Tests;

/// <summary>
/// The simulated car (hardware-sim) on the databroker: its CAN frames through the real CanVssFeeder, and the driver's
/// HVAC temperature actuator forwarded to the car, which applies it after its response delay and reports it in its
/// next Climate frame. Runs in simulated time (0.1 s steps, as fast as the machine allows); <see cref="Pause"/> holds it.
/// </summary>
public sealed class SimulatedCarDrive : IAsyncDisposable
{
    public const string DriverTemperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<float> _requests = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly CanVssFeeder _feeder;
    private readonly VssActuatorForwarder _hvac;
    private readonly Task _forwarding;
    private readonly Task _driving;

    public SimulatedCarDrive(VssDatabroker broker, string scenario = "chongqing-logistics")
    {
        Vehicle = new SimulatedVehicle(Scenario.Load(scenario), seed: 1);
        var emitter = new VehicleCanEmitter(Vehicle, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping());
        _feeder = new CanVssFeeder(broker, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping(), "vcan0");
        _hvac = new VssActuatorForwarder(broker, "simulated-car", [DriverTemperature]);
        // Targets arrive on the broker's side; the car is stepped by one task only, so requests are queued to it.
        _forwarding = _hvac.RunAsync(target => { _requests.Enqueue(target.Value.AsFloat()); return true; }, _stop.Token);
        _driving = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await _running.WaitAsync(_stop.Token);
                try
                {
                    while (_requests.TryDequeue(out float celsius))
                    {
                        Vehicle.RequestHvacTemperature(celsius);
                    }

                    emitter.Run(0.1, frame => _feeder.Publish(frame));
                    SimulatedSeconds += 0.1;
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

    public long Forwarded => _hvac.Forwarded;

    /// <summary>Holds the car between steps until the returned object is disposed.</summary>
    public async Task<IDisposable> Pause()
    {
        await _running.WaitAsync();
        return new Release(_running);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_forwarding, _driving).ContinueWith(_ => { }, TaskScheduler.Default);
        _hvac.Dispose();
        _feeder.Dispose();
        _stop.Dispose();
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
