namespace EdgeSdk.Jt808
{
    /// <summary>Counts every frame <see cref="Jt808Codec.TryDecode"/> saw, by <see cref="Jt808DecodeResult"/>.</summary>
    public sealed class Jt808Statistics
    {
        // Indexed by the enum's value; sized for every defined result so a new value only needs its name.
        private readonly long[] _counts = new long[(int)Jt808DecodeResult.TooLong + 1];

        /// <summary>Frames whose BCC was wrong but were decoded anyway because <see cref="Jt808Codec.VerifyChecksum"/> is off.</summary>
        public long ChecksumIgnored { get; internal set; }

        /// <summary>Bad escape sequences passed through literally because <see cref="Jt808Codec.StrictEscapes"/> is off.</summary>
        public long EscapesIgnored { get; internal set; }

        /// <summary>Frames whose header had the 2019 version flag (bit 14) set but whose length only fits the 2013 header; decoded with the 2013 layout.</summary>
        public long VersionFlagWith2013Header { get; internal set; }

        /// <summary>How many frames ended with <paramref name="result"/>.</summary>
        /// <param name="result">The decode result to look up.</param>
        /// <returns>The count; 0 for a value outside the enum.</returns>
        public long Count(Jt808DecodeResult result)
        {
            int i = (int)result;
            return i >= 0 && i < _counts.Length ? _counts[i] : 0;
        }

        /// <summary>All frames seen, accepted or not.</summary>
        public long Total
        {
            get
            {
                long sum = 0;
                for (int i = 0; i < _counts.Length; i++)
                {
                    sum += _counts[i];
                }

                return sum;
            }
        }

        internal void Add(Jt808DecodeResult result) => _counts[(int)result]++;
    }
}
