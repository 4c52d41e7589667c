namespace EdgeSdk.Tracker;

/// <summary>Time as the firmware needs it (board glue: the RTC set over SNTP and the uptime counter).</summary>
public interface ITrackerClock
{
    /// <summary>Monotonic milliseconds since start, for timeouts and back-off; never goes back.</summary>
    long UptimeMilliseconds { get; }

    /// <summary>Wall-clock UTC in Unix milliseconds, for Envelope.sent_time_unix_ms.</summary>
    long UtcNowUnixMilliseconds { get; }
}
