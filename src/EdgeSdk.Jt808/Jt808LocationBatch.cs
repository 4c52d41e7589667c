namespace EdgeSdk.Jt808
{
    /// <summary>0x0704 batch upload: item count WORD, type BYTE (0 normal batch, 1 blind-area re-send), then per item a length WORD and a 0x0200 body.</summary>
    public sealed class Jt808LocationBatch : Jt808Body
    {
        /// <summary>Type 0: a normal batch of reports.</summary>
        public const int TypeNormal = 0;

        /// <summary>Type 1: reports stored while the platform was unreachable (blind area), re-sent.</summary>
        public const int TypeBlindArea = 1;

        /// <summary>Batch type, <see cref="TypeNormal"/> or <see cref="TypeBlindArea"/>.</summary>
        public int BatchType { get; set; }

        /// <summary>The reports, oldest first as the terminal sent them.</summary>
        public Jt808LocationReport[] Reports { get; set; } = new Jt808LocationReport[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The batch, or null when the count, lengths or a report do not fit the body exactly.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808LocationBatch body)
        {
            body = null;
            if (length < 3)
            {
                return false;
            }

            int count = Jt808Bytes.ReadUInt16(b, offset);
            var reports = new Jt808LocationReport[count];
            int p = offset + 3;
            int end = offset + length;
            for (int i = 0; i < count; i++)
            {
                if (p + 2 > end)
                {
                    return false;
                }

                int itemLength = Jt808Bytes.ReadUInt16(b, p);
                if (p + 2 + itemLength > end || !Jt808LocationReport.TryDecode(b, p + 2, itemLength, out reports[i]))
                {
                    return false;
                }

                p += 2 + itemLength;
            }

            if (p != end)
            {
                return false;
            }

            body = new Jt808LocationBatch { BatchType = b[offset + 2], Reports = reports };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(Reports.Length);
            writer.WriteByte(BatchType);
            var item = new Jt808Writer(64);
            for (int i = 0; i < Reports.Length; i++)
            {
                item.Clear();
                Reports[i].Encode(item, version2019);
                writer.WriteUInt16(item.Length);
                writer.WriteBytes(item.Buffer, 0, item.Length);
            }
        }
    }
}
