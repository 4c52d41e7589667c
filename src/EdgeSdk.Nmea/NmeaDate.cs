namespace EdgeSdk.Nmea;

/// <summary>
/// A calendar date (UTC) from RMC's <c>ddmmyy</c> or ZDA's day, month and four-digit year.
/// Two-digit years follow <see cref="YearFromTwoDigits"/>: 80–99 → 1980–1999, 00–79 → 2000–2079.
/// Only real calendar dates inside <see cref="MinYear"/>–<see cref="MaxYear"/> are valid: 31 February,
/// day 0, month 13 or year 9999 are not, so no consumer ever builds an impossible date from one.
/// </summary>
public struct NmeaDate
{
    /// <summary>The first year a date may have: GNSS time starts in 1980 (the GPS epoch).</summary>
    public const int MinYear = 1980;

    /// <summary>
    /// The last year a date may have: the end of the two-digit-year window of RMC, so RMC and ZDA share
    /// one range and a date plus a day always stays far inside what every platform's clock type holds.
    /// </summary>
    public const int MaxYear = 2079;

    // Days per month in a common year; February gets its leap day in DaysInMonth.
    private static readonly int[] s_daysInMonth = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    /// <summary>
    /// Creates a date. <see cref="IsValid"/> is true only for a real calendar date (see
    /// <see cref="IsCalendarDate"/>); otherwise the date is absent and its members are 0.
    /// </summary>
    public NmeaDate(int year, int month, int day)
    {
        if (IsCalendarDate(year, month, day))
        {
            Year = year;
            Month = month;
            Day = day;
            IsValid = true;
        }
        else
        {
            Year = 0;
            Month = 0;
            Day = 0;
            IsValid = false;
        }
    }

    /// <summary>False when the field was empty (absent) or not a calendar date; the other members are then 0.</summary>
    public bool IsValid { get; }

    /// <summary>Four-digit year, <see cref="MinYear"/>–<see cref="MaxYear"/>.</summary>
    public int Year { get; }

    /// <summary>Month, 1–12.</summary>
    public int Month { get; }

    /// <summary>Day of month, 1 to the month's length (<see cref="DaysInMonth"/>).</summary>
    public int Day { get; }

    /// <summary>
    /// The century rule for two-digit years: 80–99 are 1980–1999 and 00–79 are 2000–2079. GNSS time
    /// starts in 1980 (the GPS epoch), so no receiver reports an earlier date, and the window holds
    /// until 2079 without any clock or state (gpsd wraps at 2080 the same way).
    /// </summary>
    public static int YearFromTwoDigits(int yy) => yy >= 80 ? 1900 + yy : 2000 + yy;

    /// <summary>True for a Gregorian leap year (every 4th, except centuries not divisible by 400).</summary>
    public static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    /// <summary>Days in <paramref name="month"/> (1–12) of <paramref name="year"/>; 0 for a month outside 1–12.</summary>
    public static int DaysInMonth(int year, int month)
    {
        if (month < 1 || month > 12)
        {
            return 0;
        }

        return month == 2 && IsLeapYear(year) ? 29 : s_daysInMonth[month - 1];
    }

    /// <summary>
    /// True when <paramref name="year"/>-<paramref name="month"/>-<paramref name="day"/> is a real
    /// Gregorian date with the year inside <see cref="MinYear"/>–<see cref="MaxYear"/>.
    /// </summary>
    public static bool IsCalendarDate(int year, int month, int day)
        => year >= MinYear && year <= MaxYear && day >= 1 && day <= DaysInMonth(year, month);

    /// <summary>
    /// The following calendar day (month and year roll over; 29 February in leap years). Used when a
    /// receiver's time of day wraps past midnight without a new date. An absent date stays absent, and
    /// so does the day after 31 December <see cref="MaxYear"/>.
    /// </summary>
    public NmeaDate NextDay()
    {
        if (!IsValid)
        {
            return default;
        }

        if (Day < DaysInMonth(Year, Month))
        {
            return new NmeaDate(Year, Month, Day + 1);
        }

        return Month < 12 ? new NmeaDate(Year, Month + 1, 1) : new NmeaDate(Year + 1, 1, 1);
    }

    /// <summary><c>yyyy-mm-dd</c>, or an empty string when absent (allocates).</summary>
    public override string ToString()
    {
        if (!IsValid)
        {
            return string.Empty;
        }

        char[] c = new char[10];
        NmeaText.PutDigits(c, 0, Year, 4);
        c[4] = '-';
        NmeaText.PutDigits(c, 5, Month, 2);
        c[7] = '-';
        NmeaText.PutDigits(c, 8, Day, 2);
        return new string(c);
    }
}
