namespace EdgeSdk.Jt808
{
    /// <summary>A growable big-endian byte buffer for body encoding (no generic collections, so it also runs on nanoFramework).</summary>
    public sealed class Jt808Writer
    {
        private byte[] _buffer;

        /// <summary>Creates a writer with room for <paramref name="capacity"/> bytes before it grows.</summary>
        /// <param name="capacity">Initial capacity in bytes (at least 1).</param>
        public Jt808Writer(int capacity)
        {
            _buffer = new byte[capacity < 1 ? 1 : capacity];
        }

        /// <summary>Bytes written so far.</summary>
        public int Length { get; private set; }

        /// <summary>The buffer; bytes 0 to <see cref="Length"/> are the written ones.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Forgets what was written, keeping the buffer.</summary>
        public void Clear() => Length = 0;

        /// <summary>Appends one byte.</summary>
        /// <param name="value">The byte.</param>
        public void WriteByte(int value)
        {
            Ensure(1);
            _buffer[Length++] = (byte)value;
        }

        /// <summary>Appends a WORD (2 bytes, big-endian).</summary>
        /// <param name="value">The value; only the low 16 bits are written.</param>
        public void WriteUInt16(int value)
        {
            Ensure(2);
            _buffer[Length++] = (byte)(value >> 8);
            _buffer[Length++] = (byte)value;
        }

        /// <summary>Appends a DWORD (4 bytes, big-endian).</summary>
        /// <param name="value">The value.</param>
        public void WriteUInt32(uint value)
        {
            Ensure(4);
            _buffer[Length++] = (byte)(value >> 24);
            _buffer[Length++] = (byte)(value >> 16);
            _buffer[Length++] = (byte)(value >> 8);
            _buffer[Length++] = (byte)value;
        }

        /// <summary>Appends bytes.</summary>
        /// <param name="source">Source array; null writes nothing.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void WriteBytes(byte[] source, int offset, int count)
        {
            if (source == null || count <= 0)
            {
                return;
            }

            Ensure(count);
            System.Array.Copy(source, offset, _buffer, Length, count);
            Length += count;
        }

        /// <summary>Appends a whole array.</summary>
        /// <param name="source">Source array; null writes nothing.</param>
        public void WriteBytes(byte[] source) => WriteBytes(source, 0, source == null ? 0 : source.Length);

        /// <summary>Appends <paramref name="source"/> cut or zero-padded to exactly <paramref name="width"/> bytes (the standard's fixed-width BYTE[n] fields).</summary>
        /// <param name="source">Source array; null writes zeros.</param>
        /// <param name="width">Field width in bytes.</param>
        public void WriteFixed(byte[] source, int width)
        {
            Ensure(width);
            for (int i = 0; i < width; i++)
            {
                _buffer[Length++] = source != null && i < source.Length ? source[i] : (byte)0;
            }
        }

        /// <summary>A copy of the written bytes.</summary>
        /// <returns>A new array of <see cref="Length"/> bytes.</returns>
        public byte[] ToArray() => Jt808Bytes.Copy(_buffer, 0, Length);

        private void Ensure(int more)
        {
            if (Length + more <= _buffer.Length)
            {
                return;
            }

            int size = _buffer.Length * 2;
            if (size < Length + more)
            {
                size = Length + more;
            }

            byte[] grown = new byte[size];
            System.Array.Copy(_buffer, 0, grown, 0, Length);
            _buffer = grown;
        }
    }
}
