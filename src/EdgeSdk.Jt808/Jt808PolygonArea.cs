namespace EdgeSdk.Jt808
{
    /// <summary>
    /// The polygon of 0x8604: id, attributes, the optional time window and speed limit, vertex count WORD and vertices
    /// (latitude, longitude; 1e-6 degree), then in 2019 the night speed limit and the name.
    /// </summary>
    public sealed class Jt808PolygonArea : Jt808Area
    {
        /// <summary>Vertex latitude magnitudes, 1e-6 degree (sign: attribute bit 6); same length as <see cref="VertexLongitudesMicrodegrees"/>.</summary>
        public uint[] VertexLatitudesMicrodegrees { get; set; } = new uint[0];

        /// <summary>Vertex longitude magnitudes, 1e-6 degree (sign: attribute bit 7).</summary>
        public uint[] VertexLongitudesMicrodegrees { get; set; } = new uint[0];

        internal override bool GeometryFirst => false;

        internal override bool TryReadGeometry(byte[] b, ref int p, int end)
        {
            if (p + 2 > end || p + 2 + (8 * Jt808Bytes.ReadUInt16(b, p)) > end)
            {
                return false;
            }

            int count = Jt808Bytes.ReadUInt16(b, p);
            p += 2;
            VertexLatitudesMicrodegrees = new uint[count];
            VertexLongitudesMicrodegrees = new uint[count];
            for (int i = 0; i < count; i++)
            {
                VertexLatitudesMicrodegrees[i] = Jt808Bytes.ReadUInt32(b, p);
                VertexLongitudesMicrodegrees[i] = Jt808Bytes.ReadUInt32(b, p + 4);
                p += 8;
            }

            return true;
        }

        internal override void WriteGeometry(Jt808Writer writer)
        {
            writer.WriteUInt16(VertexLatitudesMicrodegrees.Length);
            for (int i = 0; i < VertexLatitudesMicrodegrees.Length; i++)
            {
                writer.WriteUInt32(VertexLatitudesMicrodegrees[i]);
                writer.WriteUInt32(VertexLongitudesMicrodegrees[i]);
            }
        }
    }
}
