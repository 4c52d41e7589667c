using EdgeSdk.Can;

namespace EdgeSdk.Simulation.Vehicle;

/// <summary>
/// Puts a <see cref="SimulatedVehicle"/> on a CAN bus: steps it in 10 ms ticks of simulated time and, for every
/// message of the mapping, encodes the mapped quantities with the DBC at the message's interval (rounded up to the
/// tick). Unmapped signals of a message carry raw 0. The frames go to any sink: a <see cref="VirtualCanBus"/>, a
/// candump file. Same scenario, seed and mapping → the same frames, byte for byte.
/// </summary>
public sealed class VehicleCanEmitter
{
    /// <summary>Simulation step, milliseconds.</summary>
    public const int TickMilliseconds = 10;

    private readonly SimulatedVehicle _vehicle;
    private readonly MessageSchedule[] _schedule;
    private readonly CanEncoder _encoder = new(64);
    private readonly string _channel;
    private readonly long _startMicros;
    private long _elapsedMs;

    /// <summary>Creates an emitter; checks the mapping against the DBC first.</summary>
    /// <param name="vehicle">The vehicle to read.</param>
    /// <param name="database">The DBC to encode with.</param>
    /// <param name="mapping">Which quantity goes into which signal.</param>
    /// <param name="channel">Interface name written with each frame, e.g. <c>vcan0</c>.</param>
    /// <exception cref="InvalidDataException">The mapping names an unknown quantity, message or signal.</exception>
    public VehicleCanEmitter(SimulatedVehicle vehicle, DbcDatabase database, CanVssMapping mapping, string channel = "vcan0")
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(mapping);
        mapping.Validate(database, "mapping", SimulatedVehicleSignals.Check);
        _vehicle = vehicle;
        _channel = channel;
        _startMicros = (vehicle.TimeUtc - DateTime.UnixEpoch).Ticks / 10;
        var schedule = new List<MessageSchedule>();
        foreach (CanVssMappingEntry e in mapping.Signals)
        {
            CanMessage message = database.FindMessage(e.Message)!;
            MessageSchedule? s = schedule.Find(x => x.Message == message);
            if (s == null)
            {
                s = new MessageSchedule(message);
                schedule.Add(s);
            }

            SimulatedVehicleSignals.TryGetReader(e.Vss, out Func<SimulatedVehicle, double> read);
            s.Entries.Add((message.IndexOf(e.Signal), read, e.Transform, e.Scale));
            s.IntervalMs = Math.Min(s.IntervalMs, e.IntervalMs);
        }

        _schedule = [.. schedule];
    }

    /// <summary>Frames emitted so far.</summary>
    public long FramesEmitted { get; private set; }

    /// <summary>Frames in which a value did not fit its signal (that signal was sent as raw 0).</summary>
    public long OutOfRangeFrames => _encoder.OutOfRangeFrames;

    /// <summary>Runs the vehicle for <paramref name="seconds"/> of simulated time, handing each frame to <paramref name="sink"/>.</summary>
    /// <param name="seconds">Simulated duration.</param>
    /// <param name="sink">Receives the frames in time order; each frame owns its data array.</param>
    /// <returns>Frames emitted by this call.</returns>
    public long Run(double seconds, Action<CanFrame> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        long before = FramesEmitted;
        long endMs = _elapsedMs + (long)Math.Round(seconds * 1000);
        while (_elapsedMs < endMs)
        {
            EmitDue(sink);
            _vehicle.Step(TickMilliseconds / 1000.0);
            _elapsedMs += TickMilliseconds;
        }

        return FramesEmitted - before;
    }

    private void EmitDue(Action<CanFrame> sink)
    {
        foreach (MessageSchedule s in _schedule)
        {
            if (_elapsedMs < s.NextDueMs)
            {
                continue;
            }

            s.NextDueMs += ((_elapsedMs - s.NextDueMs) / s.IntervalMs + 1) * s.IntervalMs;
            foreach ((int index, Func<SimulatedVehicle, double> read, string transform, double scale) in s.Entries)
            {
                double value = read(_vehicle) * scale;
                s.Values[index] = transform switch
                {
                    "abs" => Math.Abs(value),
                    "negative" => value < 0 ? 1 : 0,
                    _ => value,
                };
            }

            byte[] data = new byte[s.Message.LengthBytes];
            _encoder.TryEncode(s.Message, s.Values, data, 0);
            sink(new CanFrame(_startMicros + (_elapsedMs * 1000), s.Message.Id, s.Message.IsExtended, s.Message.LengthBytes > 8, data, _channel));
            FramesEmitted++;
        }
    }

    private sealed class MessageSchedule
    {
        public MessageSchedule(CanMessage message)
        {
            Message = message;
            Values = new double[message.Signals.Length];
            for (int i = 0; i < Values.Length; i++)
            {
                Values[i] = message.Signals[i].Offset; // raw 0 for signals nobody maps
            }
        }

        public CanMessage Message { get; }

        public double[] Values { get; }

        public List<(int Index, Func<SimulatedVehicle, double> Read, string Transform, double Scale)> Entries { get; } = [];

        public int IntervalMs { get; set; } = int.MaxValue;

        public long NextDueMs { get; set; }
    }
}
