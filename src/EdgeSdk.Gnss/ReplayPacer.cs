namespace EdgeSdk.Gnss;

/// <summary>
/// Paces a replayed capture at the speed it was recorded (<see cref="GnssReceiverOptions.Realtime"/>): each
/// fix is released when as much wall time has passed since the first as receiver time has. A jump in the
/// capture's time (backwards, or more than an hour ahead: a capture of several sessions) starts the pacing
/// again from that fix instead of waiting an hour or hurrying.
/// </summary>
internal sealed class ReplayPacer(TimeProvider time)
{
    private static readonly TimeSpan MaxJump = TimeSpan.FromHours(1);
    private long _startTicks;
    private DateTime _startTime;
    private bool _started;

    /// <summary>How long to wait before releasing a fix of <paramref name="fixTime"/> (zero when it is due or starts the pacing).</summary>
    public TimeSpan WaitFor(DateTime fixTime)
    {
        TimeSpan due = fixTime - _startTime;
        if (!_started || due < TimeSpan.Zero || due > MaxJump)
        {
            _startTicks = time.GetTimestamp();
            _startTime = fixTime;
            _started = true;
            return TimeSpan.Zero;
        }

        TimeSpan wait = due - time.GetElapsedTime(_startTicks);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Waits until the last of <paramref name="fixes"/> is due (fixes without time do not pace).</summary>
    public async ValueTask PaceAsync(IEnumerable<GnssFix> fixes, CancellationToken cancellationToken)
    {
        foreach (GnssFix fix in fixes)
        {
            if (fix.TimeUtc is DateTime t && WaitFor(t) is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
