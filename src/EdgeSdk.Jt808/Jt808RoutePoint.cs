namespace EdgeSdk.Jt808
{
    /// <summary>
    /// One turning point of a 0x8606 route and the segment that starts at it: point id, segment id, position (1e-6 degree),
    /// segment width, segment attributes, the optional driving-time thresholds and speed limit (and in 2019 the night
    /// speed limit).
    /// </summary>
    public sealed class Jt808RoutePoint
    {
        /// <summary>Segment attribute bit 0: <see cref="TooLongSeconds"/> and <see cref="TooShortSeconds"/> are present.</summary>
        public const int AttributeDrivingTime = 1 << 0;

        /// <summary>Segment attribute bit 1: <see cref="MaxSpeedKilometersPerHour"/> and <see cref="OverspeedDurationSeconds"/> are present (and the 2019 night limit).</summary>
        public const int AttributeSpeedLimit = 1 << 1;

        /// <summary>Segment attribute bit 2: south latitude.</summary>
        public const int AttributeSouth = 1 << 2;

        /// <summary>Segment attribute bit 3: west longitude.</summary>
        public const int AttributeWest = 1 << 3;

        /// <summary>Turning point id.</summary>
        public uint PointId { get; set; }

        /// <summary>Id of the segment starting at this point.</summary>
        public uint SegmentId { get; set; }

        /// <summary>Latitude magnitude, 1e-6 degree (sign: <see cref="AttributeSouth"/>).</summary>
        public uint LatitudeMicrodegrees { get; set; }

        /// <summary>Longitude magnitude, 1e-6 degree (sign: <see cref="AttributeWest"/>).</summary>
        public uint LongitudeMicrodegrees { get; set; }

        /// <summary>Segment width in metres (BYTE).</summary>
        public int WidthMeters { get; set; }

        /// <summary>Segment attribute bits (the <c>Attribute…</c> constants).</summary>
        public int Attributes { get; set; }

        /// <summary>Driving time on the segment above which it is "too long", seconds (when <see cref="AttributeDrivingTime"/>).</summary>
        public int TooLongSeconds { get; set; }

        /// <summary>Driving time on the segment below which it is "too short", seconds (when <see cref="AttributeDrivingTime"/>).</summary>
        public int TooShortSeconds { get; set; }

        /// <summary>Segment speed limit in km/h (when <see cref="AttributeSpeedLimit"/>).</summary>
        public int MaxSpeedKilometersPerHour { get; set; }

        /// <summary>Seconds above the limit before it is overspeed (BYTE, when <see cref="AttributeSpeedLimit"/>).</summary>
        public int OverspeedDurationSeconds { get; set; }

        /// <summary>2019: night speed limit in km/h (when <see cref="AttributeSpeedLimit"/>).</summary>
        public int NightMaxSpeedKilometersPerHour { get; set; }

        /// <summary>Latitude in degrees, negative in the south.</summary>
        public double LatitudeDegrees => ((Attributes & AttributeSouth) != 0 ? -1.0 : 1.0) * LatitudeMicrodegrees / 1e6;

        /// <summary>Longitude in degrees, negative in the west.</summary>
        public double LongitudeDegrees => ((Attributes & AttributeWest) != 0 ? -1.0 : 1.0) * LongitudeMicrodegrees / 1e6;

        internal static bool TryRead(byte[] b, ref int p, int end, bool version2019, out Jt808RoutePoint point)
        {
            point = null;
            if (p + 18 > end)
            {
                return false;
            }

            var r = new Jt808RoutePoint
            {
                PointId = Jt808Bytes.ReadUInt32(b, p),
                SegmentId = Jt808Bytes.ReadUInt32(b, p + 4),
                LatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 8),
                LongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, p + 12),
                WidthMeters = b[p + 16],
                Attributes = b[p + 17],
            };
            p += 18;
            if ((r.Attributes & AttributeDrivingTime) != 0)
            {
                if (p + 4 > end)
                {
                    return false;
                }

                r.TooLongSeconds = Jt808Bytes.ReadUInt16(b, p);
                r.TooShortSeconds = Jt808Bytes.ReadUInt16(b, p + 2);
                p += 4;
            }

            if ((r.Attributes & AttributeSpeedLimit) != 0)
            {
                int need = version2019 ? 5 : 3;
                if (p + need > end)
                {
                    return false;
                }

                r.MaxSpeedKilometersPerHour = Jt808Bytes.ReadUInt16(b, p);
                r.OverspeedDurationSeconds = b[p + 2];
                if (version2019)
                {
                    r.NightMaxSpeedKilometersPerHour = Jt808Bytes.ReadUInt16(b, p + 3);
                }

                p += need;
            }

            point = r;
            return true;
        }

        internal void Write(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt32(PointId);
            writer.WriteUInt32(SegmentId);
            writer.WriteUInt32(LatitudeMicrodegrees);
            writer.WriteUInt32(LongitudeMicrodegrees);
            writer.WriteByte(WidthMeters);
            writer.WriteByte(Attributes);
            if ((Attributes & AttributeDrivingTime) != 0)
            {
                writer.WriteUInt16(TooLongSeconds);
                writer.WriteUInt16(TooShortSeconds);
            }

            if ((Attributes & AttributeSpeedLimit) != 0)
            {
                writer.WriteUInt16(MaxSpeedKilometersPerHour);
                writer.WriteByte(OverspeedDurationSeconds);
                if (version2019)
                {
                    writer.WriteUInt16(NightMaxSpeedKilometersPerHour);
                }
            }
        }
    }
}
