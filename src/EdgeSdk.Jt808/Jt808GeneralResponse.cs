namespace EdgeSdk.Jt808
{
    /// <summary>0x0001 terminal and 0x8001 platform general response (same layout): the answered sequence number and message id, and a result.</summary>
    public sealed class Jt808GeneralResponse : Jt808Body
    {
        /// <summary>Result 0: success / acknowledged.</summary>
        public const int ResultSuccess = 0;

        /// <summary>Result 1: failure.</summary>
        public const int ResultFailure = 1;

        /// <summary>Result 2: message has an error (the platform answers a malformed message with this).</summary>
        public const int ResultMessageError = 2;

        /// <summary>Result 3: not supported (the answer to an unknown message id).</summary>
        public const int ResultNotSupported = 3;

        /// <summary>Result 4: alarm handling confirmed (platform response to an alarm report only).</summary>
        public const int ResultAlarmConfirmed = 4;

        /// <summary>Sequence number of the message answered.</summary>
        public int AckSequenceNumber { get; set; }

        /// <summary>Message id of the message answered.</summary>
        public int AckMessageId { get; set; }

        /// <summary>Result code, one of the <c>Result…</c> constants.</summary>
        public int Result { get; set; }

        /// <summary>Decodes the 5-byte body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The response, or null when the length is not 5.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808GeneralResponse body)
        {
            body = null;
            if (length != 5)
            {
                return false;
            }

            body = new Jt808GeneralResponse
            {
                AckSequenceNumber = Jt808Bytes.ReadUInt16(b, offset),
                AckMessageId = Jt808Bytes.ReadUInt16(b, offset + 2),
                Result = b[offset + 4],
            };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(AckSequenceNumber);
            writer.WriteUInt16(AckMessageId);
            writer.WriteByte(Result);
        }
    }
}
