namespace EdgeSdk.Nmea;

/// <summary>Reads unsigned fields most-significant bit first; reading past the end sets <see cref="Overrun"/> and returns 0 bits.</summary>
internal struct RdssBitReader
{
    private readonly byte[] _buffer;
    private readonly int _start;
    private readonly int _lengthBits;

    internal RdssBitReader(byte[] buffer, int offset, int length)
    {
        _buffer = buffer;
        _start = offset;
        _lengthBits = length * 8;
        Bits = 0;
        Overrun = false;
    }

    internal int Bits { get; private set; }

    internal bool Overrun { get; private set; }

    internal long Read(int width)
    {
        long v = 0;
        for (int i = 0; i < width; i++)
        {
            if (Bits >= _lengthBits)
            {
                Overrun = true;
                return 0;
            }

            int b = _buffer[_start + (Bits >> 3)] >> (7 - (Bits & 7));
            v = (v << 1) | (long)(b & 1);
            Bits++;
        }

        return v;
    }
}
