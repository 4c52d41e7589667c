namespace EdgeSdk.Can
{
    /// <summary>One CAN or CAN FD frame as read from a source.</summary>
    public struct CanFrame
    {
        /// <summary>Creates a frame.</summary>
        /// <param name="timestampMicroseconds">Receive time, microseconds since the Unix epoch (UTC).</param>
        /// <param name="id">Identifier, 11 or 29 bits, without flags.</param>
        /// <param name="isExtended">True for a 29-bit identifier.</param>
        /// <param name="isFd">True for a CAN FD frame.</param>
        /// <param name="data">Data bytes; the frame owns the array.</param>
        /// <param name="channel">Interface name, e.g. <c>can0</c>, or "".</param>
        public CanFrame(long timestampMicroseconds, uint id, bool isExtended, bool isFd, byte[] data, string channel)
        {
            TimestampMicroseconds = timestampMicroseconds;
            Id = id;
            IsExtended = isExtended;
            IsFd = isFd;
            Data = data;
            Channel = channel;
            IsRemote = false;
        }

        /// <summary>Receive time, microseconds since the Unix epoch (UTC).</summary>
        public long TimestampMicroseconds { get; set; }

        /// <summary>Identifier, 11 or 29 bits, without flags.</summary>
        public uint Id { get; set; }

        /// <summary>True for a 29-bit identifier.</summary>
        public bool IsExtended { get; set; }

        /// <summary>True for a CAN FD frame.</summary>
        public bool IsFd { get; set; }

        /// <summary>True for a remote transmission request (no data to decode).</summary>
        public bool IsRemote { get; set; }

        /// <summary>Data bytes (0 to 8 for classic CAN, up to 64 for CAN FD).</summary>
        public byte[] Data { get; set; }

        /// <summary>Interface name, or "".</summary>
        public string Channel { get; set; }
    }
}
