using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace EdgeSdk.Vehicle;

/// <summary>
/// One subscriber's view of a set of signals: a bounded queue of <see cref="VssUpdate"/>s, filled by the
/// broker on the provider's thread without waiting and without allocating. When it is full the oldest
/// update is dropped and counted (<see cref="Dropped"/>): a slow subscriber loses its oldest updates,
/// never blocks a provider. One reader at a time. Dispose to unsubscribe.
/// </summary>
public sealed class VssSubscription : IDisposable
{
    private readonly object _gate = new();
    private readonly VssUpdate[] _ring;
    private readonly VssDatabroker _broker;
    private readonly Waiter _waiter;
    private int _head;
    private int _count;
    private long _dropped;
    private long _received;
    private bool _waiting;
    private bool _completed;
    private int _disposed;

    internal VssSubscription(VssDatabroker broker, VssSignal[] signals, int capacity)
    {
        _broker = broker;
        Signals = signals;
        _ring = new VssUpdate[capacity];
        _waiter = new Waiter(this);
    }

    /// <summary>The subscribed signals.</summary>
    public IReadOnlyList<VssSignal> Signals { get; }

    /// <summary>How many unread updates are kept at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Updates dropped because the queue was full (oldest first).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Updates queued to this subscriber, dropped ones included.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Takes the oldest unread update, if any.</summary>
    public bool TryRead(out VssUpdate update)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                update = default;
                return false;
            }

            update = _ring[_head];
            _ring[_head] = default; // no reference kept to strings and arrays already read
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }

    /// <summary>
    /// Waits until an update can be read (true) or the subscription ended (false). Completes without
    /// allocating when updates are waiting; at most one wait at a time.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            if (_waiting)
            {
                throw new InvalidOperationException("a VssSubscription has one reader; another read is already waiting");
            }

            cancellationToken.ThrowIfCancellationRequested();
            _waiting = true;
            return _waiter.Start(cancellationToken);
        }
    }

    /// <summary>Reads updates as they come until the subscription ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<VssUpdate> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (TryRead(out VssUpdate update))
            {
                yield return update;
            }
        }
    }

    /// <summary>Unsubscribes; a waiting reader sees the end of the subscription after the updates already queued.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _broker.Unsubscribe(this);
            Complete();
        }
    }

    /// <summary>Queues an update; called by the broker under the signal's lock. Never blocks, never allocates.</summary>
    internal void Enqueue(in VssUpdate update)
    {
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (_count == _ring.Length)
            {
                _head = (_head + 1) % _ring.Length;
                _count--;
                _dropped++;
                Interlocked.Increment(ref _broker.CountersField._subscriberDrops);
            }

            _ring[(_head + _count) % _ring.Length] = update;
            _count++;
            _received++;
            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            // The reader's continuation runs on the pool, never on the provider's thread; the waiter is its
            // own work item, so waking allocates nothing.
            _waiter.Schedule(result: true);
        }
    }

    internal void Complete()
    {
        bool wake;
        lock (_gate)
        {
            _completed = true;
            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            _waiter.Schedule(result: false);
        }
    }

    private void Cancel()
    {
        bool wake;
        lock (_gate)
        {
            wake = _waiting;
            _waiting = false;
        }

        if (wake)
        {
            _waiter.ScheduleCancellation();
        }
    }

    /// <summary>The one reusable awaitable of a subscription, completed on the thread pool.</summary>
    private sealed class Waiter(VssSubscription owner) : IValueTaskSource<bool>, IThreadPoolWorkItem
    {
        private ManualResetValueTaskSourceCore<bool> _core;
        private CancellationTokenRegistration _registration;
        private CancellationToken _token;
        private bool _result;
        private bool _cancelled;

        public ValueTask<bool> Start(CancellationToken cancellationToken)
        {
            _core.Reset();
            _cancelled = false;
            _token = cancellationToken;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(static state => ((VssSubscription)state!).Cancel(), owner);
            }

            return new ValueTask<bool>(this, _core.Version);
        }

        public void Schedule(bool result)
        {
            _result = result;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        public void ScheduleCancellation()
        {
            _cancelled = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        public void Execute()
        {
            _registration.Dispose();
            _registration = default;
            if (_cancelled)
            {
                _core.SetException(new OperationCanceledException(_token));
            }
            else
            {
                _core.SetResult(_result);
            }
        }

        public bool GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            => _core.OnCompleted(continuation, state, token, flags);
    }
}
