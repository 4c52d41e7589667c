namespace EdgeSdk.Jt808
{
    /// <summary>
    /// 0x8606 set route: route id, route attributes, the optional time window, turning point count WORD and the points
    /// with their segments (<see cref="Jt808RoutePoint"/>: width and per-segment speed limits), then in 2019 the name.
    /// Deleting routes (0x8607) uses <see cref="Jt808DeleteAreas"/>, whose layout is the same.
    /// </summary>
    public sealed class Jt808SetRoute : Jt808Body
    {
        /// <summary>Route attribute bit 0: <see cref="StartTimeBcd"/> and <see cref="EndTimeBcd"/> are present.</summary>
        public const int AttributeTimeWindow = 1 << 0;

        /// <summary>Route attribute bit 2: alarm the driver on entering the route.</summary>
        public const int AttributeEnterAlarmToDriver = 1 << 2;

        /// <summary>Route attribute bit 3: alarm the platform on entering the route.</summary>
        public const int AttributeEnterAlarmToPlatform = 1 << 3;

        /// <summary>Route attribute bit 4: alarm the driver on leaving the route.</summary>
        public const int AttributeExitAlarmToDriver = 1 << 4;

        /// <summary>Route attribute bit 5: alarm the platform on leaving the route.</summary>
        public const int AttributeExitAlarmToPlatform = 1 << 5;

        /// <summary>Route id.</summary>
        public uint RouteId { get; set; }

        /// <summary>Route attribute bits (the <c>Attribute…</c> constants).</summary>
        public int Attributes { get; set; }

        /// <summary>Start time, BCD[6] YYMMDDhhmmss in GMT+8 (when <see cref="AttributeTimeWindow"/>).</summary>
        public byte[] StartTimeBcd { get; set; } = new byte[6];

        /// <summary>End time, BCD[6] YYMMDDhhmmss in GMT+8 (when <see cref="AttributeTimeWindow"/>).</summary>
        public byte[] EndTimeBcd { get; set; } = new byte[6];

        /// <summary>Turning points in driving order; segment i runs from point i to point i + 1.</summary>
        public Jt808RoutePoint[] Points { get; set; } = new Jt808RoutePoint[0];

        /// <summary>2019: route name bytes (GBK).</summary>
        public byte[] Name { get; set; } = new byte[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="version2019">True for the 2019 layout (segment night speed limit, route name).</param>
        /// <param name="body">The route, or null when the fields do not fill the body exactly.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, bool version2019, out Jt808SetRoute body)
        {
            body = null;
            int end = offset + length;
            int p = offset;
            if (length < 6)
            {
                return false;
            }

            var route = new Jt808SetRoute { RouteId = Jt808Bytes.ReadUInt32(b, p), Attributes = Jt808Bytes.ReadUInt16(b, p + 4) };
            p += 6;
            if ((route.Attributes & AttributeTimeWindow) != 0)
            {
                if (p + 12 > end)
                {
                    return false;
                }

                route.StartTimeBcd = Jt808Bytes.Copy(b, p, 6);
                route.EndTimeBcd = Jt808Bytes.Copy(b, p + 6, 6);
                p += 12;
            }

            if (p + 2 > end)
            {
                return false;
            }

            int count = Jt808Bytes.ReadUInt16(b, p);
            p += 2;

            // Each point takes at least 18 bytes: a count the body cannot hold is refused before allocating.
            if (count * 18 > end - p)
            {
                return false;
            }

            route.Points = new Jt808RoutePoint[count];
            for (int i = 0; i < count; i++)
            {
                if (!Jt808RoutePoint.TryRead(b, ref p, end, version2019, out Jt808RoutePoint point))
                {
                    return false;
                }

                route.Points[i] = point;
            }

            if (version2019)
            {
                if (p + 2 > end || p + 2 + Jt808Bytes.ReadUInt16(b, p) > end)
                {
                    return false;
                }

                int nameLength = Jt808Bytes.ReadUInt16(b, p);
                route.Name = Jt808Bytes.Copy(b, p + 2, nameLength);
                p += 2 + nameLength;
            }

            if (p != end)
            {
                return false;
            }

            body = route;
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt32(RouteId);
            writer.WriteUInt16(Attributes);
            if ((Attributes & AttributeTimeWindow) != 0)
            {
                writer.WriteFixed(StartTimeBcd, 6);
                writer.WriteFixed(EndTimeBcd, 6);
            }

            writer.WriteUInt16(Points.Length);
            for (int i = 0; i < Points.Length; i++)
            {
                Points[i].Write(writer, version2019);
            }

            if (version2019)
            {
                writer.WriteUInt16(Name == null ? 0 : Name.Length);
                writer.WriteBytes(Name);
            }
        }
    }
}
