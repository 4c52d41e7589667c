namespace EdgeSdk.Tracker;

/// <summary>
/// Protocol Buffers wire-format writer over a <c>byte[]</c>, for the portable subset (no Span, no
/// System.Text, no reflection). With no buffer it only counts bytes: the encoders run the same code once
/// to learn a nested message's length (protobuf prefixes it) and once to write, so size and bytes cannot
/// disagree.
/// </summary>
internal sealed class ProtoWriter
{
    /// <summary>Wire type of varints (int64, uint32, sint64, bool, enum).</summary>
    public const int Varint = 0;

    /// <summary>Wire type of fixed64.</summary>
    public const int Fixed64 = 1;

    /// <summary>Wire type of strings, nested messages and packed repeated fields.</summary>
    public const int LengthDelimited = 2;

    private byte[] _buffer;
    private int _position;

    /// <summary>Bytes written (or counted) so far, from the offset given to <see cref="Reset"/>.</summary>
    public int Position
    {
        get { return _position; }
    }

    /// <summary>Starts writing at <paramref name="offset"/> of <paramref name="buffer"/>; a null buffer counts only.</summary>
    public void Reset(byte[] buffer, int offset)
    {
        _buffer = buffer;
        _position = offset;
    }

    /// <summary>Writes a field key: field number and wire type.</summary>
    public void WriteTag(int field, int wireType)
    {
        WriteVarint((ulong)((field << 3) | wireType));
    }

    /// <summary>Writes an unsigned varint, 7 bits a byte, low bits first.</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>Writes a sint64 (zig-zag, so small negative numbers stay short).</summary>
    public void WriteSInt64(long value)
    {
        WriteVarint(ZigZag(value));
    }

    /// <summary>Writes a fixed64, little-endian.</summary>
    public void WriteFixed64(ulong value)
    {
        for (int i = 0; i < 8; i++)
        {
            WriteByte((byte)(value >> (8 * i)));
        }
    }

    /// <summary>Writes a length prefix followed by <paramref name="count"/> bytes.</summary>
    public void WriteBytes(byte[] bytes, int count)
    {
        WriteVarint((ulong)count);
        if (_buffer != null)
        {
            for (int i = 0; i < count; i++)
            {
                _buffer[_position + i] = bytes[i];
            }
        }

        _position += count;
    }

    /// <summary>Zig-zag mapping of sint64: 0, -1, 1, -2 ... to 0, 1, 2, 3 ...</summary>
    public static ulong ZigZag(long value)
    {
        return (ulong)((value << 1) ^ (value >> 63));
    }

    /// <summary>Bytes a varint of <paramref name="value"/> takes (1 to 10).</summary>
    public static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private void WriteByte(byte value)
    {
        if (_buffer != null)
        {
            _buffer[_position] = value;
        }

        _position++;
    }
}
