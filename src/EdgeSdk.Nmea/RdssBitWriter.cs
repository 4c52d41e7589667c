namespace EdgeSdk.Nmea;

/// <summary>Writes unsigned fields most-significant bit first into a byte array (counts bits; never writes past the end).</summary>
internal struct RdssBitWriter
{
    private readonly byte[] _buffer;
    private readonly int _start;
    private readonly int _capacityBits;

    internal RdssBitWriter(byte[] buffer, int offset, int capacityBytes)
    {
        _buffer = buffer;
        _start = offset;
        _capacityBits = capacityBytes * 8;
        Bits = 0;
    }

    internal int Bits { get; private set; }

    internal void Write(long value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            if (Bits >= _capacityBits)
            {
                return;
            }

            int at = _start + (Bits >> 3);
            int mask = 0x80 >> (Bits & 7);
            if (((value >> i) & 1) != 0)
            {
                _buffer[at] = (byte)(_buffer[at] | mask);
            }
            else
            {
                _buffer[at] = (byte)(_buffer[at] & ~mask);
            }

            Bits++;
        }
    }
}
