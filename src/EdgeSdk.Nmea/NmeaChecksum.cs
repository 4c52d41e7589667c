namespace EdgeSdk.Nmea;

/// <summary>
/// The NMEA 0183 checksum: the XOR of every character between the start character (<c>$</c> or <c>!</c>)
/// and the <c>*</c>, written as two upper-case hexadecimal digits after the <c>*</c>. The one home of
/// this rule: <see cref="NmeaWriter"/> appends it with <see cref="Compute(byte[], int, int)"/> and the
/// reader checks it with <see cref="HexValue"/>.
/// </summary>
/// <example>
/// <code>
/// string line = NmeaChecksum.Append("$PCAS03,1,0,0,0,1,0,0,0,0,0,,,0,0");   // "$PCAS03,1,0,0,0,1,0,0,0,0,0,,,0,0*02"
/// bool ok = NmeaChecksum.Verify(line);                                     // true
/// int sum = NmeaChecksum.Compute(line);                                    // 0x02
/// </code>
/// </example>
public static class NmeaChecksum
{
    private static readonly char[] HexDigits = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F' };

    /// <summary>
    /// The XOR of <paramref name="count"/> bytes from <paramref name="offset"/>: pass the bytes after the start
    /// character up to (not including) the <c>*</c>. Returns 0–255; 0 for an invalid range.
    /// </summary>
    public static int Compute(byte[] data, int offset, int count)
    {
        if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
        {
            return 0;
        }

        int xor = 0;
        for (int i = offset; i < offset + count; i++)
        {
            xor ^= data[i];
        }

        return xor;
    }

    /// <summary>
    /// The checksum of a sentence given as text: the XOR of its characters after a leading <c>$</c> or <c>!</c>
    /// (optional) and before a final <c>*HH</c> (or a final <c>*</c>), a trailing CR/LF ignored, so
    /// <c>"$GPGGA,...*47\r\n"</c>, <c>"$GPGGA,..."</c> and <c>"GPGGA,..."</c> give the same value, the same
    /// rule as <see cref="NmeaReader"/>. Returns 0–255; 0 for null or empty text.
    /// </summary>
    public static int Compute(string sentence)
    {
        if (sentence == null)
        {
            return 0;
        }

        int end = BodyEnd(sentence);
        int xor = 0;
        for (int i = BodyStart(sentence); i < end; i++)
        {
            xor ^= sentence[i] & 0xFF;
        }

        return xor;
    }

    /// <summary>
    /// The sentence with a fresh <c>*HH</c>: any checksum it already carries (even a placeholder such as
    /// <c>*XX</c>, or a bare final <c>*</c>) and a trailing CR/LF are replaced, so <c>"$GPGGA,..."</c> becomes <c>"$GPGGA,...*47"</c>.
    /// No CR LF is added. Null gives an empty string (allocates).
    /// </summary>
    public static string Append(string sentence)
    {
        if (sentence == null)
        {
            return string.Empty;
        }

        int end = BodyEnd(sentence);
        int xor = Compute(sentence);
        char[] c = new char[end + 3];
        for (int i = 0; i < end; i++)
        {
            c[i] = sentence[i];
        }

        c[end] = '*';
        c[end + 1] = HexDigits[(xor >> 4) & 0xF];
        c[end + 2] = HexDigits[xor & 0xF];
        return new string(c);
    }

    /// <summary>
    /// True when the sentence ends in <c>*HH</c> (a trailing CR/LF is allowed; upper- or lower-case hex) and
    /// <c>HH</c> equals <see cref="Compute(string)"/>. False for no checksum, a placeholder or a mismatch.
    /// </summary>
    public static bool Verify(string sentence)
    {
        if (sentence == null)
        {
            return false;
        }

        int star = BodyEnd(sentence);
        int end = TrimmedEnd(sentence);
        if (end - star != 3)
        {
            return false;
        }

        int hi = HexValue(sentence[star + 1]);
        int lo = HexValue(sentence[star + 2]);
        return hi >= 0 && lo >= 0 && ((hi << 4) | lo) == Compute(sentence);
    }

    /// <summary>The value of one hexadecimal digit (<c>0-9</c>, <c>A-F</c>, <c>a-f</c>), or -1.</summary>
    internal static int HexValue(int c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }

        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }

        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }

        return -1;
    }

    /// <summary>The upper-case hexadecimal digit of the low four bits of <paramref name="value"/>.</summary>
    internal static char HexDigit(int value) => HexDigits[value & 0xF];

    private static int BodyStart(string s) => s.Length > 0 && (s[0] == '$' || s[0] == '!') ? 1 : 0;

    // Where the checksummed part ends, as the reader sees it: before a final "*HH" (or a bare final '*'),
    // else at the end without trailing CR/LF. A '*' elsewhere is an ordinary (if illegal) character.
    private static int BodyEnd(string s)
    {
        int end = TrimmedEnd(s);
        if (end >= 3 && s[end - 3] == '*')
        {
            return end - 3;
        }

        return end >= 1 && s[end - 1] == '*' ? end - 1 : end;
    }

    private static int TrimmedEnd(string s)
    {
        int end = s.Length;
        while (end > 0 && (s[end - 1] == '\r' || s[end - 1] == '\n'))
        {
            end--;
        }

        return end;
    }
}
