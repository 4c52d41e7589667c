namespace EdgeSdk.Jt808
{
    /// <summary>
    /// Cuts a byte stream (TCP, serial) into 0x7E-delimited frames for <see cref="Jt808Codec.TryDecode"/>, without
    /// allocating. Bounded: a frame longer than the largest escaped frame the standard allows is dropped and counted
    /// (<see cref="FramesOverflowed"/>); bytes outside frames are counted in <see cref="BytesDiscarded"/>. An empty pair
    /// of flags (7E 7E, sent by terminals that share or double flags) is skipped.
    /// </summary>
    public sealed class Jt808FrameReader
    {
        /// <summary>Largest frame on the wire: every content byte escaped, plus the two flags.</summary>
        public const int MaxFrameLength = (2 * Jt808Codec.MaxContentLength) + 2;

        private readonly byte[] _frame = new byte[MaxFrameLength];
        private bool _inFrame;

        /// <summary>The buffer holding the frame when <see cref="HasFrame"/>; valid until the next <see cref="Feed"/>.</summary>
        public byte[] Frame => _frame;

        /// <summary>Bytes of the frame in <see cref="Frame"/>, flags included.</summary>
        public int FrameLength { get; private set; }

        /// <summary>True when the last <see cref="Feed"/> completed a frame.</summary>
        public bool HasFrame { get; private set; }

        /// <summary>Frames completed.</summary>
        public long FramesRead { get; private set; }

        /// <summary>Frames dropped because they grew past <see cref="MaxFrameLength"/> without a closing flag.</summary>
        public long FramesOverflowed { get; private set; }

        /// <summary>Bytes dropped: outside any frame, or belonging to an overflowed frame.</summary>
        public long BytesDiscarded { get; private set; }

        /// <summary>
        /// Consumes bytes until a frame completes or the input ends. Call again with the rest of the input while bytes
        /// remain; after each call, check <see cref="HasFrame"/>.
        /// </summary>
        /// <param name="data">Input buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Bytes available.</param>
        /// <returns>Bytes consumed.</returns>
        public int Feed(byte[] data, int offset, int count)
        {
            HasFrame = false;
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (!_inFrame)
                {
                    if (b == Jt808Codec.Flag)
                    {
                        _inFrame = true;
                        _frame[0] = b;
                        FrameLength = 1;
                    }
                    else
                    {
                        BytesDiscarded++;
                    }

                    continue;
                }

                if (b == Jt808Codec.Flag)
                {
                    if (FrameLength == 1)
                    {
                        continue; // 7E 7E: the second flag opens the frame.
                    }

                    _frame[FrameLength++] = b;
                    _inFrame = false;
                    HasFrame = true;
                    FramesRead++;
                    return i + 1;
                }

                if (FrameLength == _frame.Length)
                {
                    FramesOverflowed++;
                    BytesDiscarded += FrameLength + 1;
                    _inFrame = false;
                    FrameLength = 0;
                    continue;
                }

                _frame[FrameLength++] = b;
            }

            return count;
        }
    }
}
