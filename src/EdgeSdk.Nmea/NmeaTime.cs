namespace EdgeSdk.Nmea;

/// <summary>A UTC time of day from an NMEA <c>hhmmss.sss</c> field, to the millisecond.</summary>
public struct NmeaTime
{
    /// <summary>Creates a time of day; <see cref="IsValid"/> is true.</summary>
    public NmeaTime(int hour, int minute, int second, int millisecond)
    {
        Hour = hour;
        Minute = minute;
        Second = second;
        Millisecond = millisecond;
        IsValid = true;
    }

    /// <summary>False when the field was empty (absent); the other members are then 0.</summary>
    public bool IsValid { get; }

    /// <summary>Hour, 0–23.</summary>
    public int Hour { get; }

    /// <summary>Minute, 0–59.</summary>
    public int Minute { get; }

    /// <summary>Second, 0–60 (60 during a leap second).</summary>
    public int Second { get; }

    /// <summary>Millisecond, 0–999 (digits after the third decimal are dropped, not rounded).</summary>
    public int Millisecond { get; }

    /// <summary>Milliseconds since midnight UTC, or -1 when absent.</summary>
    public int MillisecondOfDay => IsValid ? (((((Hour * 60) + Minute) * 60) + Second) * 1000) + Millisecond : -1;

    /// <summary><c>hh:mm:ss.fff</c>, or an empty string when absent (allocates).</summary>
    public override string ToString()
    {
        if (!IsValid)
        {
            return string.Empty;
        }

        char[] c = new char[12];
        NmeaText.PutDigits(c, 0, Hour, 2);
        c[2] = ':';
        NmeaText.PutDigits(c, 3, Minute, 2);
        c[5] = ':';
        NmeaText.PutDigits(c, 6, Second, 2);
        c[8] = '.';
        NmeaText.PutDigits(c, 9, Millisecond, 3);
        return new string(c);
    }
}
