namespace EdgeSdk.Can
{
    /// <summary>How a signal's bits are laid out in the frame (DBC <c>@1</c> / <c>@0</c>).</summary>
    public enum CanByteOrder
    {
        /// <summary>Little endian (<c>@1</c>): the start bit is the signal's least significant bit; bits count up.</summary>
        Intel = 0,

        /// <summary>
        /// Big endian (<c>@0</c>): the start bit is the signal's most significant bit in the DBC's sawtooth numbering
        /// (bit 7 of byte 0 is 7, bit 0 of byte 1 is 8); further bits go down inside a byte, then to bit 7 of the next byte.
        /// </summary>
        Motorola = 1,
    }
}
