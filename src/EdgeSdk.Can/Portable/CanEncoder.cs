namespace EdgeSdk.Can
{
    /// <summary>
    /// Encodes physical values into a frame: multiplexers first, then only the signals they select, so a
    /// multiplexed message carries exactly one page. No allocation per frame. Not thread-safe.
    /// </summary>
    public sealed class CanEncoder
    {
        private long[] _raw;

        /// <summary>Creates an encoder with room for messages of up to <paramref name="maxSignals"/> signals (grows when needed).</summary>
        /// <param name="maxSignals">The most signals of any message to encode.</param>
        public CanEncoder(int maxSignals)
        {
            _raw = new long[maxSignals < 1 ? 1 : maxSignals];
        }

        /// <summary>Frames encoded.</summary>
        public long EncodedFrames { get; private set; }

        /// <summary>Frames not encoded completely because a value did not fit its signal.</summary>
        public long OutOfRangeFrames { get; private set; }

        /// <summary>
        /// Clears the message's <see cref="CanMessage.LengthBytes"/> bytes and writes every signal that is present
        /// (not multiplexed, or selected by its multiplexer's value).
        /// </summary>
        /// <param name="message">The message.</param>
        /// <param name="physicalValues">Physical values by signal index (same indexes as <see cref="CanMessage.Signals"/>).</param>
        /// <param name="data">Destination.</param>
        /// <param name="offset">Index of the frame's first byte in <paramref name="data"/>.</param>
        /// <returns>Encoded, or why not. On <see cref="CanEncodeStatus.ValueOutOfRange"/> the other signals are still written.</returns>
        public CanEncodeStatus TryEncode(CanMessage message, double[] physicalValues, byte[] data, int offset)
        {
            CanSignal[] signals = message.Signals;
            if (data == null || physicalValues == null || offset < 0 || offset + message.LengthBytes > data.Length || physicalValues.Length < signals.Length)
            {
                return CanEncodeStatus.BufferTooSmall;
            }

            if (_raw.Length < signals.Length)
            {
                _raw = new long[signals.Length];
            }

            for (int i = 0; i < message.LengthBytes; i++)
            {
                data[offset + i] = 0;
            }

            bool allFit = true;
            int[] order = message.DecodeOrder;
            for (int k = 0; k < order.Length; k++)
            {
                int i = order[k];
                CanSignal signal = signals[i];
                int mux = signal.MultiplexerIndex;
                if (mux >= 0 && !signal.IsSelectedBy(_raw[mux]))
                {
                    continue;
                }

                if (signal.RequiredLengthBytes > message.LengthBytes)
                {
                    continue;
                }

                long raw;
                if (!CanSignalCodec.TryToRaw(signal, physicalValues[i], out raw))
                {
                    allFit = false;
                    raw = 0;
                }

                _raw[i] = raw;
                CanSignalCodec.WriteRaw(signal, raw, data, offset);
            }

            if (!allFit)
            {
                OutOfRangeFrames++;
                return CanEncodeStatus.ValueOutOfRange;
            }

            EncodedFrames++;
            return CanEncodeStatus.Encoded;
        }
    }
}
