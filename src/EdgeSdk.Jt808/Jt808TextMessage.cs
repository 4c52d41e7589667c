namespace EdgeSdk.Jt808
{
    /// <summary>
    /// 0x8300 text message from the platform. 2013: flags BYTE, text. 2019: flags BYTE, text type BYTE (1 notice,
    /// 2 service), text. The flag bits (urgency, terminal display, TTS read-out, ...) differ slightly between the
    /// editions and are kept as received. Text is GBK, kept as bytes.
    /// </summary>
    public sealed class Jt808TextMessage : Jt808Body
    {
        /// <summary>Flag bits as on the wire.</summary>
        public int Flags { get; set; }

        /// <summary>Text type (2019 only): 1 notice, 2 service.</summary>
        public int TextType { get; set; }

        /// <summary>The text in GBK.</summary>
        public byte[] Text { get; set; } = new byte[0];

        /// <summary>Decodes the body in the 2013 or 2019 layout.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="version2019">True for the 2019 layout.</param>
        /// <param name="body">The message, or null when shorter than its fixed fields.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, bool version2019, out Jt808TextMessage body)
        {
            body = null;
            int fixedLength = version2019 ? 2 : 1;
            if (length < fixedLength)
            {
                return false;
            }

            body = new Jt808TextMessage
            {
                Flags = b[offset],
                TextType = version2019 ? b[offset + 1] : 0,
                Text = Jt808Bytes.Copy(b, offset + fixedLength, length - fixedLength),
            };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteByte(Flags);
            if (version2019)
            {
                writer.WriteByte(TextType);
            }

            writer.WriteBytes(Text);
        }
    }
}
