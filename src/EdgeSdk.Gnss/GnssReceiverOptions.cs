namespace EdgeSdk.Gnss;

/// <summary>Options for a <see cref="GnssReceiver"/>.</summary>
public sealed class GnssReceiverOptions
{
    /// <summary>
    /// Pace a finite source (file, stdin) by the fix times, as the receiver produced them,
    /// instead of reading as fast as possible. Live sources are paced by the receiver itself.
    /// </summary>
    public bool Realtime { get; set; }

    /// <summary>
    /// How long without a valid sentence (or without any sentence carrying time or position)
    /// before the status says so, e.g. <c>no valid sentences in 5 s at 9600 baud — try baud=auto</c>.
    /// </summary>
    public TimeSpan NoDataTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On a live source, a pause this long after a sentence ends the epoch at once (receivers send
    /// each epoch as a burst), instead of waiting for the next epoch's first sentence.
    /// </summary>
    public TimeSpan EpochIdleGap { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// After this many epochs in a row end with the same sentence (e.g. <c>$GNZDA</c>), that
    /// sentence ends the epoch as soon as it arrives, without waiting for <see cref="EpochIdleGap"/>
    /// (see <see cref="EpochFusion.EarlyCloseAfter"/>); 0 turns this off.
    /// </summary>
    public int EarlyEpochCloseAfter { get; set; } = 3;

    /// <summary>
    /// Accept only sentences with a <c>*HH</c> checksum (default). Noise at a wrong baud rate can
    /// look like a checksum-less sentence; turn this off only for receivers that send none.
    /// </summary>
    public bool RequireChecksum { get; set; } = true;
}
