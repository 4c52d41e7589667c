using System.Globalization;

namespace EdgeSdk.Gnss;

/// <summary>
/// Says once per quiet spell why no fixes come: nothing valid at all for the timeout (wrong baud, garbage),
/// or valid sentences without time or position (a receiver sending only <c>$GPTXT</c>); and says when
/// navigation sentences come back. The receiver reports arrivals; <see cref="Check"/> (on a timer in
/// <see cref="RunAsync"/>) turns silence into a status line.
/// </summary>
internal sealed class ReceiverWatchdog(GnssSource source, GnssReceiverCounters counters, TimeSpan timeout, TimeProvider time)
{
    private long _lastValidTicks;
    private long _lastNavigationTicks;
    private long _windowStartSentences;
    private int _quiet; // what the last quiet-spell status said: 0 nothing, 1 no valid sentences, 2 no navigation sentences

    /// <summary>Starts watching now; <paramref name="validSentences"/> is the count so far.</summary>
    public void Start(long validSentences)
    {
        _lastValidTicks = _lastNavigationTicks = time.GetTimestamp();
        _windowStartSentences = validSentences;
    }

    /// <summary>Valid sentences arrived (there were <paramref name="validBefore"/> before them).</summary>
    public void ValidSentencesArrived(long validBefore)
    {
        Volatile.Write(ref _lastValidTicks, time.GetTimestamp());
        if (_quiet == 1)
        {
            _quiet = 0; // sentences again, but maybe still no navigation: let the next check say that
            _windowStartSentences = validBefore;
        }
    }

    /// <summary>A navigation sentence arrived. True when it ends a quiet spell that was reported (say "receiving" again).</summary>
    public bool NavigationArrived()
    {
        Volatile.Write(ref _lastNavigationTicks, time.GetTimestamp());
        if (_quiet != 0)
        {
            _quiet = 0;
            return true;
        }

        return false;
    }

    /// <summary>The status line for a quiet spell that has just reached the timeout; null otherwise (also while it was already said).</summary>
    public string? Check()
    {
        if (_quiet != 0)
        {
            return null;
        }

        TimeSpan sinceValid = time.GetElapsedTime(Volatile.Read(ref _lastValidTicks));
        TimeSpan sinceNavigation = time.GetElapsedTime(Volatile.Read(ref _lastNavigationTicks));
        string seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        if (sinceValid >= timeout)
        {
            _quiet = 1;
            return $"no valid sentences in {seconds} s{source.NoDataHint} ({counters.BytesRead} bytes, {counters.RejectedSentences} rejected sentences)";
        }

        if (sinceNavigation >= timeout)
        {
            _quiet = 2;
            return $"{counters.ValidSentences - _windowStartSentences} valid sentences in {seconds} s but none with time or position (only $GPTXT or proprietary) from {source.Name}";
        }

        return null;
    }

    /// <summary>Checks four times per timeout until cancelled, handing each status line to <paramref name="report"/>.</summary>
    /// <remarks>
    /// Cancellation disposes the timer, which ends the wait with false. A cancelled wait would instead complete with an
    /// OperationCanceledException whose stack trace the runtime captures at once: in the NativeAOT build that builds
    /// the method-name map, about a fifth of the CPU of a one-shot <c>edgesdk fixes</c> on a 7,500-line file.
    /// </remarks>
    public async Task RunAsync(Action<GnssStatusKind, string> report, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(timeout / 4, time);
        using CancellationTokenRegistration stop = cancellationToken.Register(static t => ((PeriodicTimer)t!).Dispose(), timer);
        while (await timer.WaitForNextTickAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (Check() is string status)
            {
                report(_quiet == 1 ? GnssStatusKind.NoValidData : GnssStatusKind.NoNavigationData, status);
            }
        }
    }
}
