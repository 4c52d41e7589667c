using System;

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

        /// <summary>
        /// Converts raw to physical: <c>raw * Factor + Offset</c>, not clamped to the documented range. For a float
        /// signal the raw value holds the IEEE bits: <c>float * Factor + Offset</c>.
        /// </summary>
        /// <param name="signal">The signal.</param>
        /// <param name="rawValue">The raw value.</param>
        /// <returns>The physical value.</returns>
        public static double ToPhysical(CanSignal signal, long rawValue)
        {
            double raw;
            if (signal.ValueType == CanSignalValueType.WholeNumber)
            {
                // An unsigned 64-bit raw value above long.MaxValue arrives as a negative long.
                raw = rawValue < 0 && !signal.IsSigned ? (double)(ulong)rawValue : rawValue;
            }
            else if (signal.ValueType == CanSignalValueType.IeeeDouble)
            {
                raw = BitConverter.Int64BitsToDouble(rawValue);
            }
            else
            {
                raw = BitConverter.Int64BitsToDouble(SingleBitsToDoubleBits((uint)rawValue));
            }

            return (raw * signal.Factor) + signal.Offset;
        }

        /// <summary>Widens IEEE single-precision bits to double-precision bits, exactly (no System.Math, no unsafe code).</summary>
        /// <param name="bits">The float's 32 bits.</param>
        /// <returns>The same number as a double's 64 bits.</returns>
        public static long SingleBitsToDoubleBits(uint bits)
        {
            ulong sign = (ulong)(bits >> 31) << 63;
            int exponent = (int)((bits >> 23) & 0xFF);
            ulong mantissa = bits & 0x7FFFFF;
            if (exponent == 0xFF)
            {
                return (long)(sign | (0x7FFUL << 52) | (mantissa << 29)); // infinity, NaN
            }

            if (exponent == 0)
            {
                if (mantissa == 0)
                {
                    return (long)sign; // ±0
                }

                // Subnormal: shift the mantissa up to the hidden bit, lowering the exponent as it goes.
                exponent = 1;
                while ((mantissa & 0x800000) == 0)
                {
                    mantissa <<= 1;
                    exponent--;
                }

                mantissa &= 0x7FFFFF;
            }

            return (long)(sign | ((ulong)(exponent - 127 + 1023) << 52) | (mantissa << 29));
        }

        /// <summary>Narrows a double that a float represents exactly to the float's 32 bits.</summary>
        /// <param name="value">A value already rounded to single precision.</param>
        /// <returns>The float's bits.</returns>
        private static uint DoubleToSingleBits(double value)
        {
            ulong d = (ulong)BitConverter.DoubleToInt64Bits(value);
            uint sign = (uint)(d >> 63) << 31;
            int exponent = (int)((d >> 52) & 0x7FF);
            ulong mantissa = d & 0xFFFFFFFFFFFFFUL;
            if (exponent == 0x7FF)
            {
                return sign | 0x7F800000u | (uint)(mantissa >> 29) | (mantissa != 0 ? 1u : 0u);
            }

            if (exponent == 0)
            {
                return sign; // double subnormals are far below the float range
            }

            int e = exponent - 1023 + 127;
            if (e >= 0xFF)
            {
                return sign | 0x7F800000u;
            }

            if (e <= 0)
            {
                // Float subnormal: restore the hidden bit and shift it down.
                int shift = 1 - e;
                return shift > 24 ? sign : sign | (uint)(((mantissa | (1UL << 52)) >> 29) >> shift);
            }

            return sign | ((uint)e << 23) | (uint)(mantissa >> 29);
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
            if (signal.ValueType == CanSignalValueType.IeeeDouble)
            {
                rawValue = BitConverter.DoubleToInt64Bits(scaled);
                return true;
            }

            if (signal.ValueType == CanSignalValueType.IeeeSingle)
            {
                float single = (float)scaled;
                rawValue = DoubleToSingleBits(single);
                return !double.IsInfinity(single) || double.IsInfinity(scaled); // out of the float range
            }

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
