using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace EdgeSdk.Vehicle;

/// <summary>
/// A source of signal values that owns some signals: it claims actuators (and then receives their targets
/// through <see cref="ReadTargetsAsync"/>) and sensors (and then is their one publisher). A CAN feeder, a
/// simulated vehicle or a gRPC provider stream each get one from <see cref="VssDatabroker.CreateProvider"/>.
/// Disposing releases every claim.
/// </summary>
/// <example>
/// <code>
/// using VssProvider hvac = broker.CreateProvider("hvac");
/// hvac.TryProvideActuators(["Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"]);
/// await foreach (IReadOnlyList&lt;VssUpdate&gt; batch in hvac.ReadTargetsAsync(ct))
///     foreach (VssUpdate target in batch) hvac.TryPublish(target.Signal, target.Value); // applied at once
/// </code>
/// </example>
public sealed class VssProvider : IDisposable
{
    private readonly VssDatabroker _broker;
    private readonly Channel<VssUpdate[]> _targets;
    private readonly HashSet<int> _claimed = [];
    private long _targetsReceived;
    private int _disposed;

    internal VssProvider(VssDatabroker broker, string name, int targetCapacity)
    {
        _broker = broker;
        Name = name;
        TargetCapacity = targetCapacity;
        _targets = Channel.CreateBounded<VssUpdate[]>(new BoundedChannelOptions(targetCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // never reached: the broker checks for room and refuses with ProviderOverloaded
        });
    }

    /// <summary>Name shown in messages (<c>gnss</c>, <c>can0</c>, <c>grpc 127.0.0.1:40112</c>).</summary>
    public string Name { get; }

    /// <summary>Unread actuation batches kept at most; when full, actuations of this provider's signals fail with <see cref="VssError.ProviderOverloaded"/>.</summary>
    public int TargetCapacity { get; }

    /// <summary>Targets received so far.</summary>
    public long TargetsReceived => Interlocked.Read(ref _targetsReceived);

    /// <summary>True once disposed (or the broker dropped the provider).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Claims actuators by path: all or none. <see cref="VssError.NotActuator"/>, <see cref="VssError.UnknownSignal"/> or <see cref="VssError.AlreadyProvided"/> otherwise.</summary>
    public VssError TryProvideActuators(IEnumerable<string> paths) => TryClaim(paths, actuators: true, out _);

    /// <summary>Claims sensors or attributes (or actuators' current values) by path: all or none.</summary>
    public VssError TryProvideSignals(IEnumerable<string> paths) => TryClaim(paths, actuators: false, out _);

    /// <summary>Claims actuators or signals; <paramref name="failed"/> names the first refused one.</summary>
    public VssError TryClaim(IEnumerable<string> paths, bool actuators, out string? failed)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var signals = new List<VssSignal>();
        foreach (string path in paths)
        {
            if (!_broker.Tree.TryGetSignal(path, out VssSignal? signal))
            {
                failed = path;
                return VssError.UnknownSignal;
            }

            signals.Add(signal);
        }

        return TryClaim(signals, actuators, out failed);
    }

    /// <summary>Claims signals already resolved; see <see cref="TryClaim(IEnumerable{string}, bool, out string?)"/>.</summary>
    public VssError TryClaim(IReadOnlyList<VssSignal> signals, bool actuators, out string? failed)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        VssError error = _broker.Claim(this, signals, actuators, out failed);
        if (error == VssError.None)
        {
            lock (_claimed)
            {
                foreach (VssSignal signal in signals)
                {
                    _claimed.Add(signal.Id);
                }
            }
        }

        return error;
    }

    /// <summary>True when this provider claimed <paramref name="signal"/> (as actuator or signal).</summary>
    public bool Owns(VssSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_claimed)
        {
            return _claimed.Contains(signal.Id);
        }
    }

    /// <summary>Publishes the current value of a claimed signal, timestamped now.</summary>
    public VssError TryPublish(VssSignal signal, in VssValue value) => TryPublish(signal, value, DateTime.UtcNow);

    /// <summary>Publishes the current value of a claimed signal; <see cref="VssError.NotProvided"/> for a signal this provider has not claimed.</summary>
    public VssError TryPublish(VssSignal signal, in VssValue value, DateTime timestampUtc)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!Owns(signal))
        {
            Interlocked.Increment(ref _broker.CountersField._rejected);
            return VssError.NotProvided;
        }

        return _broker.TrySetCurrentValue(signal, value, timestampUtc);
    }

    /// <summary>Reads the targets clients actuate on this provider's actuators, one batch per actuation request.</summary>
    public async IAsyncEnumerable<IReadOnlyList<VssUpdate>> ReadTargetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (VssUpdate[] batch in _targets.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return batch;
        }
    }

    /// <summary>Releases every claim and ends <see cref="ReadTargetsAsync"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _broker.Release(this);
            _targets.Writer.TryComplete();
        }
    }

    internal bool HasRoom => _targets.Reader.Count < TargetCapacity;

    internal void Deliver(VssUpdate[] batch)
    {
        if (_targets.Writer.TryWrite(batch))
        {
            Interlocked.Add(ref _targetsReceived, batch.Length);
        }
    }
}
