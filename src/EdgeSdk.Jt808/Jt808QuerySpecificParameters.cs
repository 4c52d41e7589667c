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
            body = null;
            if (length < 1 || length != 1 + (4 * b[offset]))
            {
                return false;
            }

            uint[] ids = new uint[b[offset]];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = Jt808Bytes.ReadUInt32(b, offset + 1 + (4 * i));
            }

            body = new Jt808QuerySpecificParameters { ParameterIds = ids };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteByte(ParameterIds.Length);
            for (int i = 0; i < ParameterIds.Length; i++)
            {
                writer.WriteUInt32(ParameterIds[i]);
            }
        }
    }
}
