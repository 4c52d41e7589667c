namespace EdgeSdk.Can
{
    /// <summary>
    /// Decodes frames into signal values for a set of messages: identifier lookup in an open-addressing table,
    /// multiplexers before the signals they select, no allocation per frame. Counts what it decodes and
    /// what it cannot. Not thread-safe: use one decoder per reading thread.
    /// </summary>
    public sealed class CanDecoder
    {
        private const uint ExtendedKeyFlag = 0x80000000;
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly byte[] NoData = new byte[0];
#pragma warning restore CA1825
        private readonly uint[] _keys;
        private readonly int[] _slots; // message index + 1; 0 = empty
        private readonly int _mask;
        private readonly CanMessage[] _messages;

        /// <summary>Creates a decoder for the given messages (e.g. <c>DbcDatabase.Messages</c>).</summary>
        /// <param name="messages">The messages; a later duplicate identifier is ignored.</param>
        public CanDecoder(CanMessage[] messages)
        {
            _messages = messages;
            int capacity = 8;
            while (capacity < messages.Length * 2)
            {
                capacity *= 2;
            }

            _keys = new uint[capacity];
            _slots = new int[capacity];
            _mask = capacity - 1;
            for (int i = 0; i < messages.Length; i++)
            {
                CanMessage m = messages[i];
                if (m.Signals.Length > MaxSignalsPerMessage)
                {
                    MaxSignalsPerMessage = m.Signals.Length;
                }

                uint key = Key(m.Id, m.IsExtended);
                int slot = Hash(key);
                while (_slots[slot] != 0 && _keys[slot] != key)
                {
                    slot = (slot + 1) & _mask;
                }

                if (_slots[slot] == 0)
                {
                    _keys[slot] = key;
                    _slots[slot] = i + 1;
                }
            }
        }

        /// <summary>The most signals of any message: the size a <see cref="CanDecodedFrame"/> needs.</summary>
        public int MaxSignalsPerMessage { get; }

        /// <summary>Frames decoded.</summary>
        public long DecodedFrames { get; private set; }

        /// <summary>Frames whose identifier is not in the database.</summary>
        public long UnknownIdFrames { get; private set; }

        /// <summary>Frames shorter than their message's DLC.</summary>
        public long ShortFrames { get; private set; }

        /// <summary>Calls with a data array shorter than offset + length.</summary>
        public long BadArgumentCalls { get; private set; }

        /// <summary>Creates a result buffer big enough for every message of this decoder.</summary>
        /// <returns>A new reusable result.</returns>
        public CanDecodedFrame CreateResult() => new CanDecodedFrame(MaxSignalsPerMessage);

        /// <summary>Finds the message for an identifier.</summary>
        /// <param name="id">Identifier, 11 or 29 bits.</param>
        /// <param name="isExtended">True for a 29-bit identifier.</param>
        /// <returns>Index into the messages given to the constructor, or -1.</returns>
        public int FindMessageIndex(uint id, bool isExtended)
        {
            uint key = Key(id, isExtended);
            int slot = Hash(key);
            while (true)
            {
                int entry = _slots[slot];
                if (entry == 0)
                {
                    return -1;
                }

                if (_keys[slot] == key)
                {
                    return entry - 1;
                }

                slot = (slot + 1) & _mask;
            }
        }

        /// <summary>
        /// Decodes one frame into <paramref name="result"/>. Signals are written by their index in the message;
        /// a multiplexed signal is present only when its multiplexer's raw value selects it.
        /// </summary>
        /// <param name="id">Identifier, 11 or 29 bits.</param>
        /// <param name="isExtended">True for a 29-bit identifier.</param>
        /// <param name="data">Frame data.</param>
        /// <param name="offset">Index of the first data byte.</param>
        /// <param name="length">Number of data bytes.</param>
        /// <param name="result">Reused result, sized with <see cref="CreateResult"/>.</param>
        /// <returns>Decoded, or why not (also counted).</returns>
        public CanDecodeStatus TryDecode(uint id, bool isExtended, byte[] data, int offset, int length, CanDecodedFrame result)
        {
            if (data == null || result == null || offset < 0 || length < 0 || offset + length > data.Length)
            {
                BadArgumentCalls++;
                return CanDecodeStatus.BadArguments;
            }

            int index = FindMessageIndex(id, isExtended);
            if (index < 0)
            {
                UnknownIdFrames++;
                return CanDecodeStatus.UnknownId;
            }

            CanMessage message = _messages[index];
            if (length < message.LengthBytes)
            {
                ShortFrames++;
                return CanDecodeStatus.ShortFrame;
            }

            CanSignal[] signals = message.Signals;
            if (signals.Length > result.IsPresent.Length)
            {
                BadArgumentCalls++;
                return CanDecodeStatus.BadArguments;
            }

            bool[] present = result.IsPresent;
            long[] raw = result.RawValues;
            double[] physical = result.PhysicalValues;
            for (int i = 0; i < signals.Length; i++)
            {
                present[i] = false;
            }

            // The first (up to) 8 bytes as two 64-bit words, zero-padded: most signals are one shift and mask of these.
            ulong little = 0;
            ulong big = 0;
            int wordBytes = length < 8 ? length : 8;
            for (int b = 0; b < wordBytes; b++)
            {
                ulong v = data[offset + b];
                little |= v << (b << 3);
                big |= v << (56 - (b << 3));
            }

            int[] order = message.DecodeOrder;
            for (int k = 0; k < order.Length; k++)
            {
                int i = order[k];
                CanSignal signal = signals[i];
                int mux = signal.MultiplexerIndex;
                if (mux >= 0 && (!present[mux] || !signal.IsSelectedBy(raw[mux])))
                {
                    continue;
                }

                if (signal.RequiredLengthBytes > length)
                {
                    continue; // the DBC places the signal beyond the message's own length (reported when parsed)
                }

                long value;
                if (signal.FitsInFirstWord)
                {
                    ulong bits = ((signal.ByteOrder == CanByteOrder.Intel ? little : big) >> signal.WordShift) & signal.WordMask;
                    int n = signal.LengthBits;
                    if (signal.IsSigned && n < 64 && ((bits >> (n - 1)) & 1UL) != 0)
                    {
                        bits |= ulong.MaxValue << n;
                    }

                    value = (long)bits;
                }
                else
                {
                    value = CanSignalCodec.ReadRaw(signal, data, offset);
                }
                raw[i] = value;
                physical[i] = CanSignalCodec.ToPhysical(signal, value);
                present[i] = true;
            }

            result.Message = message;
            result.SignalCount = signals.Length;
            DecodedFrames++;
            return CanDecodeStatus.Decoded;
        }

        /// <summary>Decodes a frame from a source (<see cref="CanFrame"/>); a remote frame carries no data and is a short frame.</summary>
        /// <param name="frame">The frame.</param>
        /// <param name="result">Reused result, sized with <see cref="CreateResult"/>.</param>
        /// <returns>Decoded, or why not (also counted).</returns>
        public CanDecodeStatus TryDecode(CanFrame frame, CanDecodedFrame result)
        {
            byte[] data = frame.Data == null ? NoData : frame.Data;
            return TryDecode(frame.Id, frame.IsExtended, data, 0, data.Length, result);
        }

        private static uint Key(uint id, bool isExtended) => isExtended ? (id | ExtendedKeyFlag) : id;

        private int Hash(uint key) => (int)((key * 2654435761u) >> 7) & _mask;
    }
}
