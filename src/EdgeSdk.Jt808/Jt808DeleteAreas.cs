namespace EdgeSdk.Jt808
{
    /// <summary>0x8601/0x8603/0x8605 delete circle/rectangle/polygon areas: count BYTE (0 = delete all of that shape), area ids DWORD.</summary>
    public sealed class Jt808DeleteAreas : Jt808Body
    {
        /// <summary>The ids to delete; empty deletes every area of the shape.</summary>
        public uint[] AreaIds { get; set; } = new uint[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The body, or null when the length is not 1 + 4 × count.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808DeleteAreas body)
        {
            uint[] ids = Jt808Bytes.ReadIdList(b, offset, length);
            body = ids == null ? null : new Jt808DeleteAreas { AreaIds = ids };
            return body != null;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            Jt808Bytes.WriteIdList(writer, AreaIds);
        }
    }
}
