namespace EdgeSdk.Can
{
    /// <summary>
    /// Reusable result of <see cref="CanDecoder.TryDecode(uint, bool, byte[], int, int, CanDecodedFrame)"/>: the message and, per signal index of
    /// <see cref="CanMessage.Signals"/>, whether the signal is present and its raw and physical values.
    /// Allocate one with room for the largest message and reuse it for every frame.
    /// </summary>
    public sealed class CanDecodedFrame
    {
#pragma warning disable CA1825 // Array.Empty<T> is not in nanoFramework's mscorlib
        private static readonly CanMessage NoMessage = new CanMessage(0, false, "", 0, new CanSignal[0]);
#pragma warning restore CA1825

        /// <summary>Creates a result with room for <paramref name="maxSignals"/> signals.</summary>
        /// <param name="maxSignals">The most signals any message has (see <see cref="CanDecoder.MaxSignalsPerMessage"/>).</param>
        public CanDecodedFrame(int maxSignals)
        {
            RawValues = new long[maxSignals];
            PhysicalValues = new double[maxSignals];
            IsPresent = new bool[maxSignals];
            Message = NoMessage;
        }

        /// <summary>The message of the last decoded frame (an empty message before the first).</summary>
        public CanMessage Message { get; internal set; }

        /// <summary>Number of valid entries: the message's signal count.</summary>
        public int SignalCount { get; internal set; }

        /// <summary>Raw values per signal index.</summary>
        public long[] RawValues { get; }

        /// <summary>Physical values (<c>raw * factor + offset</c>, unclamped) per signal index.</summary>
        public double[] PhysicalValues { get; }

        /// <summary>
        /// Per signal index: true when the signal was decoded. False for a multiplexed signal its multiplexer does not
        /// select, and for a signal that reaches beyond the frame.
        /// </summary>
        public bool[] IsPresent { get; }

        /// <summary>The signal definition at an index.</summary>
        /// <param name="index">Signal index, 0 to <see cref="SignalCount"/> - 1.</param>
        /// <returns>The signal.</returns>
        public CanSignal GetSignal(int index) => Message.Signals[index];

        /// <summary>The value table text of a present signal's raw value, without allocating.</summary>
        /// <param name="index">Signal index.</param>
        /// <param name="text">The text, or "" when absent or not in the table.</param>
        /// <returns>True when the signal is present and its table describes the value.</returns>
        public bool TryGetValueDescription(int index, out string text)
        {
            if (index < 0 || index >= SignalCount || !IsPresent[index])
            {
                text = "";
                return false;
            }

            return Message.Signals[index].TryGetValueDescription(RawValues[index], out text);
        }
    }
}
