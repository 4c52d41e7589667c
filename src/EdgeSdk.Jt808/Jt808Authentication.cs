namespace EdgeSdk.Jt808
{
    /// <summary>
    /// 0x0102 terminal authentication. 2013: the authentication code fills the body. 2019: code length BYTE, the code,
    /// IMEI BYTE[15], software version BYTE[20].
    /// </summary>
    public sealed class Jt808Authentication : Jt808Body
    {
        /// <summary>Authentication code bytes, as the platform gave them in 0x8100.</summary>
        public byte[] AuthenticationCode { get; set; } = new byte[0];

        /// <summary>Terminal IMEI (2019 only), 15 bytes zero-padded on encode.</summary>
        public byte[] Imei { get; set; } = new byte[0];

        /// <summary>Terminal software version (2019 only), 20 bytes zero-padded on encode.</summary>
        public byte[] SoftwareVersion { get; set; } = new byte[0];

        /// <summary>Decodes the body in the 2013 or 2019 layout.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="version2019">True for the 2019 layout.</param>
        /// <param name="body">The authentication, or null when a 2019 body does not add up to 1 + code + 15 + 20 bytes.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, bool version2019, out Jt808Authentication body)
        {
            body = null;
            if (!version2019)
            {
                body = new Jt808Authentication { AuthenticationCode = Jt808Bytes.Copy(b, offset, length) };
                return true;
            }

            if (length < 1)
            {
                return false;
            }

            int codeLength = b[offset];
            if (length != 1 + codeLength + 15 + 20)
            {
                return false;
            }

            body = new Jt808Authentication
            {
                AuthenticationCode = Jt808Bytes.Copy(b, offset + 1, codeLength),
                Imei = Jt808Bytes.Copy(b, offset + 1 + codeLength, 15),
                SoftwareVersion = Jt808Bytes.Copy(b, offset + 1 + codeLength + 15, 20),
            };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            if (!version2019)
            {
                writer.WriteBytes(AuthenticationCode);
                return;
            }

            writer.WriteByte(AuthenticationCode == null ? 0 : AuthenticationCode.Length);
            writer.WriteBytes(AuthenticationCode);
            writer.WriteFixed(Imei, 15);
            writer.WriteFixed(SoftwareVersion, 20);
        }
    }
}
