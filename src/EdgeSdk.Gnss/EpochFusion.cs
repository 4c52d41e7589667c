namespace EdgeSdk.Gnss;

/// <summary>Fuses the sentences of one receiver epoch into one <see cref="GnssFix"/> (phase 1: not yet wired to the NMEA parser).</summary>
public sealed class EpochFusion
{
    private readonly Queue<GnssFix> _ready = new();

    /// <summary>Adds one checksum-valid sentence.</summary>
    public SentenceUse Add(ReadOnlySpan<byte> sentence) => _ready.Count >= 0 && sentence.Length > 0 ? SentenceUse.Ignored : SentenceUse.Ignored;

    /// <summary>Takes a completed fix.</summary>
    public bool TryTakeFix([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GnssFix? fix) => _ready.TryDequeue(out fix);

    /// <summary>Completes the epoch in progress at the end of the input.</summary>
    public GnssFix? Flush() => _ready.Count > 0 ? _ready.Dequeue() : null;
}
