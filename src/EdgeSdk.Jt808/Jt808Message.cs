namespace EdgeSdk.Jt808
{
    /// <summary>One JT/T 808 message: header, body (typed when the codec knows the id), and the check code as received.</summary>
    public sealed class Jt808Message
    {
        // Created on first read, so the decoder, which always sets a header, does not allocate one to throw away.
        private Jt808Header _header;

        /// <summary>The header.</summary>
        public Jt808Header Header
        {
            get
            {
                if (_header == null)
                {
                    _header = new Jt808Header();
                }

                return _header;
            }

            set
            {
                _header = value;
            }
        }

        /// <summary>The typed body, or null when it is kept raw (unknown id, sub-package fragment, encrypted, malformed).</summary>
        public Jt808Body Body { get; set; }

        /// <summary>The body bytes as received (unescaped); encoded as-is when <see cref="Body"/> is null.</summary>
        public byte[] BodyBytes { get; set; } = Jt808Bytes.Empty;

        /// <summary>The check code byte as received (0 for a message built in code).</summary>
        public int Checksum { get; set; }

        /// <summary>True when the received check code matched the XOR of header and body.</summary>
        public bool ChecksumOk { get; set; }
    }
}
