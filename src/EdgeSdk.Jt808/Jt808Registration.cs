namespace EdgeSdk.Jt808
{
    /// <summary>
    /// 0x0100 terminal registration. The fixed-width text fields (manufacturer, model, terminal id) are 5/20/7 bytes in
    /// JT/T 808-2013 and 11/30/30 in 2019; the plate is GBK text to the end of the body. Text is kept as bytes because GBK
    /// needs a code page the portable subset does not have.
    /// </summary>
    public sealed class Jt808Registration : Jt808Body
    {
        /// <summary>Province id (GB/T 2260 first two digits).</summary>
        public int ProvinceId { get; set; }

        /// <summary>City/county id (GB/T 2260 last four digits).</summary>
        public int CityId { get; set; }

        /// <summary>Manufacturer id bytes (5 in 2013, 11 in 2019), zero-padded on encode.</summary>
        public byte[] ManufacturerId { get; set; } = new byte[0];

        /// <summary>Terminal model bytes (20 in 2013, 30 in 2019), zero-padded on encode.</summary>
        public byte[] TerminalModel { get; set; } = new byte[0];

        /// <summary>Terminal id bytes (7 in 2013, 30 in 2019), zero-padded on encode.</summary>
        public byte[] TerminalId { get; set; } = new byte[0];

        /// <summary>Plate colour (JT/T 415: 1 blue, 2 yellow, 3 black, 4 white, 9 other; 0 = no plate, then the plate field holds the VIN).</summary>
        public int PlateColor { get; set; }

        /// <summary>Plate number (or VIN) in GBK, as received.</summary>
        public byte[] Plate { get; set; } = new byte[0];

        /// <summary>Decodes the body in the 2013 or 2019 layout.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="version2019">True for the 2019 field widths.</param>
        /// <param name="body">The registration, or null when the body is shorter than the fixed fields.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, bool version2019, out Jt808Registration body)
        {
            body = null;
            int manufacturer = version2019 ? 11 : 5;
            int model = version2019 ? 30 : 20;
            int id = version2019 ? 30 : 7;
            int fixedLength = 4 + manufacturer + model + id + 1;
            if (length < fixedLength)
            {
                return false;
            }

            int p = offset + 4;
            body = new Jt808Registration
            {
                ProvinceId = Jt808Bytes.ReadUInt16(b, offset),
                CityId = Jt808Bytes.ReadUInt16(b, offset + 2),
                ManufacturerId = Jt808Bytes.Copy(b, p, manufacturer),
                TerminalModel = Jt808Bytes.Copy(b, p + manufacturer, model),
                TerminalId = Jt808Bytes.Copy(b, p + manufacturer + model, id),
                PlateColor = b[p + manufacturer + model + id],
                Plate = Jt808Bytes.Copy(b, offset + fixedLength, length - fixedLength),
            };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(ProvinceId);
            writer.WriteUInt16(CityId);
            writer.WriteFixed(ManufacturerId, version2019 ? 11 : 5);
            writer.WriteFixed(TerminalModel, version2019 ? 30 : 20);
            writer.WriteFixed(TerminalId, version2019 ? 30 : 7);
            writer.WriteByte(PlateColor);
            writer.WriteBytes(Plate);
        }
    }
}
