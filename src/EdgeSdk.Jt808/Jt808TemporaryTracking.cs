namespace EdgeSdk.Jt808
{
    /// <summary>0x8202 temporary location tracking: report interval WORD seconds (0 stops tracking), validity DWORD seconds.</summary>
    public sealed class Jt808TemporaryTracking : Jt808Body
    {
        /// <summary>Report interval in seconds; 0 stops tracking (the validity is then omitted by some platforms).</summary>
        public int IntervalSeconds { get; set; }

        /// <summary>How long to keep tracking, seconds.</summary>
        public uint ValiditySeconds { get; set; }

        /// <summary>True when the validity field was absent (a 2-byte stop command); encoded the same way.</summary>
        public bool ValidityOmitted { get; set; }

        /// <summary>Decodes the body: 6 bytes, or 2 bytes for a stop command without validity.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The body, or null for another length.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808TemporaryTracking body)
        {
            body = null;
            if (length != 6 && length != 2)
            {
                return false;
            }

            body = new Jt808TemporaryTracking
            {
                IntervalSeconds = Jt808Bytes.ReadUInt16(b, offset),
                ValiditySeconds = length == 6 ? Jt808Bytes.ReadUInt32(b, offset + 2) : 0,
                ValidityOmitted = length == 2,
            };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(IntervalSeconds);
            if (!ValidityOmitted)
            {
                writer.WriteUInt32(ValiditySeconds);
            }
        }
    }
}
