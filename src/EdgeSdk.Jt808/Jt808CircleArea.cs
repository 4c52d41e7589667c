namespace EdgeSdk.Jt808
{
    /// <summary>One circle of 0x8600: id, attributes, centre (1e-6 degree), radius in metres, then the shared optional fields.</summary>
    public sealed class Jt808CircleArea : Jt808Area
    {
        /// <summary>Centre latitude magnitude, 1e-6 degree (sign: attribute bit 6).</summary>
        public uint CenterLatitudeMicrodegrees { get; set; }

        /// <summary>Centre longitude magnitude, 1e-6 degree (sign: attribute bit 7).</summary>
        public uint CenterLongitudeMicrodegrees { get; set; }

        /// <summary>Radius, metres.</summary>
        public uint RadiusMeters { get; set; }

        internal override bool GeometryFirst => true;

        internal override bool TryReadGeometry(byte[] b, ref int p, int end)
        {
            if (p + 12 > end)
            {
                return false;
            }

            CenterLatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p);
            CenterLongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 4);
            RadiusMeters = Jt808Bytes.ReadUInt32(b, p + 8);
            p += 12;
            return true;
        }

        internal override void WriteGeometry(Jt808Writer writer)
        {
            writer.WriteUInt32(CenterLatitudeMicrodegrees);
            writer.WriteUInt32(CenterLongitudeMicrodegrees);
            writer.WriteUInt32(RadiusMeters);
        }
    }
}
