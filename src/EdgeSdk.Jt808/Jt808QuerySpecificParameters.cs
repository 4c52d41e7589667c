namespace EdgeSdk.Jt808
{
    /// <summary>0x8106 query specific terminal parameters: count BYTE and the parameter ids (DWORD each); the terminal answers with 0x0104.</summary>
    public sealed class Jt808QuerySpecificParameters : Jt808Body
    {
        /// <summary>Parameter ids to query (at most 255).</summary>
        public uint[] ParameterIds { get; set; } = new uint[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The query, or null when the length is not 1 + 4 × count.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808QuerySpecificParameters body)
        {
            uint[] ids = Jt808Bytes.ReadIdList(b, offset, length);
            body = ids == null ? null : new Jt808QuerySpecificParameters { ParameterIds = ids };
            return body != null;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            Jt808Bytes.WriteIdList(writer, ParameterIds);
        }
    }
}
