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

        internal static bool TryRead(byte[] b, ref int p, int end, bool version2019, out Jt808PolygonArea area)
        {
            area = null;
            if (p + 6 > end)
            {
                return false;
            }

            var a = new Jt808PolygonArea { AreaId = Jt808Bytes.ReadUInt32(b, p), Attributes = Jt808Bytes.ReadUInt16(b, p + 4) };
            p += 6;
            if (!a.TryReadTimeAndSpeed(b, ref p, end) || p + 2 > end)
            {
                return false;
            }

            int count = Jt808Bytes.ReadUInt16(b, p);
            p += 2;
            if (p + (8 * count) > end)
            {
                return false;
            }

            a.VertexLatitudesMicrodegrees = new uint[count];
            a.VertexLongitudesMicrodegrees = new uint[count];
            for (int i = 0; i < count; i++)
            {
                a.VertexLatitudesMicrodegrees[i] = Jt808Bytes.ReadUInt32(b, p);
                a.VertexLongitudesMicrodegrees[i] = Jt808Bytes.ReadUInt32(b, p + 4);
                p += 8;
            }

            if (version2019 && !a.TryReadTail2019(b, ref p, end))
            {
                return false;
            }

            area = a;
            return true;
        }

        internal void Write(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt32(AreaId);
            writer.WriteUInt16(Attributes);
            WriteTimeAndSpeed(writer);
            writer.WriteUInt16(VertexLatitudesMicrodegrees.Length);
            for (int i = 0; i < VertexLatitudesMicrodegrees.Length; i++)
            {
                writer.WriteUInt32(VertexLatitudesMicrodegrees[i]);
                writer.WriteUInt32(VertexLongitudesMicrodegrees[i]);
            }

            if (version2019)
            {
                WriteTail2019(writer);
            }
        }
    }
}
