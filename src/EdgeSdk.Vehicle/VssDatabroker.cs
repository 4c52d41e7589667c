using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Vehicle;

/// <summary>
/// The in-process databroker: current values and actuator targets of every signal of a <see cref="VssTree"/>,
/// validated on write, fanned out to subscribers (bounded queues, oldest dropped and counted, providers never
/// wait), actuators owned by <see cref="VssProvider"/>s that receive their targets. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var broker = new VssDatabroker(VssTree.LoadDefault());
/// broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(42.5f));      // VssError.None
/// broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromDouble(42.5));      // VssError.WrongType, nothing stored
/// await foreach (VssUpdate u in broker.SubscribeAsync(["Vehicle.Speed"], cancellationToken: ct))
///     Console.WriteLine($"{u.Signal.Path} = {u.Value} at {u.TimestampUtc:O}");
/// </code>
/// </example>
public sealed class VssDatabroker : IDisposable
{
    /// <summary>Largest per-subscriber queue accepted (KUKSA's MAX_BUFFER_SIZE).</summary>
    public const int MaxSubscriptionCapacity = 1000;

    private readonly SignalState[] _states;
    private readonly object _actuationGate = new();
    private readonly ILogger? _logger;
    private readonly List<VssProvider> _providers = [];
    private int _disposed;

    /// <summary>Creates a broker over <paramref name="tree"/>; signals start without values (attributes with a tree default start with it).</summary>
    public VssDatabroker(VssTree tree, ILogger<VssDatabroker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        Tree = tree;
        _logger = logger;
        _states = new SignalState[tree.Signals.Count];
        DateTime start = DateTime.UtcNow;
        for (int i = 0; i < _states.Length; i++)
        {
            VssSignal signal = tree.Signals[i];
            _states[i] = new SignalState(signal);
            if (signal.EntryType == VssEntryType.Attribute && !signal.Default.IsNone && signal.Validate(signal.Default) == VssError.None)
            {
                _states[i].Current = signal.Default;
                _states[i].CurrentTimestamp = start;
            }
        }
    }

    /// <summary>The signals served.</summary>
    public VssTree Tree { get; }

    /// <summary>What the broker has done.</summary>
    public VssDatabrokerCounters Counters => CountersField;

    internal VssDatabrokerCounters CountersField { get; } = new();

    /// <summary>Sets a signal's current value, timestamped now. See <see cref="TrySetCurrentValue(VssSignal, in VssValue, DateTime)"/>.</summary>
    public VssError TrySetCurrentValue(string path, in VssValue value)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Tree.TryGetSignal(path, out VssSignal? signal))
        {
            Interlocked.Increment(ref CountersField._rejected);
            return VssError.UnknownSignal;
        }

        return TrySetCurrentValue(signal, value, DateTime.UtcNow);
    }

    /// <summary>
    /// Sets a signal's current value (any signal kind: a sensor's measurement, an actuator's actual state, an
    /// attribute) and queues it to the signal's subscribers. Validated first; on error nothing is stored.
    /// Allocates nothing for numbers and booleans; never waits for a subscriber.
    /// </summary>
    public VssError TrySetCurrentValue(VssSignal signal, in VssValue value, DateTime timestampUtc)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!TryState(signal, out SignalState? state))
        {
            Interlocked.Increment(ref CountersField._rejected);
            return VssError.UnknownSignal;
        }

        VssError error = signal.Validate(value);
        if (error != VssError.None)
        {
            Interlocked.Increment(ref CountersField._rejected);
            return error;
        }

        var update = new VssUpdate(signal, value, timestampUtc);
        lock (state)
        {
            state.Current = value;
            state.CurrentTimestamp = timestampUtc;
            VssSubscription[] subscribers = state.Subscribers;
            for (int i = 0; i < subscribers.Length; i++)
            {
                subscribers[i].Enqueue(update);
            }

            Interlocked.Add(ref CountersField._delivered, subscribers.Length);
        }

        Interlocked.Increment(ref CountersField._updates);
        return VssError.None;
    }

    /// <summary>The current value of a signal (<see cref="VssDatapoint.IsNone"/> when it has none yet).</summary>
    public VssDatapoint GetCurrentValue(VssSignal signal)
    {
        SignalState state = State(signal);
        lock (state)
        {
            return new VssDatapoint(state.Current, state.CurrentTimestamp);
        }
    }

    /// <summary>The current value of a signal by path; <see cref="VssError.UnknownSignal"/> when there is no such signal.</summary>
    public VssError TryGetCurrentValue(string path, out VssDatapoint datapoint)
    {
        datapoint = default;
        if (!Tree.TryGetSignal(path, out VssSignal? signal))
        {
            return VssError.UnknownSignal;
        }

        datapoint = GetCurrentValue(signal);
        return VssError.None;
    }

    /// <summary>The last target requested for an actuator (none when never actuated).</summary>
    public VssDatapoint GetTargetValue(VssSignal signal)
    {
        SignalState state = State(signal);
        lock (state)
        {
            return new VssDatapoint(state.Target, state.TargetTimestamp);
        }
    }

    /// <summary>Name of the provider that claimed <paramref name="signal"/> as a signal, or null.</summary>
    public string? SignalProviderOf(VssSignal signal) => State(signal).SignalProvider?.Name;

    /// <summary>Name of the provider that claimed <paramref name="signal"/> as an actuator, or null.</summary>
    public string? ActuatorProviderOf(VssSignal signal) => State(signal).ActuatorProvider?.Name;

    /// <summary>Requests a new target for one actuator. See <see cref="TryActuate(IReadOnlyList{VssUpdate}, out int)"/>.</summary>
    public VssError TryActuate(string path, in VssValue value)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Tree.TryGetSignal(path, out VssSignal? signal))
        {
            Interlocked.Increment(ref CountersField._rejected);
            return VssError.UnknownSignal;
        }

        return TryActuate([new VssUpdate(signal, value, DateTime.UtcNow)], out _);
    }

    /// <summary>
    /// Requests new targets for actuators, all or none: every target is checked (an actuator, valid value,
    /// a provider with room) before any is stored or forwarded. Each provider receives its targets as one
    /// batch. On error, <paramref name="failedIndex"/> is the index of the refused target.
    /// </summary>
    public VssError TryActuate(IReadOnlyList<VssUpdate> targets, out int failedIndex)
    {
        ArgumentNullException.ThrowIfNull(targets);
        failedIndex = -1;
        if (targets.Count == 0)
        {
            return VssError.InvalidRequest;
        }

        lock (_actuationGate)
        {
            var providers = new VssProvider[targets.Count];
            for (int i = 0; i < targets.Count; i++)
            {
                VssSignal signal = targets[i].Signal;
                VssError error = !TryState(signal, out SignalState? state) ? VssError.UnknownSignal
                    : signal.EntryType != VssEntryType.Actuator ? VssError.NotActuator
                    : signal.Validate(targets[i].Value) is var invalid && invalid != VssError.None ? invalid
                    : state.ActuatorProvider is not { } provider ? VssError.NoProvider
                    : !provider.HasRoom ? VssError.ProviderOverloaded
                    : VssError.None;
                if (error != VssError.None)
                {
                    failedIndex = i;
                    Interlocked.Increment(ref CountersField._rejected);
                    return error;
                }

                providers[i] = state!.ActuatorProvider!;
            }

            foreach (VssUpdate target in targets)
            {
                SignalState state = State(target.Signal);
                lock (state)
                {
                    state.Target = target.Value;
                    state.TargetTimestamp = target.TimestampUtc;
                }
            }

            foreach (VssProvider provider in providers.Distinct())
            {
                provider.Deliver([.. targets.Where((_, i) => providers[i] == provider)]);
            }

            Interlocked.Add(ref CountersField._actuations, targets.Count);
            return VssError.None;
        }
    }

    /// <summary>
    /// Subscribes to signals: the subscription first holds each signal's current value (none included, as
    /// KUKSA does), then every new value. <paramref name="capacity"/> (1..<see cref="MaxSubscriptionCapacity"/>)
    /// unread updates are kept; beyond that the oldest is dropped and counted.
    /// </summary>
    public VssError TrySubscribe(IReadOnlyList<VssSignal> signals, int capacity, out VssSubscription? subscription)
    {
        ArgumentNullException.ThrowIfNull(signals);
        subscription = null;
        if (signals.Count == 0 || capacity < 1 || capacity > MaxSubscriptionCapacity)
        {
            return VssError.InvalidRequest;
        }

        foreach (VssSignal signal in signals)
        {
            if (!TryState(signal, out _))
            {
                return VssError.UnknownSignal;
            }
        }

        VssSignal[] distinct = [.. signals.Distinct()];
        var created = new VssSubscription(this, distinct, Math.Max(capacity, 1));
        foreach (VssSignal signal in distinct)
        {
            SignalState state = State(signal);
            lock (state)
            {
                // Under the signal's lock, so no update slips between the initial value and the registration.
                created.Enqueue(new VssUpdate(signal, state.Current, state.CurrentTimestamp));
                state.Subscribers = [.. state.Subscribers, created];
            }
        }

        subscription = created;
        return VssError.None;
    }

    /// <summary>
    /// Subscribes by path and reads updates until <paramref name="cancellationToken"/> is cancelled; the
    /// subscription ends when the enumeration does.
    /// </summary>
    /// <exception cref="ArgumentException">A path is not a signal of the tree, or <paramref name="capacity"/> is out of range.</exception>
    public IAsyncEnumerable<VssUpdate> SubscribeAsync(IEnumerable<string> paths, int capacity = 64, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var signals = new List<VssSignal>();
        foreach (string path in paths)
        {
            signals.Add(Tree.TryGetSignal(path, out VssSignal? signal) ? signal : throw new ArgumentException($"{path} is not a signal of the VSS tree", nameof(paths)));
        }

        VssError error = TrySubscribe(signals, capacity, out VssSubscription? subscription);
        if (error != VssError.None)
        {
            throw new ArgumentException($"cannot subscribe: {error} (capacity must be 1..{MaxSubscriptionCapacity}, at least one signal)", nameof(capacity));
        }

        return ReadAndDispose(subscription!, cancellationToken);
    }

    /// <summary>Creates a provider (see <see cref="VssProvider"/>); <paramref name="targetCapacity"/> unread actuation batches are kept.</summary>
    public VssProvider CreateProvider(string name, int targetCapacity = 256)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCapacity, 1);
        var provider = new VssProvider(this, name, targetCapacity);
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    /// <summary>Ends every subscription and provider.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        VssProvider[] providers;
        lock (_providers)
        {
            providers = [.. _providers];
        }

        foreach (VssProvider provider in providers)
        {
            provider.Dispose();
        }

        foreach (SignalState state in _states)
        {
            VssSubscription[] subscribers;
            lock (state)
            {
                subscribers = state.Subscribers;
            }

            foreach (VssSubscription subscriber in subscribers)
            {
                subscriber.Complete();
            }
        }
    }

    internal VssError Claim(VssProvider provider, IReadOnlyList<VssSignal> signals, bool actuators, out string? failed)
    {
        failed = null;
        lock (_actuationGate)
        {
            foreach (VssSignal signal in signals)
            {
                VssError error = !TryState(signal, out SignalState? state) ? VssError.UnknownSignal
                    : actuators && signal.EntryType != VssEntryType.Actuator ? VssError.NotActuator
                    : (actuators ? state.ActuatorProvider : state.SignalProvider) is { } owner && owner != provider ? VssError.AlreadyProvided
                    : VssError.None;
                if (error != VssError.None)
                {
                    failed = signal.Path;
                    return error;
                }
            }

            foreach (VssSignal signal in signals)
            {
                SignalState state = State(signal);
                if (actuators)
                {
                    state.ActuatorProvider = provider;
                }
                else
                {
                    state.SignalProvider = provider;
                }
            }
        }

        if (_logger != null)
        {
            VehicleLog.Claimed(_logger, provider.Name, signals.Count, actuators ? "actuators" : "signals");
        }
        return VssError.None;
    }

    internal void Release(VssProvider provider)
    {
        lock (_actuationGate)
        {
            foreach (SignalState state in _states)
            {
                if (state.ActuatorProvider == provider)
                {
                    state.ActuatorProvider = null;
                }

                if (state.SignalProvider == provider)
                {
                    state.SignalProvider = null;
                }
            }
        }

        lock (_providers)
        {
            _providers.Remove(provider);
        }
    }

    internal void Unsubscribe(VssSubscription subscription)
    {
        foreach (VssSignal signal in subscription.Signals)
        {
            SignalState state = State(signal);
            lock (state)
            {
                state.Subscribers = [.. state.Subscribers.Where(s => s != subscription)];
            }
        }
    }

    private static async IAsyncEnumerable<VssUpdate> ReadAndDispose(VssSubscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (subscription)
        {
            await foreach (VssUpdate update in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
    }

    // A signal from another tree with the same ID must not write into this one.
    private bool TryState(VssSignal signal, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SignalState? state)
    {
        int index = signal.Id - 1;
        state = index >= 0 && index < _states.Length && ReferenceEquals(_states[index].Signal, signal) ? _states[index] : null;
        return state != null;
    }

    private SignalState State(VssSignal signal) => TryState(signal ?? throw new ArgumentNullException(nameof(signal)), out SignalState? state)
        ? state
        : throw new ArgumentException($"{signal.Path} is not a signal of this broker's tree", nameof(signal));

    /// <summary>One signal's values, subscribers and owners; its own lock.</summary>
    private sealed class SignalState(VssSignal signal)
    {
        public VssSignal Signal { get; } = signal;

        public VssValue Current;
        public DateTime CurrentTimestamp;
        public VssValue Target;
        public DateTime TargetTimestamp;
        public VssSubscription[] Subscribers = [];
        public VssProvider? ActuatorProvider;
        public VssProvider? SignalProvider;
    }
}
