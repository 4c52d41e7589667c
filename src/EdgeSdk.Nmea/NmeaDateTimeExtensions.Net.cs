using System;

namespace EdgeSdk.Nmea;

/// <summary>
/// Conversions of NMEA dates and times to .NET's <see cref="DateOnly"/>, <see cref="TimeOnly"/> and
/// <see cref="DateTime"/> (kind <see cref="DateTimeKind.Utc"/>). .NET only: nanoFramework has no
/// <c>DateOnly</c>/<c>TimeOnly</c>, so the firmware build leaves this file out (<c>*.Net.cs</c>).
/// </summary>
/// <remarks>
/// Each returns null when the value is absent (<c>IsValid</c> false) or is no calendar date (31 February).
/// A leap second (second 60) becomes 59.999 of the same minute: no .NET type holds second 60, and the
/// last millisecond keeps the order of times (before the next minute's second 0).
/// </remarks>
public static class NmeaDateTimeExtensions
{
    /// <summary>The date as a <see cref="DateOnly"/>; null when absent or not a calendar date.</summary>
    public static DateOnly? ToDateOnly(this NmeaDate date)
    {
        if (!date.IsValid || date.Year < 1 || date.Year > 9999 || date.Month < 1 || date.Month > 12
            || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            return null;
        }

        return new DateOnly(date.Year, date.Month, date.Day);
    }

    /// <summary>The time of day (UTC) as a <see cref="TimeOnly"/>, to the millisecond; null when absent.</summary>
    public static TimeOnly? ToTimeOnly(this NmeaTime time)
    {
        if (!time.IsValid || time.Hour > 23 || time.Minute > 59 || time.Second > 60 || time.Millisecond > 999)
        {
            return null;
        }

        return time.Second == 60
            ? new TimeOnly(time.Hour, time.Minute, 59, 999)
            : new TimeOnly(time.Hour, time.Minute, time.Second, time.Millisecond);
    }

    /// <summary>The date and time of day as one UTC <see cref="DateTime"/>; null when either is absent or invalid.</summary>
    public static DateTime? ToDateTimeUtc(this NmeaDate date, NmeaTime time)
    {
        DateOnly? d = date.ToDateOnly();
        TimeOnly? t = time.ToTimeOnly();
        return d.HasValue && t.HasValue ? d.Value.ToDateTime(t.Value, DateTimeKind.Utc) : null;
    }

    /// <summary>The RMC's <see cref="RmcSentence.Date"/> and <see cref="RmcSentence.TimeUtc"/> as one UTC <see cref="DateTime"/>, or null.</summary>
    public static DateTime? ToDateTimeUtc(this RmcSentence rmc)
    {
        ArgumentNullException.ThrowIfNull(rmc);
        return rmc.Date.ToDateTimeUtc(rmc.TimeUtc);
    }

    /// <summary>The ZDA's <see cref="ZdaSentence.Date"/> and <see cref="ZdaSentence.TimeUtc"/> as one UTC <see cref="DateTime"/>, or null.</summary>
    public static DateTime? ToDateTimeUtc(this ZdaSentence zda)
    {
        ArgumentNullException.ThrowIfNull(zda);
        return zda.Date.ToDateTimeUtc(zda.TimeUtc);
    }
}
