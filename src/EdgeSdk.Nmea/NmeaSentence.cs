namespace EdgeSdk.Nmea;

/// <summary>
/// One framed sentence, as a view over the bytes it arrived in: its talker, address and fields, with
/// <c>TryGet...</c> accessors that read numbers straight from the bytes (no strings, no culture, no
/// allocation). Field 0 is the address (e.g. <c>GPRMC</c>); data fields are 1..<see cref="FieldCount"/>.
/// </summary>
/// <remarks>
/// One family of accessors serves every reader, the built-in decoders included: <c>TryGet...</c> is false when
/// the field is empty (absent) or unreadable, and an unreadable field (present, but not a number, a time, ...)
/// is also recorded as by <see cref="MarkFieldInvalid"/>, so a decoder derived from <see cref="NmeaTypedSentence"/>
/// reports <see cref="NmeaRejectReason.InvalidField"/> without checking each field itself; its protected
/// <c>Read...</c> helpers turn a false into the field's "absent" value (NaN, -1, '\0').
/// </remarks>
/// <remarks>
/// The reader reuses one instance: its contents are valid until the next read. Use <see cref="ToString"/>
/// to keep a copy. A field past the end of the sentence reads as empty, so decoders written for NMEA 4.11
/// read NMEA 2.x sentences (fewer fields) without special cases.
/// </remarks>
public sealed partial class NmeaSentence
{
    private static readonly double[] Pow10 =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    };

    private static readonly long[] Pow10Long =
    {
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
    };

    private readonly int[] _fieldStart;
    private readonly int[] _fieldEnd;
    private byte[] _buffer;
    private int _start;
    private int _length;
    private int _fields; // including the address
    private int _invalidField;

    internal NmeaSentence(int maxFields)
    {
        _fieldStart = new int[maxFields];
        _fieldEnd = new int[maxFields];
        _buffer = new byte[1];
    }

    /// <summary>The talker (GP, BD, GB, GN, ..., or proprietary).</summary>
    public NmeaTalker Talker { get; private set; }

    /// <summary>The sentence type when it is one this library decodes; <see cref="NmeaSentenceType.Proprietary"/> for <c>$P...</c>.</summary>
    public NmeaSentenceType Type { get; private set; }

    /// <summary>Number of data fields after the address.</summary>
    public int FieldCount => _fields - 1;

    /// <summary>True when the sentence carried a <c>*HH</c> checksum.</summary>
    public bool HasChecksum { get; private set; }

    /// <summary>The bytes holding the sentence (shared; valid until the next read).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Index in <see cref="Buffer"/> of the start character (<c>$</c> or <c>!</c>).</summary>
    public int Start => _start;

    /// <summary>Length of the sentence from the start character to the checksum, without CR LF.</summary>
    public int Length => _length;

    /// <summary>True when field <paramref name="index"/> is empty or past the end of the sentence.</summary>
    public bool IsEmpty(int index) => index >= _fields || index < 0 || _fieldEnd[index] == _fieldStart[index];

    /// <summary>The number of characters in field <paramref name="index"/> (0 when absent).</summary>
    public int GetFieldLength(int index) => index >= _fields || index < 0 ? 0 : _fieldEnd[index] - _fieldStart[index];

    /// <summary>Byte <paramref name="position"/> of field <paramref name="index"/> (0 when out of range).</summary>
    public byte GetFieldByte(int index, int position) =>
        position >= 0 && position < GetFieldLength(index) ? _buffer[_fieldStart[index] + position] : (byte)0;

    /// <summary>
    /// Records that field <paramref name="index"/> is present but unreadable, for decoders derived from
    /// <see cref="NmeaTypedSentence"/>: their <c>Decode</c> then returns <see cref="NmeaRejectReason.InvalidField"/>.
    /// </summary>
    public void MarkFieldInvalid(int index)
    {
        if (_invalidField == 0)
        {
            _invalidField = index < 1 ? 1 : index;
        }
    }

    /// <summary>True when the address (field 0) equals <paramref name="address"/>, e.g. "PCAS01" or "GPRMC".</summary>
    public bool AddressIs(string address) => FieldIs(0, address);

    /// <summary>True when field <paramref name="index"/> equals <paramref name="text"/> exactly.</summary>
    public bool FieldIs(int index, string text)
    {
        int n = GetFieldLength(index);
        if (text == null || n != text.Length)
        {
            return false;
        }

        int s = _fieldStart[index];
        for (int i = 0; i < n; i++)
        {
            if (_buffer[s + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a signed decimal integer field. False when empty, or not an integer (then recorded as invalid); <paramref name="value"/> is then 0.</summary>
    public bool TryGetInt32(int index, out int value)
    {
        value = 0;
        if (IsEmpty(index))
        {
            return false;
        }

        if (!ParseInt(_fieldStart[index], _fieldEnd[index], out value))
        {
            value = 0;
            return Invalid(index);
        }

        return true;
    }

    /// <summary>Reads a hexadecimal field (NMEA 4.11 signal and system IDs: 1–F). False when empty, or not hex (then recorded as invalid).</summary>
    public bool TryGetHex(int index, out int value)
    {
        value = 0;
        if (IsEmpty(index))
        {
            return false;
        }

        if (_fieldEnd[index] - _fieldStart[index] > 7)
        {
            return Invalid(index);
        }

        for (int i = _fieldStart[index]; i < _fieldEnd[index]; i++)
        {
            int d = NmeaChecksum.HexValue(_buffer[i]);
            if (d < 0)
            {
                value = 0;
                return Invalid(index);
            }

            value = (value << 4) | d;
        }

        return true;
    }

    /// <summary>
    /// Reads a decimal number (<c>-12.345</c>) exactly: digits to an integer, one division. False when empty, or
    /// not a number (then recorded as invalid); <paramref name="value"/> is then NaN.
    /// </summary>
    public bool TryGetDouble(int index, out double value)
    {
        value = double.NaN;
        if (IsEmpty(index))
        {
            return false;
        }

        if (!ParseDouble(_fieldStart[index], _fieldEnd[index], out value))
        {
            value = double.NaN;
            return Invalid(index);
        }

        return true;
    }

    /// <summary>
    /// Reads a one-character field (mode, status, hemisphere). False when empty, or longer than one character
    /// (then recorded as invalid); <paramref name="value"/> is then <c>'\0'</c>.
    /// </summary>
    public bool TryGetChar(int index, out char value)
    {
        value = '\0';
        int n = GetFieldLength(index);
        if (n != 1)
        {
            return n != 0 && Invalid(index);
        }

        value = (char)_buffer[_fieldStart[index]];
        return true;
    }

    /// <summary>Reads a <c>hhmmss[.sss]</c> UTC time field. False when empty, or invalid (then recorded as such); <paramref name="value"/> is then not valid.</summary>
    public bool TryGetTime(int index, out NmeaTime value)
    {
        value = default;
        if (IsEmpty(index))
        {
            return false;
        }

        if (!ParseTime(_fieldStart[index], _fieldEnd[index], out value))
        {
            value = default;
            return Invalid(index);
        }

        return true;
    }

    /// <summary>
    /// Reads a <c>ddmmyy</c> date field (two-digit year rule in <see cref="NmeaDate.YearFromTwoDigits"/>). False when
    /// empty, or not a calendar date (then recorded as invalid); <paramref name="value"/> is then not valid.
    /// </summary>
    public bool TryGetDate(int index, out NmeaDate value)
    {
        value = default;
        if (IsEmpty(index))
        {
            return false;
        }

        if (!ParseDate(_fieldStart[index], _fieldEnd[index], out value))
        {
            value = default;
            return Invalid(index);
        }

        return true;
    }

    /// <summary>
    /// Reads a position component in <c>[d]ddmm.mmmm</c> form with its hemisphere in the next field
    /// (N/S or E/W) as signed decimal degrees, exact to better than 1e-9°. False when empty, or invalid (then
    /// recorded as such); <paramref name="degrees"/> is then NaN.
    /// </summary>
    public bool TryGetCoordinate(int index, out double degrees)
    {
        degrees = double.NaN;
        if (IsEmpty(index))
        {
            return false;
        }

        if (!ParseCoordinate(index, out degrees))
        {
            degrees = double.NaN;
            return Invalid(index);
        }

        return true;
    }

    /// <summary>Copies field <paramref name="index"/> into <paramref name="target"/>; false (and <paramref name="target"/> emptied) when the field is empty.</summary>
    public bool TryGetText(int index, NmeaText target)
    {
        if (target == null)
        {
            return false;
        }

        if (IsEmpty(index))
        {
            target.Clear();
            return false;
        }

        target.CopyFrom(_buffer, _fieldStart[index], _fieldEnd[index]);
        return true;
    }

    /// <summary>
    /// Copies fields <paramref name="index"/> to the last, with the commas between them, into <paramref name="target"/>
    /// (a free text that may hold commas, a proprietary sentence's fields); false (and <paramref name="target"/>
    /// emptied) when the sentence has no such field.
    /// </summary>
    public bool TryGetRest(int index, NmeaText target)
    {
        if (target == null)
        {
            return false;
        }

        if (index >= _fields || index < 0)
        {
            target.Clear();
            return false;
        }

        target.CopyFrom(_buffer, _fieldStart[index], _fieldEnd[_fields - 1]);
        return true;
    }

    // An unreadable field: recorded for the decoder, and the accessor's answer is false.
    private bool Invalid(int index)
    {
        MarkFieldInvalid(index);
        return false;
    }

    /// <summary>Field <paramref name="index"/> as a string (allocates; for tools and logs). Empty when absent.</summary>
    public string GetField(int index)
    {
        int n = GetFieldLength(index);
        char[] c = new char[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = (char)_buffer[_fieldStart[index] + i];
        }

        return new string(c);
    }

    /// <summary>The whole sentence as text, without CR LF (allocates).</summary>
    public override string ToString()
    {
        char[] c = new char[_length];
        for (int i = 0; i < _length; i++)
        {
            c[i] = (char)_buffer[_start + i];
        }

        return new string(c);
    }

    // ---- Framing (called by NmeaReader) ----

    /// <summary>
    /// Splits the line <c>buffer[start..start+length)</c> (start character included, terminator excluded)
    /// and checks it; <paramref name="cleanEnd"/> says it ended at CR/LF or the end of the stream; the sentence then refers to those bytes.
    /// </summary>
    internal NmeaRejectReason Frame(byte[] buffer, int start, int length, NmeaChecksumPolicy policy, bool cleanEnd)
    {
        int fast = -1;
        FrameFast(buffer, start, length, policy, cleanEnd, ref fast); // .NET fast path (NmeaSentence.Net.cs)
        if (fast >= 0)
        {
            return (NmeaRejectReason)fast;
        }

        _buffer = buffer;
        _start = start;
        _length = length;
        int end = start + length;
        bool hasChecksum = length >= 4 && buffer[end - 3] == '*';
        HasChecksum = hasChecksum;
        int bodyEnd = hasChecksum ? end - 3 : end;
        if (!hasChecksum && !cleanEnd)
        {
            // Cut short by the next sentence's start or a binary byte, and no checksum to prove it whole.
            return NmeaRejectReason.Malformed;
        }

        int xor = 0;
        int n = 0;
        int max = _fieldStart.Length - 1;
        _fieldStart[0] = start + 1;
        for (int i = start + 1; i < bodyEnd; i++)
        {
            byte b = buffer[i];
            xor ^= b;
            if (b == ',')
            {
                if (n == max)
                {
                    return NmeaRejectReason.Malformed;
                }

                _fieldEnd[n] = i;
                n++;
                _fieldStart[n] = i + 1;
            }
        }

        _fieldEnd[n] = bodyEnd;
        _fields = n + 1;
        _invalidField = 0;

        // Ignored accepts anything in the two checksum places, placeholders such as *XX included.
        if (hasChecksum && policy != NmeaChecksumPolicy.Ignored)
        {
            int hi = NmeaChecksum.HexValue(buffer[end - 2]);
            int lo = NmeaChecksum.HexValue(buffer[end - 1]);
            if (hi < 0 || lo < 0)
            {
                return NmeaRejectReason.Malformed;
            }

            if (((hi << 4) | lo) != xor)
            {
                return NmeaRejectReason.BadChecksum;
            }
        }
        else if (policy == NmeaChecksumPolicy.Required)
        {
            return NmeaRejectReason.MissingChecksum;
        }

        return ReadAddress();
    }

    // Implemented by the .NET fast path: sets reason to the framing result, or leaves it -1 for the loop above.
    partial void FrameFast(byte[] buffer, int start, int length, NmeaChecksumPolicy policy, bool cleanEnd, ref int reason);

    private NmeaRejectReason ReadAddress()
    {
        int s = _fieldStart[0];
        int n = _fieldEnd[0] - s;
        if (n < 2)
        {
            return NmeaRejectReason.Malformed;
        }

        for (int i = s; i < s + n; i++)
        {
            byte b = _buffer[i];
            if (!((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')))
            {
                return NmeaRejectReason.Malformed;
            }
        }

        // Any alphanumeric address frames fine; the decoder names it an unknown talker or type.
        return SetAddress(s, n);
    }

    // Type and talker of the alphanumeric address of n characters at s.
    private NmeaRejectReason SetAddress(int s, int n)
    {
        Type = n == 5 ? TypeOf(_buffer[s + 2], _buffer[s + 3], _buffer[s + 4]) : NmeaSentenceType.None;
        Talker = NmeaTalkers.FromAddress(_buffer, s, n, Type != NmeaSentenceType.None);
        if (Talker == NmeaTalker.Proprietary)
        {
            Type = NmeaSentenceType.Proprietary;
        }

        return NmeaRejectReason.None;
    }

    private static NmeaSentenceType TypeOf(byte a, byte b, byte c)
    {
        switch ((a << 16) | (b << 8) | c)
        {
            case ('R' << 16) | ('M' << 8) | 'C': return NmeaSentenceType.Rmc;
            case ('G' << 16) | ('G' << 8) | 'A': return NmeaSentenceType.Gga;
            case ('G' << 16) | ('N' << 8) | 'S': return NmeaSentenceType.Gns;
            case ('G' << 16) | ('S' << 8) | 'A': return NmeaSentenceType.Gsa;
            case ('G' << 16) | ('S' << 8) | 'V': return NmeaSentenceType.Gsv;
            case ('V' << 16) | ('T' << 8) | 'G': return NmeaSentenceType.Vtg;
            case ('G' << 16) | ('L' << 8) | 'L': return NmeaSentenceType.Gll;
            case ('Z' << 16) | ('D' << 8) | 'A': return NmeaSentenceType.Zda;
            case ('G' << 16) | ('S' << 8) | 'T': return NmeaSentenceType.Gst;
            case ('G' << 16) | ('B' << 8) | 'S': return NmeaSentenceType.Gbs;
            case ('D' << 16) | ('T' << 8) | 'M': return NmeaSentenceType.Dtm;
            case ('T' << 16) | ('X' << 8) | 'T': return NmeaSentenceType.Txt;
            default: return NmeaSentenceType.None;
        }
    }

    // ---- Readers for typed decoders: empty → absent value; bad content → absent value + InvalidField ----

    /// <summary>Index of the first field a typed decoder found present but unreadable, 0 when none.</summary>
    internal int InvalidField => _invalidField;

    internal void BeginDecode()
    {
        _invalidField = 0;
    }

    // ---- Digit parsers over the bytes ----

    private bool ParseInt(int s, int e, out int value)
    {
        value = 0;
        bool negative = false;
        if (_buffer[s] == '-' || _buffer[s] == '+')
        {
            negative = _buffer[s] == '-';
            s++;
        }

        if (s == e || e - s > 9)
        {
            return false;
        }

        int v = 0;
        for (int i = s; i < e; i++)
        {
            int d = _buffer[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            v = (v * 10) + d;
        }

        value = negative ? -v : v;
        return true;
    }

    private bool ParseDouble(int s, int e, out double value)
    {
        value = double.NaN;
        bool negative = false;
        if (_buffer[s] == '-' || _buffer[s] == '+')
        {
            negative = _buffer[s] == '-';
            s++;
        }

        long mantissa = 0;
        int digits = 0;
        int decimals = -1; // -1: no point seen yet
        for (int i = s; i < e; i++)
        {
            int d = _buffer[i] - '0';
            if ((uint)d <= 9)
            {
                if (digits < 18)
                {
                    mantissa = (mantissa * 10) + d;
                    digits++;
                    if (decimals >= 0)
                    {
                        decimals++;
                    }
                }
                else if (decimals < 0)
                {
                    return false; // more than 18 integer digits: not an NMEA quantity
                }
            }
            else if (_buffer[i] == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        // One correctly rounded division: exact for every NMEA number (< 2^53 and ≤ 18 decimals).
        double v = decimals > 0 ? mantissa / Pow10[decimals] : mantissa;
        value = negative ? -v : v;
        return true;
    }

    private bool ParseTime(int s, int e, out NmeaTime value)
    {
        value = default;
        if (e - s < 6)
        {
            return false;
        }

        int hh = Two(s);
        int mm = Two(s + 2);
        int ss = Two(s + 4);
        if (hh < 0 || mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 60)
        {
            return false;
        }

        int ms = 0;
        if (e - s > 6)
        {
            if (_buffer[s + 6] != '.')
            {
                return false;
            }

            int scale = 100;
            for (int i = s + 7; i < e; i++)
            {
                int d = _buffer[i] - '0';
                if ((uint)d > 9)
                {
                    return false;
                }

                ms += d * scale;
                scale /= 10;
            }
        }

        value = new NmeaTime(hh, mm, ss, ms);
        return true;
    }

    private bool ParseDate(int s, int e, out NmeaDate value)
    {
        value = default;
        if (e - s != 6)
        {
            return false;
        }

        int dd = Two(s);
        int mo = Two(s + 2);
        int yy = Two(s + 4);
        if (yy < 0)
        {
            return false;
        }

        // The calendar check (31 February, day 0, month 13) lives in NmeaDate: an impossible date is
        // an invalid field here, never an exception where someone later builds a clock value from it.
        value = new NmeaDate(NmeaDate.YearFromTwoDigits(yy), mo, dd);
        return value.IsValid;
    }

    private bool ParseCoordinate(int index, out double degrees)
    {
        degrees = double.NaN;
        int s = _fieldStart[index];
        int e = _fieldEnd[index];
        if (GetFieldLength(index + 1) != 1)
        {
            return false;
        }

        byte hemisphere = _buffer[_fieldStart[index + 1]];
        bool negative;
        if (hemisphere == 'N' || hemisphere == 'E')
        {
            negative = false;
        }
        else if (hemisphere == 'S' || hemisphere == 'W')
        {
            negative = true;
        }
        else
        {
            return false;
        }

        long whole = 0;
        int i = s;
        for (; i < e && _buffer[i] != '.'; i++)
        {
            int d = _buffer[i] - '0';
            if ((uint)d > 9 || i - s >= 5)
            {
                return false;
            }

            whole = (whole * 10) + d;
        }

        if (i == s)
        {
            return false;
        }

        long fraction = 0;
        int decimals = 0;
        for (i++; i < e; i++)
        {
            int d = _buffer[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            if (decimals < 10)
            {
                fraction = (fraction * 10) + d;
                decimals++;
            }
        }

        long deg = whole / 100;
        long min = whole % 100;
        // Minute 60 exactly is the next whole degree: MediaTek receivers write their no-fix
        // placeholder 90°N as 8960.0000 (gpsd reads it as 90°; rejecting it lost the epoch's time).
        if ((min >= 60 && (min != 60 || fraction != 0)) || deg > 180)
        {
            return false;
        }

        // Everything in units of 10^-decimals minutes, as an exact integer (< 2^53), then one division.
        long scale = Pow10Long[decimals];
        long units = ((((deg * 60) + min) * scale) + fraction);
        double value = units / (60.0 * scale);
        bool latitude = hemisphere == 'N' || hemisphere == 'S';
        if (value > (latitude ? 90.0 : 180.0))
        {
            return false;
        }

        degrees = negative ? -value : value;
        return true;
    }

    private int Two(int at)
    {
        int a = _buffer[at] - '0';
        int b = _buffer[at + 1] - '0';
        return (uint)a > 9 || (uint)b > 9 ? -1 : (a * 10) + b;
    }
}
