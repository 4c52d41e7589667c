using EdgeSdk.Can;
using EdgeSdk.Cockpit;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Simulation.Vehicle;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cli;

/// <summary>
/// The CAN side of <c>edgesdk databroker</c>: <c>--can SOURCE --dbc FILE --mapping FILE</c> feeds decoded frames
/// through a <see cref="CanVssFeeder"/>; with <c>--simulate</c> the simulated car's frames (built-in DBC and mapping)
/// travel over a virtual bus in real time instead.
/// </summary>
internal static class DatabrokerCan
{
    private const string SimulatedChannel = "vcan0";

    /// <summary>Checks the CAN options and creates the feeder (null when neither --can nor --simulate).</summary>
    public static CanVssFeeder? CreateFeeder(VssDatabroker broker, string? can, string? dbcPath, string? mappingPath, bool simulated)
    {
        if (can == null && (dbcPath != null || mappingPath != null))
        {
            throw new ArgumentException("--dbc and --mapping decode the frames of --can: give --can FILE (a candump log, or - for stdin) with them");
        }

        if (can != null && simulated)
        {
            throw new ArgumentException("--can and --simulate both feed the vehicle's CAN signals: give one of them");
        }

        if (can != null && (dbcPath == null || mappingPath == null))
        {
            throw new ArgumentException("--can needs --dbc FILE (to decode the frames) and --mapping FILE (which DBC signal feeds which VSS path)");
        }

        if (can == null && !simulated)
        {
            return null;
        }

        if (can != null && can != "-" && !File.Exists(can))
        {
            throw new FileNotFoundException($"--can '{can}' not found: give an existing candump log (candump -l), or - to read stdin");
        }

        DbcDatabase database = dbcPath == null ? SimulatedCar.LoadDbc() : DbcDatabase.Load(dbcPath);
        CanVssMapping mapping = mappingPath == null ? SimulatedCar.LoadMapping() : CanVssMapping.Load(mappingPath);
        return new CanVssFeeder(broker, database, mapping, can == null ? SimulatedChannel : "can", mappingPath ?? "simulated-car.mapping.json");
    }

    /// <summary>Feeds the frames of a candump log (or stdin for <c>-</c>) until it ends.</summary>
    public static async Task RunAsync(CanVssFeeder feeder, string can, CancellationToken cancellationToken)
    {
        CandumpFileSource source = can == "-" ? new CandumpFileSource(Console.OpenStandardInput()) : new CandumpFileSource(can);
        await feeder.RunAsync(source, cancellationToken);
        Console.Error.WriteLine($"edgesdk databroker: the CAN source ended: {Summary(feeder)}, {source.MalformedLines} malformed line(s); still serving (Ctrl+C to stop)");
    }

    /// <summary>
    /// Runs the simulated car in real time (or <paramref name="speedup"/> times faster) on a virtual bus, feeding its frames
    /// until cancelled. With <paramref name="hvac"/> (claiming <see cref="SimulatedHvacTemperature"/>), the car also answers
    /// the HVAC temperature targets set in the broker (`edgesdk cockpit`): it takes each between two ticks, after its ECU delay.
    /// </summary>
    public static async Task SimulateAsync(CanVssFeeder feeder, string scenario, CancellationToken cancellationToken, double speedup = 1, VssActuatorForwarder? hvac = null)
    {
        var vehicle = new SimulatedVehicle(Scenario.Load(scenario), seed: 1);
        var hvacRequests = new System.Collections.Concurrent.ConcurrentQueue<double>();
        // The car's HVAC takes 16..30 °C (the VSS actuator has no range): other targets are refused, counted by the forwarder.
        Task taking = hvac == null ? Task.CompletedTask : hvac.RunAsync(
            target => target.Value.AsFloat() is >= 16 and <= 30 && Enqueue(hvacRequests, target.Value.AsFloat()), cancellationToken);
        var emitter = new VehicleCanEmitter(vehicle, SimulatedCar.LoadDbc(), SimulatedCar.LoadMapping(), SimulatedChannel);
        var bus = new VirtualCanBus();
        using VirtualCanBusSubscription subscription = bus.Subscribe();
        Task feeding = feeder.RunAsync(subscription, cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double simulatedSeconds = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Frames carry the wall-clock time they go out, so subscribers see live timestamps.
                while (hvacRequests.TryDequeue(out double celsius))
                {
                    vehicle.RequestHvacTemperature(celsius); // the stepping thread is the car's only writer
                }

                emitter.Run(0.1, frame =>
                {
                    frame.TimestampMicroseconds = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
                    bus.Send(frame);
                });
                simulatedSeconds += 0.1;
                TimeSpan ahead = TimeSpan.FromSeconds(simulatedSeconds / speedup) - clock.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, cancellationToken);
                }
            }
        }
        finally
        {
            bus.Complete();
            try
            {
                await feeding;
                await taking;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            Console.Error.WriteLine($"edgesdk databroker: simulated CAN: {Summary(feeder)}, {subscription.DroppedFrames} dropped by the bus queue");
        }
    }

    private static bool Enqueue(System.Collections.Concurrent.ConcurrentQueue<double> requests, double celsius)
    {
        requests.Enqueue(celsius);
        return true;
    }

    /// <summary>The actuator the simulated car answers (see <see cref="SimulateAsync"/>).</summary>
    public const string SimulatedHvacTemperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";

    private static string Summary(CanVssFeeder feeder) =>
        $"{feeder.Frames} frame(s), {feeder.Published} value(s) published, {feeder.UnmappedFrames} unmapped frame(s), {feeder.BadFrames} bad frame(s), " +
        $"{feeder.UnmappedValues} value(s) outside the value map, {feeder.Rejected} refused by the broker";
}
