using System.Text;
using EdgeSdk.Nmea;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>
/// A receiver's bytes to fixes, without I/O: frames and checks sentences, fuses each epoch, counts what it
/// saw, and contains faults (nothing a receiver sends ends the receiver loop). Completed fixes wait in
/// <see cref="Fixes"/>, raw sentences (when kept) in <see cref="Sentences"/>, for the reading loop to hand out.
/// </summary>
internal sealed class ReceiverPipeline
{
    private readonly GnssReceiverOptions _options;
    private readonly GnssReceiverCounters _counters;
    private readonly ReceiverWatchdog _watchdog;
    private readonly Action<GnssStatusKind, string> _status;
    private readonly string _sourceName;
    private readonly ILogger? _logger;
    private readonly NmeaParser _parser = new();
    private EpochFusion _fusion;
    private long _acceptedOther;

    public ReceiverPipeline(GnssReceiverOptions options, GnssReceiverCounters counters, ReceiverWatchdog watchdog, string sourceName, Action<GnssStatusKind, string> status, ILogger? logger)
    {
        _options = options;
        _counters = counters;
        _watchdog = watchdog;
        _sourceName = sourceName;
        _status = status;
        _logger = logger;
        _fusion = NewFusion();
        _parser.Reader.ChecksumPolicy = options.RequireChecksum ? NmeaChecksumPolicy.Required : NmeaChecksumPolicy.CheckedWhenPresent;
        _parser.Reader.FastPath = true; // same values and reject reasons as the portable path (differential test), 1.2x faster
    }

    /// <summary>Completed fixes, oldest first.</summary>
    public Queue<GnssFix> Fixes { get; } = new();

    /// <summary>The raw sentences that passed the checksum (without CR LF), when <see cref="KeepSentences"/>.</summary>
    public Queue<string> Sentences { get; } = new();

    /// <summary>Whether to keep each valid sentence's text in <see cref="Sentences"/>.</summary>
    public bool KeepSentences { get; set; }

    /// <summary>True while the reading loop should end the epoch after an idle gap (see <see cref="EpochFusion.AwaitsIdleGap"/>).</summary>
    public bool AwaitsIdleGap => _fusion.AwaitsIdleGap;

    /// <summary>
    /// Test hook: called with each decoded sentence before the fusion, inside the same guard, so a test
    /// can make the handling of one epoch throw and check that the loop goes on.
    /// </summary>
    public Action<NmeaTypedSentence>? BeforeFusion { get; set; }

    /// <summary>Frames, decodes and fuses <paramref name="count"/> bytes.</summary>
    public void Feed(byte[] data, int count)
    {
        _counters.BytesRead += count;
        _parser.Feed(data, 0, count);
        ParseAvailable();
    }

    /// <summary>The input ended: the last sentence and epoch are completed.</summary>
    public void Complete()
    {
        _parser.Complete();
        ParseAvailable();
        FlushEpoch(afterIdleGap: false);
    }

    /// <summary>Ends the epoch in progress (the receiver went quiet for the idle gap, or the input ended).</summary>
    public void FlushEpoch(bool afterIdleGap)
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

    private EpochFusion NewFusion() => new() { EarlyCloseAfter = _options.EarlyEpochCloseAfter };

    private void ParseAvailable()
    {
        long validBefore = _counters.ValidSentences;
        while (_parser.Read() != NmeaSentenceType.None)
        {
            OnSentence(_parser.Current);
        }

        _counters.Update(_parser.Statistics, _acceptedOther);
        if (_counters.ValidSentences != validBefore)
        {
            _watchdog.ValidSentencesArrived(validBefore);
        }
    }

    private void OnSentence(NmeaTypedSentence sentence)
    {
        if (KeepSentences)
        {
            NmeaSentence raw = _parser.Sentence;
            Sentences.Enqueue(Encoding.ASCII.GetString(raw.Buffer, raw.Start, raw.Length));
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

        if (use != SentenceUse.Navigation)
        {
            _acceptedOther++;
            return;
        }

        _counters.NavigationSentences++;
        if (_watchdog.NavigationArrived())
        {
            _status(GnssStatusKind.Receiving, $"receiving {_sourceName}");
        }
    }

    // Nothing a receiver sends may end the receiver loop: a fault while fusing is counted and said once,
    // and the fusion starts afresh (its state may be half-updated). What the old one still holds is
    // flushed first if it can be, so a fault on an epoch's first sentence does not also lose the
    // complete epoch before it; the faulting sentence itself is dropped.
    private void EpochFailed(Exception ex)
    {
        _counters.FusionFaults++;
        EpochFusion failed = _fusion;
        _fusion = NewFusion();
        try
        {
            Emit(failed.Flush());
        }
        catch (Exception)
        {
            // Its state is beyond use: the epoch is lost, and already counted above.
        }

        if (_counters.FusionFaults == 1)
        {
            if (_logger != null)
            {
                GnssLog.EpochFailed(_logger, ex);
            }

            _status(GnssStatusKind.FusionFault, $"skipped an epoch that failed to fuse ({ex.GetType().Name}: {ex.Message}); further failures are only counted");
        }
    }

    private void Emit(GnssFix? fix)
    {
        if (fix != null)
        {
            _counters.Fixes++;
            Fixes.Enqueue(fix);
        }
    }
}
