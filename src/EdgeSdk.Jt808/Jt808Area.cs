namespace EdgeSdk.Jt808
{
    /// <summary>
    /// What circle, rectangle and polygon areas (0x8600/0x8602/0x8604) share: id, attribute bits, the optional time
    /// window (attribute bit 0), the optional speed limit (bit 1; 2019 adds a night limit), and in 2019 a name.
    /// Attribute bits 2–5 say who is alarmed on entry/exit, bits 6/7 that coordinates are south/west.
    /// </summary>
    public abstract class Jt808Area
    {
        /// <summary>Attribute bit 0: the time window fields are present and apply.</summary>
        public const int AttributeTimeWindow = 1 << 0;

        /// <summary>Attribute bit 1: the speed limit fields are present and apply.</summary>
        public const int AttributeSpeedLimit = 1 << 1;

        /// <summary>Attribute bit 6: latitudes are south.</summary>
        public const int AttributeSouth = 1 << 6;

        /// <summary>Attribute bit 7: longitudes are west.</summary>
        public const int AttributeWest = 1 << 7;

        /// <summary>Area id.</summary>
        public uint AreaId { get; set; }

        /// <summary>Attribute WORD as on the wire.</summary>
        public int Attributes { get; set; }

        /// <summary>Window start, BCD YYMMDDhhmmss GMT+8 (present when attribute bit 0 is set).</summary>
        public byte[] StartTimeBcd { get; set; } = new byte[6];

        /// <summary>Window end, BCD YYMMDDhhmmss GMT+8 (present when attribute bit 0 is set).</summary>
        public byte[] EndTimeBcd { get; set; } = new byte[6];

        /// <summary>Speed limit, km/h (present when attribute bit 1 is set).</summary>
        public int MaxSpeedKilometersPerHour { get; set; }

        /// <summary>How long the speed may be exceeded before the alarm, seconds (attribute bit 1).</summary>
        public int OverspeedDurationSeconds { get; set; }

        /// <summary>Night speed limit, km/h (2019, attribute bit 1).</summary>
        public int NightMaxSpeedKilometersPerHour { get; set; }

        /// <summary>Area name in GBK (2019).</summary>
        public byte[] Name { get; set; } = new byte[0];

        /// <summary>Degrees of a wire latitude, negative when attribute bit 6 (south) is set.</summary>
        /// <param name="microdegrees">Wire value, 1e-6 degree.</param>
        /// <returns>Degrees.</returns>
        public double LatitudeDegrees(uint microdegrees) => ((Attributes & AttributeSouth) != 0 ? -1.0 : 1.0) * microdegrees / 1e6;

        /// <summary>Degrees of a wire longitude, negative when attribute bit 7 (west) is set.</summary>
        /// <param name="microdegrees">Wire value, 1e-6 degree.</param>
        /// <returns>Degrees.</returns>
        public double LongitudeDegrees(uint microdegrees) => ((Attributes & AttributeWest) != 0 ? -1.0 : 1.0) * microdegrees / 1e6;

        /// <summary>Circle and rectangle put their geometry before the time window and speed limit, the polygon after.</summary>
        internal abstract bool GeometryFirst { get; }

        // The circle's and the rectangle's overrides look alike only in shape (three vs four different fields in a
        // row); everything the shapes share (id, attributes, time window, speed limits, name) is read and written here.

        /// <summary>Reads the shape's own fields (centre and radius, corners, or vertex list).</summary>
        internal abstract bool TryReadGeometry(byte[] b, ref int p, int end);

        /// <summary>Writes the shape's own fields.</summary>
        internal abstract void WriteGeometry(Jt808Writer writer);

        /// <summary>Reads one area of any shape: id, attributes, geometry and limits in the shape's order, the 2019 tail.</summary>
        internal bool TryRead(byte[] b, ref int p, int end, bool version2019)
        {
            if (p + 6 > end)
            {
                return false;
            }

            AreaId = Jt808Bytes.ReadUInt32(b, p);
            Attributes = Jt808Bytes.ReadUInt16(b, p + 4);
            p += 6;
            return (!GeometryFirst || TryReadGeometry(b, ref p, end))
                && TryReadTimeAndSpeed(b, ref p, end)
                && (GeometryFirst || TryReadGeometry(b, ref p, end))
                && (!version2019 || TryReadTail2019(b, ref p, end));
        }

        /// <summary>Writes one area in the layout <see cref="TryRead"/> reads.</summary>
        internal void Write(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt32(AreaId);
            writer.WriteUInt16(Attributes);
            if (GeometryFirst)
            {
                WriteGeometry(writer);
            }

            WriteTimeAndSpeed(writer);
            if (!GeometryFirst)
            {
                WriteGeometry(writer);
            }

            if (version2019)
            {
                WriteTail2019(writer);
            }
        }

        /// <summary>Reads the time window and speed limit fields the attribute bits announce.</summary>
        private bool TryReadTimeAndSpeed(byte[] b, ref int p, int end)
        {
            if ((Attributes & AttributeTimeWindow) != 0)
            {
                if (p + 12 > end)
                {
                    return false;
                }

                StartTimeBcd = Jt808Bytes.Copy(b, p, 6);
                EndTimeBcd = Jt808Bytes.Copy(b, p + 6, 6);
                p += 12;
            }

            if ((Attributes & AttributeSpeedLimit) != 0)
            {
                if (p + 3 > end)
                {
                    return false;
                }

                MaxSpeedKilometersPerHour = Jt808Bytes.ReadUInt16(b, p);
                OverspeedDurationSeconds = b[p + 2];
                p += 3;
            }

            return true;
        }

        /// <summary>Reads the 2019 tail: night speed limit (attribute bit 1), name length WORD, name.</summary>
        private bool TryReadTail2019(byte[] b, ref int p, int end)
        {
            if ((Attributes & AttributeSpeedLimit) != 0)
            {
                if (p + 2 > end)
                {
                    return false;
                }

                NightMaxSpeedKilometersPerHour = Jt808Bytes.ReadUInt16(b, p);
                p += 2;
            }

            if (p + 2 > end || p + 2 + Jt808Bytes.ReadUInt16(b, p) > end)
            {
                return false;
            }

            int length = Jt808Bytes.ReadUInt16(b, p);
            Name = Jt808Bytes.Copy(b, p + 2, length);
            p += 2 + length;
            return true;
        }

        private void WriteTimeAndSpeed(Jt808Writer writer)
        {
            if ((Attributes & AttributeTimeWindow) != 0)
            {
                writer.WriteFixed(StartTimeBcd, 6);
                writer.WriteFixed(EndTimeBcd, 6);
            }

            if ((Attributes & AttributeSpeedLimit) != 0)
            {
                writer.WriteUInt16(MaxSpeedKilometersPerHour);
                writer.WriteByte(OverspeedDurationSeconds);
            }
        }

        private void WriteTail2019(Jt808Writer writer)
        {
            if ((Attributes & AttributeSpeedLimit) != 0)
            {
                writer.WriteUInt16(NightMaxSpeedKilometersPerHour);
            }

            writer.WriteUInt16(Name == null ? 0 : Name.Length);
            writer.WriteBytes(Name);
        }
    }
}
