using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using EdgeSdk.Nmea;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>
/// A GNSS receiver on a source: reads its bytes, frames and checks sentences, fuses each epoch
/// into one <see cref="GnssFix"/>, and keeps counters and a status line for people.
/// </summary>
/// <example>
/// <code>
/// await using var receiver = GnssReceiver.Open("serial:/dev/ttyUSB0?baud=auto");
/// await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken))
///     Console.WriteLine($"{fix.TimeUtc:O} {fix.LatitudeDegrees} {fix.LongitudeDegrees}");
/// </code>
/// </example>
public sealed class GnssReceiver : IAsyncDisposable
{
    private readonly GnssReceiverOptions _options;
    private readonly ILogger? _logger;
    private readonly NmeaParser _parser = new();
    private EpochFusion _fusion = new();
    private readonly Queue<GnssFix> _fixes = new();
    private readonly Queue<string> _sentences = new();
    private readonly byte[] _buffer = new byte[4096];
    private bool _keepSentences;
    private bool _opened;
    private int _reading;
    private long _lastValidTicks;
    private long _lastNavigationTicks;
    private long _windowStartSentences;
    private long _acceptedOther;
    private int _quiet; // what the last quiet-spell status said: 0 nothing, 1 no valid sentences, 2 no navigation sentences
    private GnssStatusKind _statusKind;
    private string _statusText = "not opened";
    private long _paceStartTicks;
    private DateTime _paceStartTime;

    /// <summary>Creates a receiver on <paramref name="source"/>; the receiver owns and disposes it.</summary>
    public GnssReceiver(GnssSource source, GnssReceiverOptions? options = null, ILogger<GnssReceiver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        _options = options ?? new GnssReceiverOptions();
        _fusion.EarlyCloseAfter = _options.EarlyEpochCloseAfter;
        _parser.Reader.ChecksumPolicy = _options.RequireChecksum ? NmeaChecksumPolicy.Required : NmeaChecksumPolicy.CheckedWhenPresent;
        _logger = logger;
        source.Logger ??= logger;
        source.StatusChanged += (_, e) => SetStatus(e.Kind, e.Text);
    }

    /// <summary>Creates a receiver on a source URI (see <see cref="GnssSource.Parse"/>).</summary>
    public static GnssReceiver Open(string sourceUri, GnssReceiverOptions? options = null, ILogger<GnssReceiver>? logger = null)
        => new(GnssSource.Parse(sourceUri), options, logger);

    /// <summary>The source the bytes come from.</summary>
    public GnssSource Source { get; }

    /// <summary>What has been seen so far.</summary>
    public GnssReceiverCounters Counters { get; } = new();

    /// <summary>What the latest status says (source state, or why no fixes arrive), for programs.</summary>
    public GnssStatusKind StatusKind => _statusKind;

    /// <summary>The latest status line, for people.</summary>
    public string StatusText => _statusText;

    /// <summary>Raised when the status changes (<see cref="StatusKind"/> and <see cref="StatusText"/>).</summary>
    public event EventHandler<GnssStatusEventArgs>? StatusChanged;

    /// <summary>
    /// Reads fixes, one per epoch, until the source ends or <paramref name="cancellationToken"/>
    /// is cancelled. Opening the source may throw <see cref="IOException"/> naming it.
    /// </summary>
    public async IAsyncEnumerable<GnssFix> ReadFixesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (bool _ in PumpAsync(keepSentences: false, cancellationToken).ConfigureAwait(false))
        {
            while (_fixes.TryDequeue(out GnssFix? fix))
            {
                yield return fix;
            }
        }
    }

    /// <summary>
    /// Reads the raw sentences that passed the checksum (without CR LF), until the source ends
    /// or <paramref name="cancellationToken"/> is cancelled. Fixes are still fused and counted.
    /// </summary>
    public async IAsyncEnumerable<string> ReadSentencesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (bool _ in PumpAsync(keepSentences: true, cancellationToken).ConfigureAwait(false))
        {
            _fixes.Clear();
            while (_sentences.TryDequeue(out string? sentence))
            {
                yield return sentence;
            }
        }
    }

    /// <summary>Writes bytes to the receiver (serial and TCP sources), e.g. a configuration sentence.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await Source.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies <paramref name="settings"/> with a vendor's command set (CASIC $PCAS by default):
    /// each command is written to the receiver in turn. A baud change also switches the serial port.
    /// </summary>
    public async ValueTask ConfigureAsync(ReceiverSettings settings, ReceiverCommandSet? commands = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        commands ??= CasicCommandSet.Instance;
        foreach (byte[] command in commands.Encode(settings))
        {
            await SendAsync(command, cancellationToken).ConfigureAwait(false);
        }

        if (settings.BaudRate is int baud && Source is SerialGnssSource serial)
        {
            serial.ChangeBaudRate(baud);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Source.DisposeAsync();

    private async ValueTask EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (!_opened)
        {
            await Source.OpenAsync(cancellationToken).ConfigureAwait(false);
            _opened = true;
        }
    }

    // One loop for both public readers: read a chunk, frame and fuse it, pace, then let the
    // caller drain what completed. Yields once per chunk that produced something.
    private async IAsyncEnumerable<bool> PumpAsync(bool keepSentences, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("a GnssReceiver is read by one loop at a time; share its fixes with GnssFixHub");
        }

        try
        {
            _keepSentences = keepSentences;
            await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
            _lastValidTicks = _lastNavigationTicks = Stopwatch.GetTimestamp();
            _windowStartSentences = Counters.ValidSentences;
            using var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task watchdog = WatchAsync(watchdogStop.Token);
            try
            {
                while (true)
                {
                    // Small reads when pacing, so a chunk holds at most about one epoch.
                    int size = _options.Realtime && Source.IsFinite ? 256 : _buffer.Length;
                    ValueTask<int> pending = Source.ReadAsync(_buffer.AsMemory(0, size), cancellationToken);
                    int read;
                    if (pending.IsCompleted || !_fusion.AwaitsIdleGap || Source.IsFinite)
                    {
                        read = await pending.ConfigureAwait(false);
                    }
                    else
                    {
                        // A live receiver sends an epoch as a burst, then waits: a quiet gap ends the
                        // epoch now instead of when the next epoch's first sentence arrives.
                        Task<int> reading = pending.AsTask();
                        if (await Task.WhenAny(reading, Task.Delay(_options.EpochIdleGap, cancellationToken)).ConfigureAwait(false) != reading)
                        {
                            FlushEpoch(afterIdleGap: true);
                            yield return true;
                        }

                        read = await reading.ConfigureAwait(false);
                    }

                    if (read == 0)
                    {
                        _parser.Complete();
                        ParseAvailable();
                        FlushEpoch();
                        if (_options.Realtime && _fixes.Count > 0)
                        {
                            await PaceAsync(cancellationToken).ConfigureAwait(false);
                        }

                        SetStatus(Counters.ValidSentences == 0 ? GnssStatusKind.NoValidData : GnssStatusKind.Ended, Counters.ValidSentences == 0
                            ? $"no valid sentences in {Source.Name} ({Counters.BytesRead} bytes read, {Counters.IgnoredBytes} ignored, {Counters.RejectedSentences} rejected) — is it NMEA?"
                            : $"end of {Source.Name}: {Counters}");
                        yield return true;
                        yield break;
                    }

                    Counters.BytesRead += read;
                    _parser.Feed(_buffer, 0, read);
                    ParseAvailable();
                    if (_fixes.Count > 0 || _sentences.Count > 0)
                    {
                        if (_options.Realtime && Source.IsFinite && _fixes.Count > 0)
                        {
                            await PaceAsync(cancellationToken).ConfigureAwait(false);
                        }

                        yield return true;
                    }
                }
            }
            finally
            {
                await watchdogStop.CancelAsync().ConfigureAwait(false);
                await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// Test hook: called with each decoded sentence before the fusion, inside the same guard, so a test
    /// can make the handling of one epoch throw and check that the loop goes on.
    /// </summary>
    internal Action<NmeaTypedSentence>? BeforeFusion { get; set; }

    private void FlushEpoch(bool afterIdleGap = false)
    {
        try
        {
            Emit(afterIdleGap ? _fusion.FlushAfterIdleGap() : _fusion.Flush());
        }
        catch (Exception ex)
        {
            EpochFailed(ex);
        }
    }

    // Nothing a receiver sends may end the receiver loop: a fault while fusing is counted and said once,
    // and the fusion starts afresh (its state may be half-updated). What the old one still holds is
    // flushed first if it can be, so a fault on an epoch's first sentence does not also lose the
    // complete epoch before it; the faulting sentence itself is dropped.
    private void EpochFailed(Exception ex)
    {
        Counters.FusionFaults++;
        EpochFusion failed = _fusion;
        _fusion = new EpochFusion { EarlyCloseAfter = _options.EarlyEpochCloseAfter };
        try
        {
            Emit(failed.Flush());
        }
        catch (Exception)
        {
            // Its state is beyond use: the epoch is lost, and already counted above.
        }

        if (Counters.FusionFaults == 1)
        {
            if (_logger != null)
            {
                GnssLog.EpochFailed(_logger, ex);
            }

            SetStatus(GnssStatusKind.FusionFault, $"skipped an epoch that failed to fuse ({ex.GetType().Name}: {ex.Message}); further failures are only counted");
        }
    }

    private void Emit(GnssFix? fix)
    {
        if (fix != null)
        {
            Counters.Fixes++;
            _fixes.Enqueue(fix);
        }
    }

    private void ParseAvailable()
    {
        NmeaStatistics stats = _parser.Statistics;
        long validBefore = Counters.ValidSentences;
        while (_parser.Read() != NmeaSentenceType.None)
        {
            OnSentence(_parser.Current);
        }

        long undecoded = stats.GetRejected(NmeaRejectReason.UnknownTalker) + stats.GetRejected(NmeaRejectReason.UnknownType);
        Counters.MalformedSentences = stats.GetRejected(NmeaRejectReason.InvalidField) + stats.GetRejected(NmeaRejectReason.MissingFields);
        Counters.OtherSentences = _acceptedOther + undecoded;
        Counters.ValidSentences = stats.Framed;
        Counters.RejectedSentences = stats.Rejected - undecoded - Counters.MalformedSentences;
        Counters.IgnoredBytes = stats.SkippedBytes;
        if (Counters.ValidSentences != validBefore)
        {
            Volatile.Write(ref _lastValidTicks, Stopwatch.GetTimestamp());
            if (_quiet == 1)
            {
                _quiet = 0; // sentences again, but maybe still no navigation: let the watchdog say that next
                _windowStartSentences = validBefore;
            }
        }
    }

    private void OnSentence(NmeaTypedSentence sentence)
    {
        if (_keepSentences)
        {
            NmeaSentence raw = _parser.Sentence;
            _sentences.Enqueue(Encoding.ASCII.GetString(raw.Buffer, raw.Start, raw.Length));
        }

        SentenceUse use;
        try
        {
            BeforeFusion?.Invoke(sentence);
            use = _fusion.Add(sentence);
            while (_fusion.TryTakeFix(out GnssFix? fix))
            {
                Emit(fix);
            }
        }
        catch (Exception ex)
        {
            EpochFailed(ex);
            return;
        }

        if (use == SentenceUse.Navigation)
        {
            Counters.NavigationSentences++;
            Volatile.Write(ref _lastNavigationTicks, Stopwatch.GetTimestamp());
        }
        else
        {
            _acceptedOther++;
        }

        if (_quiet != 0 && use == SentenceUse.Navigation)
        {
            _quiet = 0;
            SetStatus(GnssStatusKind.Receiving, $"receiving {Source.Name}");
        }
    }

    // Says once per quiet spell why no fixes come: nothing valid at all (wrong baud, garbage),
    // or valid sentences without time or position (a receiver sending only $GPTXT).
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.NoDataTimeout / 4);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_quiet != 0)
            {
                continue;
            }

            TimeSpan sinceValid = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastValidTicks));
            TimeSpan sinceNavigation = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastNavigationTicks));
            string seconds = _options.NoDataTimeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            if (sinceValid >= _options.NoDataTimeout)
            {
                _quiet = 1;
                SetStatus(GnssStatusKind.NoValidData, $"no valid sentences in {seconds} s{Source.NoDataHint} ({Counters.BytesRead} bytes, {Counters.RejectedSentences} rejected sentences)");
            }
            else if (sinceNavigation >= _options.NoDataTimeout)
            {
                _quiet = 2;
                SetStatus(GnssStatusKind.NoNavigationData, $"{Counters.ValidSentences - _windowStartSentences} valid sentences in {seconds} s but none with time or position (only $GPTXT or proprietary) from {Source.Name}");
            }
        }
    }

    private async ValueTask PaceAsync(CancellationToken cancellationToken)
    {
        foreach (GnssFix fix in _fixes)
        {
            if (fix.TimeUtc is not DateTime time)
            {
                continue;
            }

            TimeSpan due = time - _paceStartTime;
            if (_paceStartTicks == 0 || due < TimeSpan.Zero || due > TimeSpan.FromHours(1))
            {
                _paceStartTicks = Stopwatch.GetTimestamp();
                _paceStartTime = time;
                continue;
            }

            TimeSpan wait = due - Stopwatch.GetElapsedTime(_paceStartTicks);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void SetStatus(GnssStatusKind kind, string text)
    {
        _statusKind = kind;
        _statusText = text;
        if (_logger != null)
        {
            GnssLog.ReceiverStatus(_logger, text);
        }

        StatusChanged?.Invoke(this, new GnssStatusEventArgs(kind, text));
    }
}
