namespace EdgeSdk.Can
{
    /// <summary>One entry of a signal's value table (DBC <c>VAL_</c>): a raw value and its text.</summary>
    public sealed class CanValueDescription
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="rawValue">The raw (unscaled) signal value.</param>
        /// <param name="text">What the value means, e.g. "Drive".</param>
        public CanValueDescription(long rawValue, string text)
        {
            RawValue = rawValue;
            Text = text;
        }

        /// <summary>The raw (unscaled) signal value.</summary>
        public long RawValue { get; }

        /// <summary>What the value means.</summary>
        public string Text { get; }
    }
}
