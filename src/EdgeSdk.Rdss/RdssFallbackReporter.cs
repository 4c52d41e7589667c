using EdgeSdk.Nmea;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Rdss;

/// <summary>
/// The tracker's satellite fallback. It watches a <see cref="TelemetryPublisher"/>: once its MQTT link has been
/// down longer than <see cref="RdssFallbackOptions.OutageThreshold"/>, fixes still in its durable queue go to the
/// command centre as identified compact reports (<see cref="RdssPositionReports.EncodeIdentified"/>: each fix with
/// its sequence number) over an <see cref="RdssTerminal"/>, one report per card service interval: the next report
/// is picked when the interval is over, so it holds the newest fixes of that moment and is not sent at all when
/// the link is back by then. The queue is only read: every fix still goes over MQTT when the link returns, and the platform's
/// <see cref="TelemetryConsumer"/> (fed by an <see cref="RdssReportForwarder"/>) keeps each fix once and reports
/// the MQTT copy of a satellite fix as an upgrade.
/// </summary>
/// <example>
/// <code>
/// await using var fallback = new RdssFallbackReporter(publisher, terminal, centreUserId: 4207733,
///     new RdssFallbackOptions { OutageThreshold = TimeSpan.FromMinutes(2) });
/// // ... publisher.TryEnqueue(fix) as usual; during a long outage reports leave by satellite.
/// Console.WriteLine($"{fallback.FixesSent} fixes in {fallback.ReportsSent} reports by satellite");
/// </code>
/// </example>
public sealed class RdssFallbackReporter : IAsyncDisposable
{
    /// <summary>Sequence numbers remembered as sent by satellite (the newest ones); older marks are dropped and counted.</summary>
    public const int MaxMarks = 100_000;

    private const int PageSize = 256;
    private readonly TelemetryPublisher _publisher;
    private readonly RdssTerminal _terminal;
    private readonly int _centre;
    private readonly RdssFallbackOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _sent = [];               // sequences sent by satellite, bounded by MaxMarks
    private readonly SortedSet<DateTime> _sentTimes = [];      // their fix times, for the one-per-N policy
    private readonly long[] _failures = new long[Enum.GetValues<RdssSendStatus>().Length];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _downSince = -1;
    private long _nextPick; // clock timestamp: fixes are picked only when the card can send, so a report is never stale
    private long _reportsSent, _fixesSent, _marksDropped;
    private volatile bool _sending;
    private long _wakeAt = -1; // clock timestamp the loop waits until (long.MaxValue: until the link changes); -1 while working
    private TaskCompletionSource _linkChanged = NewSignal();

    /// <summary>Starts watching <paramref name="publisher"/>; reports go to <paramref name="centreUserId"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The centre is not a user ID (1–9,999,999).</exception>
    public RdssFallbackReporter(TelemetryPublisher publisher, RdssTerminal terminal, int centreUserId, RdssFallbackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentOutOfRangeException.ThrowIfLessThan(centreUserId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(centreUserId, 9_999_999);
        _publisher = publisher;
        _terminal = terminal;
        _centre = centreUserId;
        _options = options ?? new RdssFallbackOptions();
        _time = _options.TimeProvider;
        // The publisher says when its link goes and comes (BrokerDown, Connected); before the first word, its state now.
        _publisher.EventRaised += OnPublisherEvent;
        if (!_publisher.Counters.Connected)
        {
            Interlocked.CompareExchange(ref _downSince, _time.GetTimestamp(), -1);
        }

        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Reports the terminal confirmed sent.</summary>
    public long ReportsSent => Interlocked.Read(ref _reportsSent);

    /// <summary>Fixes in those reports.</summary>
    public long FixesSent => Interlocked.Read(ref _fixesSent);

    /// <summary>Reports not sent, all reasons (their fixes stay candidates for the next report).</summary>
    public long ReportsFailed
    {
        get
        {
            lock (_gate)
            {
                return _failures.Sum();
            }
        }
    }

    /// <summary>Marks of old satellite sends dropped to keep memory bounded (<see cref="MaxMarks"/>).</summary>
    public long MarksDropped => Interlocked.Read(ref _marksDropped);

    /// <summary>The last report that was not sent, or null.</summary>
    public RdssSendResult? LastFailure { get; private set; }

    /// <summary>True while the link has been down longer than the threshold.</summary>
    public bool IsActive
    {
        get
        {
            long since = Interlocked.Read(ref _downSince);
            return since >= 0 && _time.GetElapsedTime(since) >= _options.OutageThreshold;
        }
    }

    /// <summary>Reports not sent for <paramref name="status"/> (<see cref="RdssSendStatus.TooLong"/> also counts a card whose limit holds not even one fix).</summary>
    public long GetFailures(RdssSendStatus status)
    {
        lock (_gate)
        {
            int i = (int)status;
            return i >= 0 && i < _failures.Length ? _failures[i] : 0;
        }
    }

    /// <summary>True when the fix with this sequence number went to the command centre by satellite (the newest <see cref="MaxMarks"/> are remembered).</summary>
    public bool WasSentBySatellite(long sequence)
    {
        lock (_gate)
        {
            return _sent.Contains(sequence);
        }
    }

    // For tests driving a simulated clock: a report is with the terminal.
    internal bool Sending => _sending;

    // For tests driving a simulated clock: the loop is waiting, until this clock timestamp (long.MaxValue: until the link changes).
    internal long WakeTimestamp => Interlocked.Read(ref _wakeAt);

    // For tests: the link is known to be down (since this clock timestamp), or -1.
    internal long DownSinceTimestamp => Interlocked.Read(ref _downSince);

    /// <summary>Stops the reporter (a report being sent is abandoned; its fixes were never removed from the queue).</summary>
    public async ValueTask DisposeAsync()
    {
        _publisher.EventRaised -= OnPublisherEvent;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Nothing to do while the link is up or the outage is younger than the threshold: sleep until the
                // publisher says the link changed or the threshold passes. Active, a report goes when the card may send;
                // with nothing to send (queue empty, or the send failed) it looks again after PollInterval.
                TaskCompletionSource changed = Volatile.Read(ref _linkChanged);
                long since = Interlocked.Read(ref _downSince), now = _time.GetTimestamp();
                long wakeAt;
                if (since < 0)
                {
                    wakeAt = long.MaxValue;
                }
                else if (!IsActive)
                {
                    wakeAt = since + (long)(_options.OutageThreshold.TotalSeconds * _time.TimestampFrequency);
                }
                else if (now < _nextPick)
                {
                    wakeAt = _nextPick;
                }
                else if (await SendOneAsync(ct).ConfigureAwait(false))
                {
                    continue;
                }
                else
                {
                    wakeAt = now + (long)(_options.PollInterval.TotalSeconds * _time.TimestampFrequency);
                }

                await WaitAsync(changed.Task, wakeAt, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (RdssTerminalException ex)
        {
            // The terminal is gone; the MQTT path still has every fix.
            Fail(new RdssSendResult(RdssSendStatus.Closed, 0, -1, ex.Message));
        }
    }

    private void OnPublisherEvent(object? sender, TelemetryEvent e)
    {
        if (e.Kind == TelemetryEventKind.Connected)
        {
            Interlocked.Exchange(ref _downSince, -1);
        }
        else if (e.Kind == TelemetryEventKind.BrokerDown)
        {
            Interlocked.CompareExchange(ref _downSince, _time.GetTimestamp(), -1);
        }
        else
        {
            return;
        }

        Interlocked.Exchange(ref _linkChanged, NewSignal()).TrySetResult();
    }

    // Waits until the clock reaches wakeAt (on the options' TimeProvider, so a simulated clock drives it) or the link changes.
    private async Task WaitAsync(Task linkChanged, long wakeAt, CancellationToken ct)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task timer = wakeAt == long.MaxValue ? Task.Delay(Timeout.Infinite, woken.Token)
            : Task.Delay(TimeSpan.FromSeconds(Math.Max(0, wakeAt - _time.GetTimestamp()) / (double)_time.TimestampFrequency), _time, woken.Token);
        Interlocked.Exchange(ref _wakeAt, wakeAt);
        try
        {
            await Task.WhenAny(timer, linkChanged).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _wakeAt, -1);
            await woken.CancelAsync().ConfigureAwait(false);
        }

        ct.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<bool> SendOneAsync(CancellationToken ct)
    {
        List<SequencedFix> picked = Pick();
        if (picked.Count == 0)
        {
            return false;
        }

        RdssCardInfo card = _terminal.Card ?? await _terminal.GetCardInfoAsync(ct).ConfigureAwait(false);
        int maxBytes = Math.Min(_options.MaxReportBytes, card.MaxMessageBits / 8);
        uint tag = unchecked((uint)_publisher.Counters.QueueInstanceId);
        byte[] report = RdssPositionReports.EncodeIdentified(picked, tag, maxBytes, out int packed);
        if (report.Length == 0)
        {
            Fail(new RdssSendResult(RdssSendStatus.TooLong, 0, -1, $"the card's limit ({card.MaxMessageBits} bits) or MaxReportBytes ({_options.MaxReportBytes}) holds not even one fix"));
            return false;
        }

        RdssSendResult result;
        _sending = true;
        try
        {
            result = await _terminal.SendAsync(_centre, report, RdssPayloadEncoding.Code, ct).ConfigureAwait(false);
        }
        finally
        {
            _sending = false;
        }

        if (!result.IsSent)
        {
            Fail(result);
            return false;
        }

        lock (_gate)
        {
            for (int i = 0; i < packed; i++)
            {
                _sent.Add(picked[i].Sequence);
                _sentTimes.Add(picked[i].Fix.TimeUtc!.Value);
            }

            while (_sent.Count > MaxMarks)
            {
                _sent.Remove(_sent.Min);
                _marksDropped++;
            }

            while (_sentTimes.Count > MaxMarks)
            {
                _sentTimes.Remove(_sentTimes.Min);
            }
        }

        // The next report is picked when the card's interval is over: with the newest fixes of that moment, and
        // not at all if the link came back meanwhile (a report queued in the terminal would go anyway).
        _nextPick = _time.GetTimestamp() + (long)(card.ServiceInterval.TotalSeconds * _time.TimestampFrequency);
        Interlocked.Increment(ref _reportsSent);
        Interlocked.Add(ref _fixesSent, packed);
        return true;
    }

    private void Fail(RdssSendResult result)
    {
        lock (_gate)
        {
            _failures[(int)result.Status]++;
            LastFailure = result;
        }
    }

    // The newest queued fixes not sent by satellite yet (and, with a spacing, none within it of a sent or picked one), newest first.
    private List<SequencedFix> Pick()
    {
        var picked = new List<SequencedFix>();
        TimeSpan spacing = _options.MinimumFixSpacing;
        long below = long.MaxValue;
        int scanned = 0;
        while (picked.Count < RdssPositionCodec.MaxFixes && scanned < _options.MaxFixesScanned)
        {
            IReadOnlyList<SequencedFix> page = _publisher.PeekNewestQueuedFixes(Math.Min(PageSize, _options.MaxFixesScanned - scanned), below);
            if (page.Count == 0)
            {
                break;
            }

            scanned += page.Count;
            below = page[^1].Sequence;
            lock (_gate)
            {
                foreach (SequencedFix f in page)
                {
                    if (!f.Fix.HasPosition || f.Fix.TimeUtc is not { } t || _sent.Contains(f.Sequence))
                    {
                        continue;
                    }

                    if (spacing > TimeSpan.Zero && (Near(_sentTimes, t, spacing) || picked.Any(p => (p.Fix.TimeUtc!.Value - t).Duration() < spacing)))
                    {
                        continue;
                    }

                    picked.Add(f);
                    if (picked.Count == RdssPositionCodec.MaxFixes)
                    {
                        break;
                    }
                }
            }
        }

        return picked;
    }

    private static bool Near(SortedSet<DateTime> times, DateTime t, TimeSpan spacing)
    {
        if (times.Count == 0)
        {
            return false;
        }

        DateTime low = t - spacing + TimeSpan.FromTicks(1), high = t + spacing - TimeSpan.FromTicks(1);
        return low <= high && times.GetViewBetween(low, high).Count > 0;
    }
}
