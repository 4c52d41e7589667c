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

        internal static bool TryRead(byte[] b, ref int p, int end, bool version2019, out Jt808CircleArea area)
        {
            area = null;
            if (p + 18 > end)
            {
                return false;
            }

            var a = new Jt808CircleArea
            {
                AreaId = Jt808Bytes.ReadUInt32(b, p),
                Attributes = Jt808Bytes.ReadUInt16(b, p + 4),
                CenterLatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 6),
                CenterLongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 10),
                RadiusMeters = Jt808Bytes.ReadUInt32(b, p + 14),
            };
            p += 18;
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
            writer.WriteUInt32(CenterLatitudeMicrodegrees);
            writer.WriteUInt32(CenterLongitudeMicrodegrees);
            writer.WriteUInt32(RadiusMeters);
            WriteTimeAndSpeed(writer);
            if (version2019)
            {
                WriteTail2019(writer);
            }
        }
    }
}
