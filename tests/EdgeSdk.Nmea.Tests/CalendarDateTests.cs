using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>
/// Calendar validity (issue 19, item 1): a checksum-valid sentence with an impossible date is an invalid
/// field, counted as a reject reason, never a date that throws when someone later builds a clock value.
/// </summary>
public class CalendarDateTests
{
    [Theory]
    [InlineData("$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,310299,01,W,A*2B", 9)] // 31 February 1999 (the sentence)
    [InlineData("$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,000299,01,W,A*29", 9)] // day 0
    [InlineData("$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,011399,01,W,A*28", 9)] // month 13
    [InlineData("$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,290223,01,W,A*23", 9)] // 29 February in a common year
    [InlineData("$GPZDA,235959.00,31,12,9999,00,00*66", 4)] // year 9999 (the ZDA)
    [InlineData("$GPZDA,235959.00,31,02,2024,00,00*63", 2)] // 31 February in a leap year
    [InlineData("$GPZDA,235959.00,00,01,2024,00,00*62", 2)] // day 0
    [InlineData("$GPZDA,235959.00,01,13,2024,00,00*60", 3)] // month 13
    public void An_impossible_date_is_an_invalid_field_and_is_counted(string sentence, int field)
    {
        var parser = new NmeaParser();
        byte[] bytes = Encoding.ASCII.GetBytes(sentence + "\r\n");
        parser.Feed(bytes, 0, bytes.Length);

        Assert.Equal(NmeaSentenceType.None, parser.Read());
        Assert.Equal(NmeaRejectReason.InvalidField, parser.LastRejectReason);
        Assert.Equal(field, parser.Sentence.InvalidField);
        Assert.Equal(1, parser.Statistics.Framed);
        Assert.Equal(1, parser.Statistics.GetRejected(NmeaRejectReason.InvalidField));
        Assert.Equal(1, parser.Statistics.Rejected);
    }

    [Theory]
    [InlineData("$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,290224,01,W,A*24", 2024, 2, 29)] // leap day
    [InlineData("$GPRMC,235958.00,A,2037.7279,N,08704.0848,W,00.1,201.8,311299,01,W,A*23", 1999, 12, 31)]
    [InlineData("$GPZDA,235959.00,31,12,2079,00,00*6A", 2079, 12, 31)] // the last year of the window
    public void Real_dates_at_the_edges_decode(string sentence, int year, int month, int day)
    {
        var parser = new NmeaParser();
        byte[] bytes = Encoding.ASCII.GetBytes(sentence + "\r\n");
        parser.Feed(bytes, 0, bytes.Length);

        NmeaSentenceType type = parser.Read();
        NmeaDate date = type == NmeaSentenceType.Rmc ? parser.Rmc.Date : parser.Zda.Date;
        Assert.NotEqual(NmeaSentenceType.None, type);
        Assert.True(date.IsValid);
        Assert.Equal($"{year:0000}-{month:00}-{day:00}", date.ToString());
    }

    [Theory]
    [InlineData(1999, 2, 31)]
    [InlineData(2023, 2, 29)]
    [InlineData(2100, 1, 1)] // past MaxYear
    [InlineData(1979, 12, 31)] // before the GPS epoch
    [InlineData(2024, 4, 31)]
    [InlineData(2024, 0, 1)]
    [InlineData(9999, 12, 31)]
    public void The_constructor_gives_an_absent_date_for_a_non_date(int year, int month, int day)
    {
        var date = new NmeaDate(year, month, day);
        Assert.False(date.IsValid);
        Assert.Equal(0, date.Year + date.Month + date.Day);
        Assert.Equal(string.Empty, date.ToString());
    }

    [Theory]
    [InlineData(2024, 2, 28, "2024-02-29")]
    [InlineData(2023, 2, 28, "2023-03-01")]
    [InlineData(2000, 2, 29, "2000-03-01")] // 2000 is a leap year (divisible by 400)
    [InlineData(2024, 4, 30, "2024-05-01")]
    [InlineData(1999, 12, 31, "2000-01-01")]
    [InlineData(2024, 7, 14, "2024-07-15")]
    [InlineData(2079, 12, 31, "")] // the day after the window is absent, not an overflow
    public void Next_day_rolls_months_and_years_and_stays_in_the_window(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, new NmeaDate(year, month, day).NextDay().ToString());
    }

    [Fact]
    public void Days_in_month_follow_the_gregorian_leap_rule()
    {
        Assert.Equal(29, NmeaDate.DaysInMonth(2000, 2));
        Assert.Equal(28, NmeaDate.DaysInMonth(2100, 2));
        Assert.Equal(29, NmeaDate.DaysInMonth(2024, 2));
        Assert.Equal(28, NmeaDate.DaysInMonth(2026, 2));
        Assert.Equal(30, NmeaDate.DaysInMonth(2026, 11));
        Assert.Equal(0, NmeaDate.DaysInMonth(2026, 13));
    }
}
