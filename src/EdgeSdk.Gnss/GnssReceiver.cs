using System.Runtime.CompilerServices;
using EdgeSdk.Nmea;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>
/// A GNSS receiver on a source: reads its bytes, frames and checks sentences, fuses each epoch
/// into one <see cref="GnssFix"/>, and keeps counters and a status line for people.
/// </summary>
/// <remarks>
/// It composes parts that each do one job (and are tested alone): the reading loop here (reads, the idle
/// gap that ends a live receiver's epoch, end of input), <c>ReceiverPipeline</c> (bytes to fixes, counted,
/// faults contained), <c>ReplayPacer</c> (replay at the recorded speed), <c>ReceiverWatchdog</c> (why no fixes
/// come) and <c>ReceiverConfiguration</c> (vendor commands, baud change).
/// </remarks>
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
    private readonly ReceiverPipeline _pipeline;
    private readonly ReceiverWatchdog _watchdog;
    private readonly ReplayPacer _pacer = new(TimeProvider.System);
    // A live source returns what has arrived, whatever the size; a file or a pipe fills it. An asynchronous read of a
    // file is a hop through the thread pool on Linux: 4 KB reads made ~107 of them for a one-shot `edgesdk fixes` on a
    // 437 KB file, 64 KB reads 7 (a regular file is now read on the caller's thread anyway: StreamGnssSource).
    private readonly byte[] _buffer = new byte[64 * 1024];
    private bool _opened;
    private int _reading;
    private GnssStatusKind _statusKind;
    private string _statusText = "not opened";

    /// <summary>Creates a receiver on <paramref name="source"/>; the receiver owns and disposes it.</summary>
    public GnssReceiver(GnssSource source, GnssReceiverOptions? options = null, ILogger<GnssReceiver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        _options = options ?? new GnssReceiverOptions();
        _logger = logger;
        _watchdog = new ReceiverWatchdog(source, Counters, _options.NoDataTimeout, TimeProvider.System);
        _pipeline = new ReceiverPipeline(_options, Counters, _watchdog, source.Name, SetStatus, logger);
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
    /// Test hook: called with each decoded sentence before the fusion, inside the same guard, so a test
    /// can make the handling of one epoch throw and check that the loop goes on.
    /// </summary>
    internal Action<NmeaTypedSentence>? BeforeFusion
    {
        get => _pipeline.BeforeFusion;
        set => _pipeline.BeforeFusion = value;
    }

    /// <summary>
    /// Reads fixes, one per epoch, until the source ends or <paramref name="cancellationToken"/>
    /// is cancelled. Opening the source may throw <see cref="IOException"/> naming it.
    /// </summary>
    public async IAsyncEnumerable<GnssFix> ReadFixesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (bool _ in PumpAsync(keepSentences: false, cancellationToken).ConfigureAwait(false))
        {
            while (_pipeline.Fixes.TryDequeue(out GnssFix? fix))
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
            _pipeline.Fixes.Clear();
            while (_pipeline.Sentences.TryDequeue(out string? sentence))
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
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await ReceiverConfiguration.ApplyAsync(Source, settings, commands ?? CasicCommandSet.Instance, cancellationToken).ConfigureAwait(false);
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
            _pipeline.KeepSentences = keepSentences;
            await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
            _watchdog.Start(Counters.ValidSentences);
            using var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task watchdog = _watchdog.RunAsync(SetStatus, watchdogStop.Token);
            bool pace = _options.Realtime && Source.IsFinite;
            try
            {
                while (true)
                {
                    // Small reads when pacing, so a chunk holds at most about one epoch.
                    int size = pace ? 256 : _buffer.Length;
                    ValueTask<int> pending = Source.ReadAsync(_buffer.AsMemory(0, size), cancellationToken);
                    int read;
                    if (pending.IsCompleted || !_pipeline.AwaitsIdleGap || Source.IsFinite)
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
                            _pipeline.FlushEpoch(afterIdleGap: true);
                            yield return true;
                        }

                        read = await reading.ConfigureAwait(false);
                    }

                    if (read == 0)
                    {
                        _pipeline.Complete();
                        if (_options.Realtime && _pipeline.Fixes.Count > 0)
                        {
                            await _pacer.PaceAsync(_pipeline.Fixes, cancellationToken).ConfigureAwait(false);
                        }

                        SetStatus(Counters.ValidSentences == 0 ? GnssStatusKind.NoValidData : GnssStatusKind.Ended, Counters.ValidSentences == 0
                            ? $"no valid sentences in {Source.Name} ({Counters.BytesRead} bytes read, {Counters.IgnoredBytes} ignored, {Counters.RejectedSentences} rejected) — is it NMEA?"
                            : $"end of {Source.Name}: {Counters}");
                        yield return true;
                        yield break;
                    }

                    _pipeline.Feed(_buffer, read);
                    if (_pipeline.Fixes.Count > 0 || _pipeline.Sentences.Count > 0)
                    {
                        if (pace && _pipeline.Fixes.Count > 0)
                        {
                            await _pacer.PaceAsync(_pipeline.Fixes, cancellationToken).ConfigureAwait(false);
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
