namespace EdgeSdk.Jt808
{
    /// <summary>0x0104 query parameters response: answered sequence number WORD, count BYTE, then the parameters.</summary>
    public sealed class Jt808ParameterResponse : Jt808Body
    {
        /// <summary>Sequence number of the 0x8104/0x8106 answered.</summary>
        public int AckSequenceNumber { get; set; }

        /// <summary>The parameters, in the order sent.</summary>
        public Jt808Parameter[] Parameters { get; set; } = new Jt808Parameter[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The body, or null when the count and the parameters do not fill the body exactly.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808ParameterResponse body)
        {
            body = null;
            if (length < 3 || !Jt808Parameter.TryDecodeList(b, offset + 3, offset + length, b[offset + 2], out Jt808Parameter[] parameters))
            {
                return false;
            }

            body = new Jt808ParameterResponse { AckSequenceNumber = Jt808Bytes.ReadUInt16(b, offset), Parameters = parameters };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(AckSequenceNumber);
            Jt808Parameter.EncodeList(writer, Parameters);
        }
    }
}
