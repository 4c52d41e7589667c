namespace EdgeSdk.Jt808
{
    /// <summary>
    /// The message header (JT/T 808 message structure, 2013 and 2019): message id, body attributes, optional protocol
    /// version, BCD terminal phone number, sequence number, and the sub-package fields.
    /// </summary>
    public sealed class Jt808Header
    {
        /// <summary>Message id (WORD), e.g. <see cref="Jt808MessageIds.LocationReport"/>.</summary>
        public int MessageId { get; set; }

        /// <summary>Body length in bytes from the attributes (bits 0–9); the encoder sets it from the body it writes.</summary>
        public int BodyLength { get; set; }

        /// <summary>Data encryption mode, attribute bits 10–12 (0 = none, 1 = RSA). An encrypted body is kept raw.</summary>
        public int EncryptionMode { get; set; }

        /// <summary>Attribute bit 13: the body is one piece of a long message; <see cref="PackageCount"/> and <see cref="PackageIndex"/> are present.</summary>
        public bool IsSubpackage { get; set; }

        /// <summary>Attribute bit 14, the 2019 version flag, as received. Some 2013 terminals set it; see <see cref="Is2019Layout"/>.</summary>
        public bool VersionFlag { get; set; }

        /// <summary>Attribute bit 15 (reserved), kept so a frame re-encodes identically.</summary>
        public bool ReservedBit15 { get; set; }

        /// <summary>
        /// True when the header has the 2019 layout (protocol version byte, 10-byte BCD phone). The decoder picks the layout whose
        /// length matches the frame, so a 2013 terminal that sets the version flag still decodes.
        /// </summary>
        public bool Is2019Layout { get; set; }

        /// <summary>Protocol version byte of the 2019 header (1 for JT/T 808-2019); 0 in the 2013 layout.</summary>
        public int ProtocolVersion { get; set; }

        /// <summary>Terminal phone number as its BCD digits: 12 in the 2013 layout, 20 in 2019 (leading zeros kept). Shorter text is left-padded with zeros when encoded.</summary>
        public string Phone { get; set; } = string.Empty;

        /// <summary>Message sequence number (WORD), counted from 0 by the sender.</summary>
        public int SequenceNumber { get; set; }

        /// <summary>Total number of sub-packages, when <see cref="IsSubpackage"/>.</summary>
        public int PackageCount { get; set; }

        /// <summary>Index of this sub-package, from 1, when <see cref="IsSubpackage"/>.</summary>
        public int PackageIndex { get; set; }

        /// <summary>Header size in bytes for this layout: 12 (2013) or 17 (2019), plus 4 for sub-package fields.</summary>
        public int HeaderLength => (Is2019Layout ? 17 : 12) + (IsSubpackage ? 4 : 0);

        /// <summary>Phone number field width in bytes for this layout.</summary>
        public int PhoneBytes => Is2019Layout ? 10 : 6;

        /// <summary>The body attributes WORD as it goes on the wire for the current fields.</summary>
        public int Attributes =>
            (BodyLength & 0x3FF) | ((EncryptionMode & 0x7) << 10) | (IsSubpackage ? 1 << 13 : 0) | (VersionFlag ? 1 << 14 : 0) | (ReservedBit15 ? 1 << 15 : 0);

        /// <summary>A header for a new message: 2013 layout, or 2019 layout with the version flag and protocol version 1.</summary>
        /// <param name="messageId">The message id.</param>
        /// <param name="phone">Terminal phone number digits.</param>
        /// <param name="sequenceNumber">Sequence number.</param>
        /// <param name="version2019">True for the 2019 header.</param>
        /// <returns>The header.</returns>
        public static Jt808Header Create(int messageId, string phone, int sequenceNumber, bool version2019) => new Jt808Header
        {
            MessageId = messageId,
            Phone = phone,
            SequenceNumber = sequenceNumber,
            Is2019Layout = version2019,
            VersionFlag = version2019,
            ProtocolVersion = version2019 ? 1 : 0,
        };
    }
}
