namespace EdgeSdk.Can
{
    /// <summary>Why <see cref="CanDecoder.TryDecode(uint, bool, byte[], int, int, CanDecodedFrame)"/> did or did not decode a frame.</summary>
    public enum CanDecodeStatus
    {
        /// <summary>The frame was decoded.</summary>
        Decoded = 0,

        /// <summary>No message of the database has this identifier (standard/extended counted apart).</summary>
        UnknownId = 1,

        /// <summary>The frame has fewer data bytes than the message's DLC; nothing was decoded.</summary>
        ShortFrame = 2,

        /// <summary>The data array is shorter than offset + length said; nothing was decoded.</summary>
        BadArguments = 3,
    }
}
