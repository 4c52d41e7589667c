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

        internal static bool TryRead(byte[] b, ref int p, int end, bool version2019, out Jt808RectangleArea area)
        {
            area = null;
            if (p + 22 > end)
            {
                return false;
            }

            var a = new Jt808RectangleArea
            {
                AreaId = Jt808Bytes.ReadUInt32(b, p),
                Attributes = Jt808Bytes.ReadUInt16(b, p + 4),
                TopLeftLatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 6),
                TopLeftLongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 10),
                BottomRightLatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 14),
                BottomRightLongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 18),
            };
            p += 22;
            if (!a.TryReadTimeAndSpeed(b, ref p, end) || (version2019 && !a.TryReadTail2019(b, ref p, end)))
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
            writer.WriteUInt32(TopLeftLatitudeMicrodegrees);
            writer.WriteUInt32(TopLeftLongitudeMicrodegrees);
            writer.WriteUInt32(BottomRightLatitudeMicrodegrees);
            writer.WriteUInt32(BottomRightLongitudeMicrodegrees);
            WriteTimeAndSpeed(writer);
            if (version2019)
            {
                WriteTail2019(writer);
            }
        }
    }
}
