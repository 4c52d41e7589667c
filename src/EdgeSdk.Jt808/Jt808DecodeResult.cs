namespace EdgeSdk.Jt808
{
    /// <summary>Why <see cref="Jt808Codec.TryDecode"/> accepted or refused a frame; each value has a counter in <see cref="Jt808Statistics"/>.</summary>
    public enum Jt808DecodeResult
    {
        /// <summary>Frame and body decoded; the message's <see cref="Jt808Message.Body"/> is typed.</summary>
        Ok = 0,

        /// <summary>Frame valid, but the message id has no body decoder (or the body is a sub-package fragment or encrypted): the body is kept raw in <see cref="Jt808Message.BodyBytes"/>.</summary>
        UnknownMessageId = 1,

        /// <summary>Frame valid, but the body does not have the layout its message id requires; the body is kept raw.</summary>
        BodyMalformed = 2,

        /// <summary>Fewer bytes than the smallest frame (flags, 12-byte header, BCC), or a header cut short.</summary>
        Truncated = 3,

        /// <summary>The frame does not start and end with the 0x7E flag.</summary>
        MissingFlag = 4,

        /// <summary>0x7D followed by something other than 0x01 or 0x02, or a 0x7E inside the frame.</summary>
        BadEscape = 5,

        /// <summary>The XOR of header and body differs from the check code byte.</summary>
        WrongChecksum = 6,

        /// <summary>The body length in the header attributes differs from the bytes present.</summary>
        BodyLengthMismatch = 7,

        /// <summary>The unescaped frame is longer than the largest the standard allows (header + 1023-byte body + BCC).</summary>
        TooLong = 8,
    }
}
