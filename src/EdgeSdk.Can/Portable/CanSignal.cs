namespace EdgeSdk.Can
{
    /// <summary>
    /// One signal of a CAN message (DBC <c>SG_</c>): where its bits are, how raw becomes physical
    /// (<c>physical = raw * Factor + Offset</c>, never clamped to <see cref="Minimum"/>/<see cref="Maximum"/>),
    /// and, for a multiplexed signal, which multiplexer values select it.
    /// </summary>
    public sealed class CanSignal
    {
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly long[] NoRanges = new long[0];
#pragma warning restore CA1825
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly string[] NoStrings = new string[0];
#pragma warning restore CA1825
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly CanValueDescription[] NoValues = new CanValueDescription[0];
#pragma warning restore CA1825
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly CanAttributeValue[] NoAttributes = new CanAttributeValue[0];
#pragma warning restore CA1825

        /// <summary>Creates a signal that is not multiplexed, with no value table, comment or attributes.</summary>
        /// <param name="name">Signal name.</param>
        /// <param name="startBit">DBC start bit: the LSB for Intel, the MSB (sawtooth numbering) for Motorola.</param>
        /// <param name="lengthBits">Length in bits, 1 to 64.</param>
        /// <param name="byteOrder">Intel (<c>@1</c>) or Motorola (<c>@0</c>).</param>
        /// <param name="isSigned">True for two's complement (<c>-</c>), false for unsigned (<c>+</c>).</param>
        /// <param name="factor">Scale from raw to physical.</param>
        /// <param name="offset">Offset added after scaling.</param>
        public CanSignal(string name, int startBit, int lengthBits, CanByteOrder byteOrder, bool isSigned, double factor, double offset)
            : this(name, startBit, lengthBits, byteOrder, isSigned, factor, offset, 0, 0, "", NoStrings, false, "", NoRanges, NoRanges, NoValues, "", NoAttributes, CanSignalValueType.WholeNumber)
        {
        }

        /// <summary>Creates a signal with every DBC property.</summary>
        /// <param name="name">Signal name.</param>
        /// <param name="startBit">DBC start bit: the LSB for Intel, the MSB (sawtooth numbering) for Motorola.</param>
        /// <param name="lengthBits">Length in bits, 1 to 64.</param>
        /// <param name="byteOrder">Intel (<c>@1</c>) or Motorola (<c>@0</c>).</param>
        /// <param name="isSigned">True for two's complement (<c>-</c>), false for unsigned (<c>+</c>).</param>
        /// <param name="factor">Scale from raw to physical.</param>
        /// <param name="offset">Offset added after scaling.</param>
        /// <param name="minimum">Documented physical minimum (not enforced when decoding).</param>
        /// <param name="maximum">Documented physical maximum (not enforced when decoding).</param>
        /// <param name="unit">Unit text as written in the DBC.</param>
        /// <param name="receivers">Receiving nodes.</param>
        /// <param name="isMultiplexer">True when this signal selects other signals (<c>M</c> or <c>mNM</c>).</param>
        /// <param name="multiplexerName">Name of the signal that selects this one, or "" when always present.</param>
        /// <param name="multiplexerLows">Lowest selecting raw value of each range (same length as <paramref name="multiplexerHighs"/>).</param>
        /// <param name="multiplexerHighs">Highest selecting raw value of each range.</param>
        /// <param name="valueDescriptions">Value table (<c>VAL_</c>).</param>
        /// <param name="comment">Comment (<c>CM_ SG_</c>), or "".</param>
        /// <param name="attributes">Attribute values (<c>BA_ ... SG_</c>).</param>
        /// <param name="valueType">Integer, or an IEEE float of 32 or 64 bits (<c>SIG_VALTYPE_</c>); a float type needs that length.</param>
        public CanSignal(
            string name, int startBit, int lengthBits, CanByteOrder byteOrder, bool isSigned, double factor, double offset,
            double minimum, double maximum, string unit, string[] receivers, bool isMultiplexer, string multiplexerName,
            long[] multiplexerLows, long[] multiplexerHighs, CanValueDescription[] valueDescriptions, string comment, CanAttributeValue[] attributes,
            CanSignalValueType valueType)
        {
            Name = name;
            StartBit = startBit;
            LengthBits = lengthBits;
            ByteOrder = byteOrder;
            IsSigned = isSigned;
            Factor = factor;
            Offset = offset;
            Minimum = minimum;
            Maximum = maximum;
            Unit = unit;
            Receivers = receivers;
            IsMultiplexer = isMultiplexer;
            MultiplexerName = multiplexerName;
            MultiplexerLows = multiplexerLows;
            MultiplexerHighs = multiplexerHighs;
            ValueDescriptions = valueDescriptions;
            Comment = comment;
            Attributes = attributes;
            ValueType = (valueType == CanSignalValueType.IeeeSingle && lengthBits == 32) || (valueType == CanSignalValueType.IeeeDouble && lengthBits == 64)
                ? valueType
                : CanSignalValueType.WholeNumber;
            MultiplexerIndex = -1;
            RequiredLengthBytes = ComputeRequiredLengthBytes(startBit, lengthBits, byteOrder);

            // Fast path for signals inside the first 8 bytes: the decoder loads those bytes once per frame as a
            // little-endian and a big-endian 64-bit word, and each such signal is then one shift and one mask.
            FitsInFirstWord = RequiredLengthBytes > 0 && RequiredLengthBytes <= 8;
            WordMask = lengthBits >= 64 ? ulong.MaxValue : (1UL << (lengthBits < 1 ? 1 : lengthBits)) - 1;
            if (byteOrder == CanByteOrder.Intel)
            {
                WordShift = startBit;
            }
            else
            {
                // Position counted from the MSB of byte 0 (big-endian linear numbering) of the signal's LSB.
                int msbLinear = ((startBit >> 3) << 3) + (7 - (startBit & 7));
                WordShift = 63 - (msbLinear + lengthBits - 1);
            }

            if (WordShift < 0)
            {
                FitsInFirstWord = false;
                WordShift = 0;
            }
        }

        /// <summary>True when the signal lies within the first 8 bytes (decoded by one shift and mask).</summary>
        internal bool FitsInFirstWord { get; }

        /// <summary>Right shift of the first-8-bytes word (little endian for Intel, big endian for Motorola).</summary>
        internal int WordShift { get; }

        /// <summary>Mask of <see cref="LengthBits"/> ones.</summary>
        internal ulong WordMask { get; }

        /// <summary>Signal name.</summary>
        public string Name { get; }

        /// <summary>DBC start bit: the LSB for Intel, the MSB in sawtooth numbering for Motorola.</summary>
        public int StartBit { get; }

        /// <summary>Length in bits (1 to 64).</summary>
        public int LengthBits { get; }

        /// <summary>Intel or Motorola bit layout.</summary>
        public CanByteOrder ByteOrder { get; }

        /// <summary>True when the raw value is two's complement.</summary>
        public bool IsSigned { get; }

        /// <summary>Integer, or IEEE float: then the raw value holds the float's bits and physical = float × factor + offset.</summary>
        public CanSignalValueType ValueType { get; }

        /// <summary>Scale from raw to physical.</summary>
        public double Factor { get; }

        /// <summary>Offset added after scaling.</summary>
        public double Offset { get; }

        /// <summary>Documented physical minimum; decoding does not clamp to it.</summary>
        public double Minimum { get; }

        /// <summary>Documented physical maximum; decoding does not clamp to it.</summary>
        public double Maximum { get; }

        /// <summary>Unit text as written in the DBC ("" when none).</summary>
        public string Unit { get; }

        /// <summary>Receiving nodes as written in the DBC.</summary>
        public string[] Receivers { get; }

        /// <summary>True when this signal is a multiplexer switch for other signals of its message.</summary>
        public bool IsMultiplexer { get; }

        /// <summary>Name of the multiplexer that selects this signal, or "" when it is always present.</summary>
        public string MultiplexerName { get; }

        /// <summary>Lowest raw multiplexer value of each selecting range.</summary>
        public long[] MultiplexerLows { get; }

        /// <summary>Highest raw multiplexer value of each selecting range.</summary>
        public long[] MultiplexerHighs { get; }

        /// <summary>Value table entries (<c>VAL_</c>), possibly empty.</summary>
        public CanValueDescription[] ValueDescriptions { get; }

        /// <summary>Comment from <c>CM_ SG_</c>, or "".</summary>
        public string Comment { get; }

        /// <summary>Attribute values from <c>BA_ ... SG_</c>, possibly empty.</summary>
        public CanAttributeValue[] Attributes { get; }

        /// <summary>How many data bytes, from the frame's first, the signal's bits reach into.</summary>
        public int RequiredLengthBytes { get; }

        /// <summary>Index of the multiplexer signal in the message's <see cref="CanMessage.Signals"/>, or -1.</summary>
        public int MultiplexerIndex { get; internal set; }

        /// <summary>True when the multiplexer's raw value selects this signal (always true for a plain signal).</summary>
        /// <param name="multiplexerRawValue">The raw value of the signal's multiplexer.</param>
        /// <returns>True when one of the ranges holds the value.</returns>
        public bool IsSelectedBy(long multiplexerRawValue)
        {
            long[] lows = MultiplexerLows;
            if (lows.Length == 0)
            {
                return true;
            }

            long[] highs = MultiplexerHighs;
            for (int i = 0; i < lows.Length; i++)
            {
                if (multiplexerRawValue >= lows[i] && multiplexerRawValue <= highs[i])
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Looks up the value table text of a raw value, without allocating.</summary>
        /// <param name="rawValue">The raw signal value.</param>
        /// <param name="text">The text, or "" when the table has no entry.</param>
        /// <returns>True when the table has an entry for the value.</returns>
        public bool TryGetValueDescription(long rawValue, out string text)
        {
            CanValueDescription[] values = ValueDescriptions;
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i].RawValue == rawValue)
                {
                    text = values[i].Text;
                    return true;
                }
            }

            text = "";
            return false;
        }

        /// <summary>Looks up an attribute value by name.</summary>
        /// <param name="name">The attribute name.</param>
        /// <param name="value">The value as written, or "".</param>
        /// <returns>True when the signal has the attribute.</returns>
        public bool TryGetAttribute(string name, out string value)
        {
            for (int i = 0; i < Attributes.Length; i++)
            {
                if (Attributes[i].Name == name)
                {
                    value = Attributes[i].Value;
                    return true;
                }
            }

            value = "";
            return false;
        }

        private static int ComputeRequiredLengthBytes(int startBit, int lengthBits, CanByteOrder byteOrder)
        {
            if (startBit < 0 || lengthBits <= 0)
            {
                return 0;
            }

            if (byteOrder == CanByteOrder.Intel)
            {
                return ((startBit + lengthBits - 1) >> 3) + 1;
            }

            // Motorola: the MSB byte holds (startBit % 8) + 1 bits; the rest fill whole bytes after it.
            int firstByteBits = (startBit & 7) + 1;
            int firstByte = startBit >> 3;
            if (lengthBits <= firstByteBits)
            {
                return firstByte + 1;
            }

            return firstByte + 1 + ((lengthBits - firstByteBits + 7) >> 3);
        }
    }
}
