namespace EdgeSdk.Nmea;

/// <summary>
/// A text field copied out of a sentence into a fixed buffer (TXT message, DTM datum code), so
/// decoding allocates nothing; <see cref="ToString"/> makes a string only when asked.
/// </summary>
public sealed class NmeaText
{
    private readonly byte[] _bytes;

    /// <summary>Creates an empty text of up to <paramref name="capacity"/> characters (longer text is cut).</summary>
    public NmeaText(int capacity)
    {
        _bytes = new byte[capacity];
    }

    /// <summary>Number of characters held.</summary>
    public int Length { get; private set; }

    /// <summary>True when the field was empty (absent).</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The ASCII bytes, valid up to <see cref="Length"/>.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Replaces the text (characters beyond the capacity are dropped; non-ASCII becomes '?').</summary>
    public void Set(string value)
    {
        Length = 0;
        if (value == null)
        {
            return;
        }

        for (int i = 0; i < value.Length && Length < _bytes.Length; i++)
        {
            char c = value[i];
            _bytes[Length++] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
        }
    }

    /// <summary>True when the text equals <paramref name="value"/> exactly (no allocation).</summary>
    public bool Matches(string value)
    {
        if (value == null || value.Length != Length)
        {
            return false;
        }

        for (int i = 0; i < Length; i++)
        {
            if (_bytes[i] != value[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text as a string (allocates).</summary>
    public override string ToString()
    {
        char[] c = new char[Length];
        for (int i = 0; i < Length; i++)
        {
            c[i] = (char)_bytes[i];
        }

        return new string(c);
    }

    internal void Clear()
    {
        Length = 0;
    }

    internal void CopyFrom(byte[] source, int start, int end)
    {
        int n = end - start;
        if (n > _bytes.Length)
        {
            n = _bytes.Length;
        }

        for (int i = 0; i < n; i++)
        {
            _bytes[i] = source[start + i];
        }

        Length = n;
    }

    internal static void PutDigits(char[] target, int at, int value, int digits)
    {
        for (int i = at + digits - 1; i >= at; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
