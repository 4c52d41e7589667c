namespace EdgeSdk.Jt808
{
    /// <summary>One JT/T 808 message: header, body (typed when the codec knows the id), and the check code as received.</summary>
    public sealed class Jt808Message
    {
        /// <summary>The header.</summary>
        public Jt808Header Header { get; set; } = new Jt808Header();

        /// <summary>The typed body, or null when it is kept raw (unknown id, sub-package fragment, encrypted, malformed).</summary>
        public Jt808Body Body { get; set; }

        /// <summary>The body bytes as received (unescaped); encoded as-is when <see cref="Body"/> is null.</summary>
        public byte[] BodyBytes { get; set; } = new byte[0];

        /// <summary>The check code byte as received (0 for a message built in code).</summary>
        public int Checksum { get; set; }

        /// <summary>True when the received check code matched the XOR of header and body.</summary>
        public bool ChecksumOk { get; set; }
    }
}
