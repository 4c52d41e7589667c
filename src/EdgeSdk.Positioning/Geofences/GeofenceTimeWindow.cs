namespace EdgeSdk.Positioning;

/// <summary>
/// When a fence is in force: an optional absolute period and an optional daily period in local
/// time (JT/T 808 area times are GMT+8). A daily period whose end is before its start spans midnight.
/// </summary>
public sealed class GeofenceTimeWindow
{
    /// <summary>In force from this instant (UTC), or always when null.</summary>
    public DateTime? FromUtc { get; init; }

    /// <summary>In force until this instant (UTC, exclusive), or for ever when null.</summary>
    public DateTime? ToUtc { get; init; }

    /// <summary>Daily start in local time, or all day when null.</summary>
    public TimeSpan? DailyFrom { get; init; }

    /// <summary>Daily end in local time (exclusive); before <see cref="DailyFrom"/> means the period spans midnight.</summary>
    public TimeSpan? DailyTo { get; init; }

    /// <summary>Offset of local time from UTC for the daily period; China Standard Time by default.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>True when the window is in force at <paramref name="timeUtc"/>.</summary>
    public bool IsActive(DateTime timeUtc)
    {
        if ((FromUtc is DateTime from && timeUtc < from) || (ToUtc is DateTime to && timeUtc >= to))
        {
            return false;
        }

        if (DailyFrom is not TimeSpan start || DailyTo is not TimeSpan end)
        {
            return true;
        }

        TimeSpan local = (timeUtc + UtcOffset).TimeOfDay;
        return start <= end ? local >= start && local < end : local >= start || local < end;
    }
}
