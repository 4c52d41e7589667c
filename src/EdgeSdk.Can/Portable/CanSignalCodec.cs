namespace EdgeSdk.Can
{
    /// <summary>
    /// Reads and writes one signal's bits in a frame, and converts raw ↔ physical. Works on any frame length
    /// (classic CAN and CAN FD up to 64 bytes) and any signal length up to 64 bits, without allocating.
    /// </summary>
    public static class CanSignalCodec
    {
        /// <summary>
        /// Reads a signal's raw value (sign-extended when <see cref="CanSignal.IsSigned"/>). The caller checks that
        /// the frame holds <see cref="CanSignal.RequiredLengthBytes"/> bytes.
        /// </summary>
        /// <param name="signal">The signal.</param>
        /// <param name="data">Frame data.</param>
        /// <param name="offset">Index of the frame's first data byte in <paramref name="data"/>.</param>
        /// <returns>The raw value.</returns>
        public static long ReadRaw(CanSignal signal, byte[] data, int offset)
        {
            int remaining = signal.LengthBits;
            int bit = signal.StartBit;
            ulong value = 0;
            if (signal.ByteOrder == CanByteOrder.Intel)
            {
                // LSB first: each step takes the bits from `bit` up to the end of its byte.
                int got = 0;
                while (remaining > 0)
                {
                    int inByte = bit & 7;
                    int take = 8 - inByte;
                    if (take > remaining)
                    {
                        take = remaining;
                    }

                    ulong chunk = (ulong)((data[offset + (bit >> 3)] >> inByte) & ((1 << take) - 1));
                    value |= chunk << got;
                    got += take;
                    bit += take;
                    remaining -= take;
                }
            }
            else
            {
                // MSB first (sawtooth): take bits from `bit` down to bit 0 of its byte, then continue at bit 7
                // of the next byte, shifting earlier bits up. The same walk as opendbc's parser.
                while (remaining > 0)
                {
                    int inByte = bit & 7;
                    int take = inByte + 1;
                    if (take > remaining)
                    {
                        take = remaining;
                    }

                    ulong chunk = (ulong)((data[offset + (bit >> 3)] >> (inByte + 1 - take)) & ((1 << take) - 1));
                    value = (value << take) | chunk;
                    remaining -= take;
                    bit = (bit | 7) + 8;
                }
            }

            int length = signal.LengthBits;
            if (signal.IsSigned && length < 64 && ((value >> (length - 1)) & 1UL) != 0)
            {
                value |= ulong.MaxValue << length;
            }

            return (long)value;
        }

        /// <summary>
        /// Writes a raw value into a signal's bits, leaving every other bit of the frame as it was. Bits of
        /// <paramref name="rawValue"/> above the signal's length are ignored.
        /// </summary>
        /// <param name="signal">The signal.</param>
        /// <param name="rawValue">The raw value (two's complement for negative values).</param>
        /// <param name="data">Frame data.</param>
        /// <param name="offset">Index of the frame's first data byte in <paramref name="data"/>.</param>
        public static void WriteRaw(CanSignal signal, long rawValue, byte[] data, int offset)
        {
            ulong value = (ulong)rawValue;
            int remaining = signal.LengthBits;
            int bit = signal.StartBit;
            if (signal.ByteOrder == CanByteOrder.Intel)
            {
                while (remaining > 0)
                {
                    int inByte = bit & 7;
                    int take = 8 - inByte;
                    if (take > remaining)
                    {
                        take = remaining;
                    }

                    int mask = ((1 << take) - 1) << inByte;
                    int index = offset + (bit >> 3);
                    data[index] = (byte)((data[index] & ~mask) | ((int)(value << inByte) & mask));
                    value >>= take;
                    bit += take;
                    remaining -= take;
                }
            }
            else
            {
                while (remaining > 0)
                {
                    int inByte = bit & 7;
                    int take = inByte + 1;
                    if (take > remaining)
                    {
                        take = remaining;
                    }

                    int shift = inByte + 1 - take;
                    int mask = ((1 << take) - 1) << shift;
                    int chunk = (int)((value >> (remaining - take)) & (ulong)((1 << take) - 1));
                    int index = offset + (bit >> 3);
                    data[index] = (byte)((data[index] & ~mask) | ((chunk << shift) & mask));
                    remaining -= take;
                    bit = (bit | 7) + 8;
                }
            }
        }

        /// <summary>Converts raw to physical: <c>raw * Factor + Offset</c>, not clamped to the documented range.</summary>
        /// <param name="signal">The signal.</param>
        /// <param name="rawValue">The raw value.</param>
        /// <returns>The physical value.</returns>
        public static double ToPhysical(CanSignal signal, long rawValue)
        {
            // An unsigned 64-bit raw value above long.MaxValue arrives as a negative long.
            double raw = rawValue < 0 && !signal.IsSigned ? (double)(ulong)rawValue : rawValue;
            return (raw * signal.Factor) + signal.Offset;
        }

        /// <summary>
        /// Converts physical to raw, rounding half away from zero, and checks that the result fits the signal's bits.
        /// </summary>
        /// <param name="signal">The signal.</param>
        /// <param name="physicalValue">The physical value.</param>
        /// <param name="rawValue">The raw value, 0 when it does not fit.</param>
        /// <returns>False when the value is not a number or does not fit the signal's bits.</returns>
        public static bool TryToRaw(CanSignal signal, double physicalValue, out long rawValue)
        {
            rawValue = 0;
            double factor = signal.Factor == 0 ? 1 : signal.Factor;
            double scaled = (physicalValue - signal.Offset) / factor;
            if (double.IsNaN(scaled) || double.IsInfinity(scaled))
            {
                return false;
            }

            double rounded = scaled >= 0 ? scaled + 0.5 : scaled - 0.5;
            int length = signal.LengthBits;
            double min;
            double max;
            if (signal.IsSigned)
            {
                min = -Pow2(length - 1);
                max = Pow2(length - 1) - 1;
            }
            else
            {
                min = 0;
                max = Pow2(length) - 1;
            }

            // Truncation of `rounded` toward zero completes the rounding; compare before converting.
            if (rounded <= min - 1 || rounded >= max + 1)
            {
                return false;
            }

            if (!signal.IsSigned && rounded >= 9223372036854775807.0)
            {
                rawValue = (long)(ulong)rounded;
                return true;
            }

            rawValue = (long)rounded;
            return true;
        }

        private static double Pow2(int exponent)
        {
            double result = 1;
            for (int i = 0; i < exponent; i++)
            {
                result *= 2;
            }

            return result;
        }
    }
}
