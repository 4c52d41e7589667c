namespace EdgeSdk.Jt808
{
    /// <summary>0x0201 location query response: answered sequence number WORD, then a 0x0200 report body.</summary>
    public sealed class Jt808LocationQueryResponse : Jt808Body
    {
        /// <summary>Sequence number of the 0x8201 answered.</summary>
        public int AckSequenceNumber { get; set; }

        /// <summary>The position.</summary>
        public Jt808LocationReport Report { get; set; } = new Jt808LocationReport();

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The body, or null when the report part is malformed.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808LocationQueryResponse body)
        {
            body = null;
            if (length < 2 || !Jt808LocationReport.TryDecode(b, offset + 2, length - 2, out Jt808LocationReport report))
            {
                return false;
            }

            body = new Jt808LocationQueryResponse { AckSequenceNumber = Jt808Bytes.ReadUInt16(b, offset), Report = report };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(AckSequenceNumber);
            Report.Encode(writer, version2019);
        }
    }
}
