namespace EdgeSdk.Gnss;

/// <summary>
/// A vendor's configuration vocabulary: turns <see cref="ReceiverSettings"/> into the sentences
/// that vendor's modules understand. Add a vendor by deriving from this class (see
/// <see cref="CasicCommandSet"/>) and pass it to <see cref="GnssReceiver.ConfigureAsync"/>.
/// </summary>
public abstract class ReceiverCommandSet
{
    /// <summary>The vendor or protocol name, e.g. "CASIC".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The commands for <paramref name="settings"/>, in the order to send them (a baud change last,
    /// since the module stops listening at the old rate).
    /// </summary>
    /// <exception cref="ArgumentException">A setting the vendor cannot do (e.g. an unsupported rate).</exception>
    public abstract IReadOnlyList<byte[]> Encode(ReceiverSettings settings);
}
