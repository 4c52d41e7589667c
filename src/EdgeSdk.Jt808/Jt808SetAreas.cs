namespace EdgeSdk.Jt808
{
    /// <summary>
    /// 0x8600 set circle areas, 0x8602 set rectangle areas (setting type BYTE: 0 update/replace all, 1 append, 2 modify;
    /// count BYTE; the areas) and 0x8604 set polygon area (one polygon, no setting type or count).
    /// </summary>
    public sealed class Jt808SetAreas : Jt808Body
    {
        /// <summary>Setting type 0: replace all areas of this shape.</summary>
        public const int SettingUpdate = 0;

        /// <summary>Setting type 1: append.</summary>
        public const int SettingAppend = 1;

        /// <summary>Setting type 2: modify.</summary>
        public const int SettingModify = 2;

        /// <summary>Creates the body of one of the three messages.</summary>
        /// <param name="messageId"><see cref="Jt808MessageIds.SetCircleAreas"/>, <see cref="Jt808MessageIds.SetRectangleAreas"/> or <see cref="Jt808MessageIds.SetPolygonArea"/>.</param>
        public Jt808SetAreas(int messageId)
        {
            MessageId = messageId;
        }

        /// <summary>Which of the three messages this is; decides the area type.</summary>
        public int MessageId { get; }

        /// <summary>Setting type (circle and rectangle only).</summary>
        public int SettingType { get; set; }

        /// <summary>The areas: <see cref="Jt808CircleArea"/>, <see cref="Jt808RectangleArea"/>, or one <see cref="Jt808PolygonArea"/>.</summary>
        public Jt808Area[] Areas { get; set; } = new Jt808Area[0];

        /// <summary>Decodes the body of <paramref name="messageId"/>.</summary>
        /// <param name="messageId">0x8600, 0x8602 or 0x8604.</param>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="version2019">True for the 2019 layout (night speed limit, name).</param>
        /// <param name="body">The body, or null when the areas do not fill the body exactly.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(int messageId, byte[] b, int offset, int length, bool version2019, out Jt808SetAreas body)
        {
            body = null;
            int end = offset + length;
            int p = offset;
            var result = new Jt808SetAreas(messageId);
            if (messageId == Jt808MessageIds.SetPolygonArea)
            {
                result.Areas = new Jt808Area[] { new Jt808PolygonArea() };
            }
            else
            {
                if (length < 2)
                {
                    return false;
                }

                result.SettingType = b[offset];
                result.Areas = new Jt808Area[b[offset + 1]];
                p += 2;
                for (int i = 0; i < result.Areas.Length; i++)
                {
                    result.Areas[i] = messageId == Jt808MessageIds.SetCircleAreas ? new Jt808CircleArea() : new Jt808RectangleArea();
                }
            }

            for (int i = 0; i < result.Areas.Length; i++)
            {
                if (!result.Areas[i].TryRead(b, ref p, end, version2019))
                {
                    return false;
                }
            }

            if (p != end)
            {
                return false;
            }

            body = result;
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            if (MessageId != Jt808MessageIds.SetPolygonArea)
            {
                writer.WriteByte(SettingType);
                writer.WriteByte(Areas.Length);
            }

            for (int i = 0; i < Areas.Length; i++)
            {
                Areas[i].Write(writer, version2019);
            }
        }
    }
}
