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
}
