namespace EdgeSdk.Jt808
{
    /// <summary>0x8103 set terminal parameters: count BYTE, then the parameters.</summary>
    public sealed class Jt808SetParameters : Jt808Body
    {
        /// <summary>The parameters, in the order sent.</summary>
        public Jt808Parameter[] Parameters { get; set; } = new Jt808Parameter[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The body, or null when the count and the parameters do not fill the body exactly.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808SetParameters body)
        {
            body = null;
            if (length < 1 || !Jt808Parameter.TryDecodeList(b, offset + 1, offset + length, b[offset], out Jt808Parameter[] parameters))
            {
                return false;
            }

            body = new Jt808SetParameters { Parameters = parameters };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019) => Jt808Parameter.EncodeList(writer, Parameters);
    }
}
