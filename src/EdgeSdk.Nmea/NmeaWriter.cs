namespace EdgeSdk.Nmea;

/// <summary>
/// Builds NMEA 0183 sentences field by field into a reusable byte buffer: the start
/// character and address, comma-separated fields, then <c>*HH</c> and CR LF. Numbers are
/// written from integers (no culture, no <c>double.ToString</c>), so output is identical on
/// every platform, and nothing is allocated per sentence.
/// </summary>
/// <remarks>
/// Usage: <c>Begin("GN", "RMC")</c>, one call per field, <c>End()</c>; the sentence is then
/// <see cref="Buffer"/>[0..<see cref="Length"/>]. Writing past the capacity sets
/// <see cref="Overflowed"/> and <see cref="End"/> returns 0 rather than throwing.
/// </remarks>
public sealed class NmeaWriter
{
    private static readonly long[] Pow10 = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };

    private readonly byte[] _buffer;
    private int _length;
    private bool _overflowed;

    /// <summary>Creates a writer whose sentences may be up to <paramref name="capacity"/> bytes.</summary>
    /// <param name="capacity">Buffer size in bytes, including <c>*HH</c> and CR LF.</param>
    public NmeaWriter(int capacity)
    {
        _buffer = new byte[capacity < 16 ? 16 : capacity];
    }

    /// <summary>Creates a writer with room for 256-byte sentences.</summary>
    public NmeaWriter() : this(256)
    {
    }

    /// <summary>The buffer holding the sentence written so far (valid up to <see cref="Length"/>).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _length;

    /// <summary>True when a field did not fit; the sentence is then discarded by <see cref="End"/>.</summary>
    public bool Overflowed => _overflowed;

    /// <summary>Starts a sentence <c>$TTSSS</c> from a talker (e.g. "GN", "BD") and a type (e.g. "RMC").</summary>
    public void Begin(string talker, string sentenceType)
    {
        _length = 0;
        _overflowed = false;
        Put((byte)'$');
        PutAscii(talker);
        PutAscii(sentenceType);
    }

    /// <summary>Starts a sentence with a whole address, e.g. "PCAS01" for proprietary sentences.</summary>
    public void Begin(string address)
    {
        _length = 0;
        _overflowed = false;
        Put((byte)'$');
        PutAscii(address);
    }

    /// <summary>Appends an empty (absent) field.</summary>
    public void Empty()
    {
        Put((byte)',');
    }

    /// <summary>Appends a text field as ASCII (characters above 0x7E become '?').</summary>
    public void Field(string value)
    {
        Put((byte)',');
        PutAscii(value);
    }

    /// <summary>Appends a single-character field such as 'A', 'N' or 'M'; <c>'\0'</c> (absent) writes an empty field.</summary>
    public void Field(char value)
    {
        Put((byte)',');
        if (value != '\0')
        {
            PutChar(value);
        }
    }

    /// <summary>Appends an integer field.</summary>
    public void Field(long value)
    {
        Put((byte)',');
        PutInteger(value, 1);
    }

    /// <summary>Appends a non-negative integer zero-padded to <paramref name="digits"/> digits (e.g. PRN "07").</summary>
    public void FieldPadded(long value, int digits)
    {
        Put((byte)',');
        PutInteger(value, digits);
    }

    /// <summary>Appends an integer as upper-case hexadecimal (e.g. an NMEA 4.11 signal ID).</summary>
    public void FieldHex(int value)
    {
        Put((byte)',');
        if (value < 0)
        {
            value = 0;
        }

        int shift = 28;
        while (shift > 0 && ((value >> shift) & 0xF) == 0)
        {
            shift -= 4;
        }

        for (; shift >= 0; shift -= 4)
        {
            Put((byte)NmeaChecksum.HexDigit(value >> shift));
        }
    }

    /// <summary>
    /// Appends a number with exactly <paramref name="decimals"/> decimals (0–9), rounded half away from
    /// zero; NaN or infinity (absent) writes an empty field.
    /// </summary>
    public void Field(double value, int decimals)
    {
        Put((byte)',');
        if (IsFinite(value))
        {
            PutFixed(value, decimals, 1);
        }
    }

    /// <summary>Appends a count or ID zero-padded to <paramref name="digits"/>; a negative value (absent) writes an empty field.</summary>
    public void FieldOrEmpty(int value, int digits)
    {
        Put((byte)',');
        if (value >= 0)
        {
            PutInteger(value, digits);
        }
    }

    /// <summary>Appends the first <paramref name="count"/> characters of <paramref name="chars"/> as one field.</summary>
    public void Field(char[] chars, int count)
    {
        Put((byte)',');
        for (int i = 0; chars != null && i < count && i < chars.Length; i++)
        {
            PutChar(chars[i]);
        }
    }

    /// <summary>Appends a text field (empty when the text is empty).</summary>
    public void Field(NmeaText text)
    {
        Put((byte)',');
        if (text != null)
        {
            for (int i = 0; i < text.Length; i++)
            {
                PutChar((char)text.Bytes[i]);
            }
        }
    }

    /// <summary>Decimals of seconds in times written by <see cref="Time(NmeaTime)"/> (0–3). Default 2 (u-blox); CASIC/Quectel boards use 3.</summary>
    public int TimeDecimals { get; set; } = 2;

    /// <summary>Decimals of minutes in positions written by <see cref="Position"/> (0–7). Default 5.</summary>
    public int MinuteDecimals { get; set; } = 5;

    // Per-field precision of the typed encoders (NmeaTypedSentence.Encode): receivers differ in it
    // (a CASIC board prints DOPs with 1 decimal and speeds with 2, a u-blox 2 and 3), so the precision
    // of a receiver's dialect is set once on its writer, like TimeDecimals and MinuteDecimals.

    /// <summary>Decimals of the DOPs the typed encoders write (GSA, GGA HDOP, GNS HDOP) (0–9). Default 2.</summary>
    public int DopDecimals { get; set; } = 2;

    /// <summary>Decimals of the speeds the typed encoders write (RMC knots, VTG knots and km/h) (0–9). Default 3.</summary>
    public int SpeedDecimals { get; set; } = 3;

    /// <summary>Decimals of the courses the typed encoders write (RMC, VTG) (0–9). Default 2.</summary>
    public int CourseDecimals { get; set; } = 2;

    /// <summary>Decimals of the altitude and geoid separation the typed encoders write (GGA, GNS) (0–9). Default 1.</summary>
    public int AltitudeDecimals { get; set; } = 1;

    /// <summary>Appends a UTC time with <see cref="TimeDecimals"/>; an absent time writes an empty field.</summary>
    public void Time(NmeaTime time)
    {
        if (!time.IsValid)
        {
            Empty();
            return;
        }

        Time(time.Hour, time.Minute, time.Second, time.Millisecond, TimeDecimals);
    }

    /// <summary>Appends a <c>ddmmyy</c> date; an absent date writes an empty field.</summary>
    public void Date(NmeaDate date)
    {
        if (!date.IsValid)
        {
            Empty();
            return;
        }

        Date(date.Day, date.Month, date.Year);
    }

    /// <summary>
    /// Appends latitude and longitude as four fields (<c>ddmm.mm,N,dddmm.mm,E</c>) with
    /// <see cref="MinuteDecimals"/>; a NaN component writes its two fields empty.
    /// </summary>
    public void Position(double latitudeDegrees, double longitudeDegrees)
    {
        if (IsFinite(latitudeDegrees))
        {
            Latitude(latitudeDegrees, MinuteDecimals);
        }
        else
        {
            Empty();
            Empty();
        }

        if (IsFinite(longitudeDegrees))
        {
            Longitude(longitudeDegrees, MinuteDecimals);
        }
        else
        {
            Empty();
            Empty();
        }
    }

    /// <summary>Appends latitude as two fields, <c>ddmm.mmmm</c> and N/S, with <paramref name="minuteDecimals"/> decimals of minutes.</summary>
    public void Latitude(double degrees, int minuteDecimals)
    {
        PutAngle(degrees, minuteDecimals, 2, 'N', 'S');
    }

    /// <summary>Appends longitude as two fields, <c>dddmm.mmmm</c> and E/W, with <paramref name="minuteDecimals"/> decimals of minutes.</summary>
    public void Longitude(double degrees, int minuteDecimals)
    {
        PutAngle(degrees, minuteDecimals, 3, 'E', 'W');
    }

    /// <summary>Appends a UTC time field <c>hhmmss.ss</c> with <paramref name="decimals"/> (0–3) decimals of seconds.</summary>
    public void Time(int hour, int minute, int second, int millisecond, int decimals)
    {
        Put((byte)',');
        PutInteger(hour, 2);
        PutInteger(minute, 2);
        PutInteger(second, 2);
        if (decimals > 0)
        {
            if (decimals > 3)
            {
                decimals = 3;
            }

            Put((byte)'.');
            PutInteger(millisecond / Pow10[3 - decimals], decimals);
        }
    }

    /// <summary>Appends a date field <c>ddmmyy</c> (two-digit year).</summary>
    public void Date(int day, int month, int year)
    {
        Put((byte)',');
        PutInteger(day, 2);
        PutInteger(month, 2);
        PutInteger(year % 100, 2);
    }

    /// <summary>
    /// Finishes the sentence with <c>*HH</c> and CR LF. Returns its length in bytes, or 0 if it
    /// did not fit the buffer.
    /// </summary>
    public int End()
    {
        int checksum = NmeaChecksum.Compute(_buffer, 1, _length - 1);
        Put((byte)'*');
        Put((byte)NmeaChecksum.HexDigit(checksum >> 4));
        Put((byte)NmeaChecksum.HexDigit(checksum));
        Put((byte)'\r');
        Put((byte)'\n');
        return _overflowed ? 0 : _length;
    }

    /// <summary>Copies the finished sentence out as an ASCII string (allocates; for tests and tools).</summary>
    public override string ToString()
    {
        char[] chars = new char[_length];
        for (int i = 0; i < _length; i++)
        {
            chars[i] = (char)_buffer[i];
        }

        return new string(chars);
    }

    private static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private void PutAngle(double degrees, int minuteDecimals, int degreeDigits, char positive, char negative)
    {
        Put((byte)',');
        char hemisphere = degrees < 0 ? negative : positive;
        double magnitude = degrees < 0 ? -degrees : degrees;
        if (minuteDecimals < 0)
        {
            minuteDecimals = 0;
        }
        else if (minuteDecimals > 7)
        {
            minuteDecimals = 7;
        }

        // Round once, in units of 10^-d minutes, so 59.99995' carries into the degree.
        long scale = Pow10[minuteDecimals];
        long total = (long)((magnitude * 60.0 * scale) + 0.5);
        long perDegree = 60 * scale;
        PutInteger(total / perDegree, degreeDigits);
        long minutes = total % perDegree;
        PutInteger(minutes / scale, 2);
        if (minuteDecimals > 0)
        {
            Put((byte)'.');
            PutInteger(minutes % scale, minuteDecimals);
        }

        Put((byte)',');
        PutChar(hemisphere);
    }

    private void PutFixed(double value, int decimals, int minIntegerDigits)
    {
        if (decimals < 0)
        {
            decimals = 0;
        }
        else if (decimals > 9)
        {
            decimals = 9;
        }

        bool negative = value < 0;
        double magnitude = negative ? -value : value;
        long scale = Pow10[decimals];
        long scaled = (long)((magnitude * scale) + 0.5);
        if (negative && scaled != 0)
        {
            Put((byte)'-');
        }

        PutInteger(scaled / scale, minIntegerDigits);
        if (decimals > 0)
        {
            Put((byte)'.');
            PutInteger(scaled % scale, decimals);
        }
    }

    private void PutInteger(long value, int minDigits)
    {
        if (value < 0)
        {
            Put((byte)'-');
            value = -value;
        }

        int digits = 1;
        long probe = value;
        while (probe >= 10)
        {
            probe /= 10;
            digits++;
        }

        if (digits < minDigits)
        {
            digits = minDigits;
        }

        if (_length + digits > _buffer.Length)
        {
            _overflowed = true;
            return;
        }

        for (int i = _length + digits - 1; i >= _length; i--)
        {
            _buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _length += digits;
    }

    private void PutAscii(string text)
    {
        if (text == null)
        {
            return;
        }

        for (int i = 0; i < text.Length; i++)
        {
            PutChar(text[i]);
        }
    }

    private void PutChar(char c)
    {
        Put(c >= ' ' && c <= '~' ? (byte)c : (byte)'?');
    }

    private void Put(byte b)
    {
        if (_length < _buffer.Length)
        {
            _buffer[_length++] = b;
        }
        else
        {
            _overflowed = true;
        }
    }
}
