namespace EdgeSdk.Nmea;

/// <summary>
/// A calendar date (UTC) from RMC's <c>ddmmyy</c> or ZDA's day, month and four-digit year.
/// Two-digit years follow <see cref="YearFromTwoDigits"/>: 80–99 → 1980–1999, 00–79 → 2000–2079.
/// </summary>
public struct NmeaDate
{
    /// <summary>Creates a date; <see cref="IsValid"/> is true.</summary>
    public NmeaDate(int year, int month, int day)
    {
        Year = year;
        Month = month;
        Day = day;
        IsValid = true;
    }

    /// <summary>False when the field was empty (absent); the other members are then 0.</summary>
    public bool IsValid { get; }

    /// <summary>Four-digit year.</summary>
    public int Year { get; }

    /// <summary>Month, 1–12.</summary>
    public int Month { get; }

    /// <summary>Day of month, 1–31.</summary>
    public int Day { get; }

    /// <summary>
    /// The century rule for two-digit years: 80–99 are 1980–1999 and 00–79 are 2000–2079. GNSS time
    /// starts in 1980 (the GPS epoch), so no receiver reports an earlier date, and the window holds
    /// until 2079 without any clock or state (gpsd wraps at 2080 the same way).
    /// </summary>
    public static int YearFromTwoDigits(int yy) => yy >= 80 ? 1900 + yy : 2000 + yy;

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
