namespace EdgeSdk.Nmea;

/// <summary>
/// The payload of a short message as bytes in a fixed buffer (no allocation per sentence). How it travels in
/// the sentence depends on the encoding: hex for code, mixed and every BDS-3 encoding (mixed behind the
/// marker byte <c>A4</c>), raw GB2312 bytes for protocol 2.1 Chinese. Text conversion (GB18030) is the
/// .NET side's job; this type holds bytes only.
/// </summary>
public sealed class RdssPayload
{
    /// <summary>Default capacity: 1,750 bytes = 14,000 bits, the longest BDS-3 regional message.</summary>
    public const int DefaultCapacityBytes = 1750;

    /// <summary>The marker byte that starts a mixed (Chinese and ASCII) payload on the wire.</summary>
    public const byte MixedMarker = 0xA4;

    private readonly byte[] _bytes;
    private readonly char[] _hex;

    /// <summary>Creates an empty payload of up to <paramref name="capacityBytes"/> bytes.</summary>
    public RdssPayload(int capacityBytes)
    {
        _bytes = new byte[capacityBytes < 1 ? 1 : capacityBytes];
        _hex = new char[(_bytes.Length * 2) + 2];
    }

    /// <summary>Creates an empty payload of <see cref="DefaultCapacityBytes"/>.</summary>
    public RdssPayload() : this(DefaultCapacityBytes)
    {
    }

    /// <summary>The bytes, valid up to <see cref="Length"/>.</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Number of payload bytes.</summary>
    public int Length { get; private set; }

    /// <summary>The payload size in bits (what the card's length limit counts).</summary>
    public int LengthBits => Length * 8;

    /// <summary>Most bytes this payload holds.</summary>
    public int CapacityBytes => _bytes.Length;

    /// <summary>
    /// True when a mixed payload carried (or is to be written with) the <c>A4</c> marker; the marker is not
    /// part of <see cref="Bytes"/>. Public BDS-3 examples send mixed content without it, so it is kept as read.
    /// </summary>
    public bool HasMixedMarker { get; set; }

    /// <summary>Replaces the payload with <paramref name="count"/> bytes; false (payload unchanged) when they do not fit.</summary>
    public bool Set(byte[] data, int offset, int count)
    {
        if (data == null || offset < 0 || count < 0 || offset + count > data.Length || count > _bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            _bytes[i] = data[offset + i];
        }

        Length = count;
        return true;
    }

    /// <summary>Empties the payload.</summary>
    public void Clear()
    {
        Length = 0;
    }

    /// <summary>Reads a hex field (upper or lower case); <paramref name="mixed"/> strips a leading <c>A4</c>. False when odd, not hex or too long.</summary>
    internal bool ReadHex(NmeaSentence s, int index, bool mixed)
    {
        Length = 0;
        HasMixedMarker = false;
        int n = s.GetFieldLength(index);
        if ((n & 1) != 0)
        {
            return false;
        }

        int start = 0;
        if (mixed && n >= 2 && Hex(s, index, 0) == MixedMarker)
        {
            HasMixedMarker = true;
            start = 2;
        }

        if ((n - start) / 2 > _bytes.Length)
        {
            return false;
        }

        for (int i = start; i < n; i += 2)
        {
            int b = Hex(s, index, i);
            if (b < 0)
            {
                Length = 0;
                return false;
            }

            _bytes[Length++] = (byte)b;
        }

        return true;
    }

    /// <summary>Copies the field's bytes as they are (protocol 2.1 Chinese). False when too long.</summary>
    internal bool ReadRaw(NmeaSentence s, int index)
    {
        HasMixedMarker = false;
        int n = s.GetFieldLength(index);
        Length = 0;
        if (n > _bytes.Length)
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            _bytes[i] = s.GetFieldByte(index, i);
        }

        Length = n;
        return true;
    }

    /// <summary>Writes the payload as one upper-case hex field (after <c>A4</c> when <paramref name="mixed"/> and marked).</summary>
    internal void WriteHex(NmeaWriter w, bool mixed)
    {
        int n = 0;
        if (mixed && HasMixedMarker)
        {
            _hex[n++] = NmeaChecksum.HexDigit(MixedMarker >> 4);
            _hex[n++] = NmeaChecksum.HexDigit(MixedMarker);
        }

        for (int i = 0; i < Length; i++)
        {
            _hex[n++] = NmeaChecksum.HexDigit(_bytes[i] >> 4);
            _hex[n++] = NmeaChecksum.HexDigit(_bytes[i]);
        }

        w.Field(_hex, n);
    }

    /// <summary>
    /// Writes the payload bytes raw (protocol 2.1 Chinese). The writer turns non-ASCII characters into '?',
    /// so placeholders are written and then replaced in its buffer before <c>End</c> computes the checksum.
    /// </summary>
    internal void WriteRaw(NmeaWriter w)
    {
        for (int i = 0; i < Length; i++)
        {
            _hex[i] = '?';
        }

        int at = w.Length + 1; // after the comma
        w.Field(_hex, Length);
        if (w.Overflowed)
        {
            return;
        }

        for (int i = 0; i < Length; i++)
        {
            w.Buffer[at + i] = _bytes[i];
        }
    }

    private static int Hex(NmeaSentence s, int index, int at)
    {
        int hi = NmeaChecksum.HexValue(s.GetFieldByte(index, at));
        int lo = NmeaChecksum.HexValue(s.GetFieldByte(index, at + 1));
        return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
    }
}
