namespace EdgeSdk.Can
{
    /// <summary>
    /// One CAN message of a database (DBC <c>BO_</c>): identifier, length, signals, and the order in which
    /// they are decoded (multiplexers before the signals they select).
    /// </summary>
    public sealed class CanMessage
    {
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly CanAttributeValue[] NoAttributes = new CanAttributeValue[0];
#pragma warning restore CA1825

        /// <summary>Creates a message with no comment or attributes.</summary>
        /// <param name="id">Identifier: 11 bits for standard, 29 bits for extended (without the DBC's bit 31 flag).</param>
        /// <param name="isExtended">True for a 29-bit identifier.</param>
        /// <param name="name">Message name.</param>
        /// <param name="lengthBytes">Data length in bytes (0 to 64; above 8 only CAN FD).</param>
        /// <param name="signals">The message's signals.</param>
        public CanMessage(uint id, bool isExtended, string name, int lengthBytes, CanSignal[] signals)
            : this(id, isExtended, name, lengthBytes, "", signals, "", NoAttributes)
        {
        }

        /// <summary>Creates a message with every DBC property.</summary>
        /// <param name="id">Identifier: 11 bits for standard, 29 bits for extended (without the DBC's bit 31 flag).</param>
        /// <param name="isExtended">True for a 29-bit identifier.</param>
        /// <param name="name">Message name.</param>
        /// <param name="lengthBytes">Data length in bytes (0 to 64; above 8 only CAN FD).</param>
        /// <param name="transmitter">Sending node, or "".</param>
        /// <param name="signals">The message's signals; multiplexer names are resolved here.</param>
        /// <param name="comment">Comment from <c>CM_ BO_</c>, or "".</param>
        /// <param name="attributes">Attribute values from <c>BA_ ... BO_</c>.</param>
        public CanMessage(uint id, bool isExtended, string name, int lengthBytes, string transmitter, CanSignal[] signals, string comment, CanAttributeValue[] attributes)
        {
            Id = id;
            IsExtended = isExtended;
            Name = name;
            LengthBytes = lengthBytes;
            Transmitter = transmitter;
            Signals = signals;
            Comment = comment;
            Attributes = attributes;
            DecodeOrder = BuildDecodeOrder(signals);
        }

        /// <summary>Identifier without flags: 11 bits standard, 29 bits extended.</summary>
        public uint Id { get; }

        /// <summary>True for a 29-bit (extended) identifier.</summary>
        public bool IsExtended { get; }

        /// <summary>Message name.</summary>
        public string Name { get; }

        /// <summary>Data length in bytes; a shorter frame is not decoded.</summary>
        public int LengthBytes { get; }

        /// <summary>Sending node, or "".</summary>
        public string Transmitter { get; }

        /// <summary>The signals, in DBC order; decoded values use the same indexes.</summary>
        public CanSignal[] Signals { get; }

        /// <summary>Comment from <c>CM_ BO_</c>, or "".</summary>
        public string Comment { get; }

        /// <summary>Attribute values from <c>BA_ ... BO_</c>.</summary>
        public CanAttributeValue[] Attributes { get; }

        /// <summary>
        /// Indexes into <see cref="Signals"/> in decode order: every multiplexer before the signals it selects.
        /// A signal whose multiplexer does not exist, or that sits in a multiplexer cycle, is left out and never decoded.
        /// </summary>
        public int[] DecodeOrder { get; }

        /// <summary>Finds a signal's index by name.</summary>
        /// <param name="name">Signal name.</param>
        /// <returns>The index in <see cref="Signals"/>, or -1.</returns>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Signals.Length; i++)
            {
                if (Signals[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Looks up an attribute value by name.</summary>
        /// <param name="name">The attribute name.</param>
        /// <param name="value">The value as written, or "".</param>
        /// <returns>True when the message has the attribute.</returns>
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

        private int[] BuildDecodeOrder(CanSignal[] signals)
        {
            int n = signals.Length;
            for (int i = 0; i < n; i++)
            {
                signals[i].MultiplexerIndex = signals[i].MultiplexerName.Length == 0 ? -1 : IndexOf(signals[i].MultiplexerName);
            }

            // Repeated passes place a signal once its multiplexer is placed; multiplexer chains are short (extended
            // multiplexing rarely nests more than two levels), so the passes are few.
            bool[] placed = new bool[n];
            int[] order = new int[n];
            int count = 0;
            bool progress = true;
            while (progress)
            {
                progress = false;
                for (int i = 0; i < n; i++)
                {
                    if (placed[i])
                    {
                        continue;
                    }

                    CanSignal s = signals[i];
                    bool ready = s.MultiplexerName.Length == 0 || (s.MultiplexerIndex >= 0 && s.MultiplexerIndex != i && placed[s.MultiplexerIndex]);
                    if (ready)
                    {
                        placed[i] = true;
                        order[count++] = i;
                        progress = true;
                    }
                }
            }

            if (count == n)
            {
                return order;
            }

            int[] trimmed = new int[count];
            for (int i = 0; i < count; i++)
            {
                trimmed[i] = order[i];
            }

            return trimmed;
        }
    }
}
