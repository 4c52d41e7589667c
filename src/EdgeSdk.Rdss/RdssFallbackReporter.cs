using EdgeSdk.Gnss;

namespace EdgeSdk.Rdss;

/// <summary>
/// The tracker's satellite fallback: while the MQTT link has been down longer than
/// <see cref="RdssFallbackOptions.OutageThreshold"/>, the newest fixes not yet sent by satellite go to the
/// command centre as compact position reports over an <see cref="RdssTerminal"/>, as fast as the card's
/// service interval allows (the terminal queues and paces them). Fixes sent that way are remembered
/// (<see cref="WasSentBySatellite"/>); the full-resolution fixes still go over MQTT when the link returns, and
/// the consumer drops the copies with a <see cref="FixDeduplicator"/>.
/// </summary>
/// <example>
/// <code>
/// await using var fallback = new RdssFallbackReporter(terminal, centreUserId: 4207733, new RdssFallbackOptions());
/// connection.StateChanged += (_, up) => fallback.SetLinkUp(up);   // from the MQTT connection
/// receiver.FixReceived += (_, fix) => fallback.Add(fix);          // every fix the tracker publishes
/// </code>
/// </example>
public sealed class RdssFallbackReporter : IAsyncDisposable
{
    private readonly RdssTerminal _terminal;
    private readonly int _centre;
    private readonly RdssFallbackOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LinkedList<GnssFix> _buffer = new(); // newest first, unsent only
    private readonly SortedSet<DateTime> _sentBySatellite = []; // bounded: the newest 4 × BufferCapacity marks
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _downSince = -1;
    private long _reportsSent, _fixesSent, _reportsFailed, _bufferDropped;

    /// <summary>Starts the reporter; the link counts as up until <see cref="SetLinkUp"/> says otherwise.</summary>
    public RdssFallbackReporter(RdssTerminal terminal, int centreUserId, RdssFallbackOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        _terminal = terminal;
        _centre = centreUserId;
        _options = options ?? new RdssFallbackOptions();
        _time = _options.TimeProvider;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Reports the terminal confirmed sent.</summary>
    public long ReportsSent => Interlocked.Read(ref _reportsSent);

    /// <summary>Fixes in those reports.</summary>
    public long FixesSent => Interlocked.Read(ref _fixesSent);

    /// <summary>Reports the terminal refused or never confirmed (their fixes stay in the buffer for the next report).</summary>
    public long ReportsFailed => Interlocked.Read(ref _reportsFailed);

    /// <summary>Fixes dropped from the full buffer (oldest first) before any report took them.</summary>
    public long BufferDropped => Interlocked.Read(ref _bufferDropped);

    /// <summary>True while the link has been down longer than the threshold.</summary>
    public bool IsActive
    {
        get
        {
            long since = Interlocked.Read(ref _downSince);
            return since >= 0 && _time.GetElapsedTime(since) >= _options.OutageThreshold;
        }
    }

    /// <summary>Tells the reporter whether the MQTT link is up.</summary>
    public void SetLinkUp(bool up)
    {
        if (up)
        {
            Interlocked.Exchange(ref _downSince, -1);
        }
        else
        {
            Interlocked.CompareExchange(ref _downSince, _time.GetTimestamp(), -1);
        }
    }

    /// <summary>Offers a fix (one with a position and a time; others are ignored).</summary>
    public void Add(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (!fix.HasPosition || !fix.TimeUtc.HasValue)
        {
            return;
        }

        lock (_gate)
        {
            _buffer.AddFirst(fix);
            while (_buffer.Count > Math.Max(1, _options.BufferCapacity))
            {
                _buffer.RemoveLast();
                _bufferDropped++;
            }
        }
    }

    /// <summary>True when the fix of <paramref name="timeUtc"/> went to the command centre by satellite (the newest 4 × <see cref="RdssFallbackOptions.BufferCapacity"/> such fixes are remembered).</summary>
    public bool WasSentBySatellite(DateTime timeUtc)
    {
        lock (_gate)
        {
            return _sentBySatellite.Contains(timeUtc);
        }
    }

    /// <summary>Stops the reporter (a report being sent is abandoned, its fixes stay unsent).</summary>
    public async ValueTask DisposeAsync()
    {
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
                if (!IsActive || !await SendOneAsync(ct).ConfigureAwait(false))
                {
                    await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (RdssTerminalException)
        {
            // The terminal is gone; the MQTT path still has every fix.
        }
    }

    private async Task<bool> SendOneAsync(CancellationToken ct)
    {
        List<GnssFix> picked = Pick();
        if (picked.Count == 0)
        {
            return false;
        }

        RdssCardInfo card = _terminal.Card ?? await _terminal.GetCardInfoAsync(ct).ConfigureAwait(false);
        int maxBytes = Math.Min(_options.MaxReportBytes, card.MaxMessageBits / 8);
        byte[] report = RdssPositionReports.Encode(picked, maxBytes, out int packed);
        if (report.Length == 0)
        {
            return false;
        }

        RdssSendResult result = await _terminal.SendAsync(_centre, report, EdgeSdk.Nmea.RdssPayloadEncoding.Code, ct).ConfigureAwait(false);
        if (!result.IsSent)
        {
            Interlocked.Increment(ref _reportsFailed);
            return false;
        }

        lock (_gate)
        {
            for (int i = 0; i < packed; i++)
            {
                _sentBySatellite.Add(picked[i].TimeUtc!.Value);
                _buffer.Remove(picked[i]);
            }

            while (_sentBySatellite.Count > 4 * Math.Max(1, _options.BufferCapacity))
            {
                _sentBySatellite.Remove(_sentBySatellite.Min);
            }
        }

        Interlocked.Increment(ref _reportsSent);
        Interlocked.Add(ref _fixesSent, packed);
        return true;
    }

    // The newest unsent fixes, at least MinimumFixSpacing apart, newest first.
    private List<GnssFix> Pick()
    {
        var picked = new List<GnssFix>();
        lock (_gate)
        {
            DateTime? last = null;
            foreach (GnssFix f in _buffer)
            {
                if (last.HasValue && last.Value - f.TimeUtc!.Value < _options.MinimumFixSpacing)
                {
                    continue;
                }

                picked.Add(f);
                last = f.TimeUtc;
                if (picked.Count == Nmea.RdssPositionCodec.MaxFixes)
                {
                    break;
                }
            }
        }

        return picked;
    }
}
