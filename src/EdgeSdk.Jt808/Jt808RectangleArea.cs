namespace EdgeSdk.Jt808
{
    /// <summary>One rectangle of 0x8602: id, attributes, top-left and bottom-right corners (1e-6 degree), then the shared optional fields.</summary>
    public sealed class Jt808RectangleArea : Jt808Area
    {
        /// <summary>Top-left latitude magnitude, 1e-6 degree.</summary>
        public uint TopLeftLatitudeMicrodegrees { get; set; }

        /// <summary>Top-left longitude magnitude, 1e-6 degree.</summary>
        public uint TopLeftLongitudeMicrodegrees { get; set; }

        /// <summary>Bottom-right latitude magnitude, 1e-6 degree.</summary>
        public uint BottomRightLatitudeMicrodegrees { get; set; }

        /// <summary>Bottom-right longitude magnitude, 1e-6 degree.</summary>
        public uint BottomRightLongitudeMicrodegrees { get; set; }

        internal override bool GeometryFirst => true;

        internal override bool TryReadGeometry(byte[] b, ref int p, int end)
        {
            if (p + 16 > end)
            {
                return false;
            }

            TopLeftLatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p);
            TopLeftLongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 4);
            BottomRightLatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 8);
            BottomRightLongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 12);
            p += 16;
            return true;
        }

        internal override void WriteGeometry(Jt808Writer writer)
        {
            writer.WriteUInt32(TopLeftLatitudeMicrodegrees);
            writer.WriteUInt32(TopLeftLongitudeMicrodegrees);
            writer.WriteUInt32(BottomRightLatitudeMicrodegrees);
            writer.WriteUInt32(BottomRightLongitudeMicrodegrees);
        }
    }
}
