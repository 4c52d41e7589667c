using System;
using EdgeSdk.Tracker;

namespace EdgeSdk.Tracker.Board;

/// <summary>
/// The board's clocks. nanoFramework's mscorlib has no monotonic tick counter, so uptime is the RTC made
/// monotonic: when SNTP steps the RTC back, uptime holds instead of going back.
/// </summary>
public sealed class BoardClock : ITrackerClock
{
    private long _last, _offset;

    /// <inheritdoc/>
    public long UptimeMilliseconds
    {
        get
        {
            long now = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
            if (now < _last)
            {
                _offset += _last - now;
            }

            _last = now;
            return now + _offset;
        }
    }

    /// <inheritdoc/>
    public long UtcNowUnixMilliseconds
    {
        get { return (DateTime.UtcNow.Ticks - 621355968000000000L) / TimeSpan.TicksPerMillisecond; }
    }
}
