namespace EdgeSdk.Can
{
    /// <summary>Why <see cref="CanEncoder.TryEncode"/> did or did not encode a frame.</summary>
    public enum CanEncodeStatus
    {
        /// <summary>Every selected signal was written.</summary>
        Encoded = 0,

        /// <summary>A value does not fit the signal's bits after scaling; the frame is incomplete.</summary>
        ValueOutOfRange = 1,

        /// <summary>The destination or the value array is too small for the message.</summary>
        BufferTooSmall = 2,
    }
}
