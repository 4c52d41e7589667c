namespace EdgeSdk.Gnss;

/// <summary>
/// What a receiver has seen so far. Bad input shows up here (and in the status), never as an
/// exception: garbage in <see cref="IgnoredBytes"/>, broken sentences in <see cref="RejectedSentences"/>.
/// </summary>
public sealed class GnssReceiverCounters
{
    /// <summary>Bytes read from the source.</summary>
    public long BytesRead { get; internal set; }

    /// <summary>Sentences with a matching checksum.</summary>
    public long ValidSentences { get; internal set; }

    /// <summary>Sentences cut off, too long, or with a missing or wrong checksum.</summary>
    public long RejectedSentences { get; internal set; }

    /// <summary>Bytes outside any sentence: noise, binary protocols, a wrong baud rate's garbage.</summary>
    public long IgnoredBytes { get; internal set; }

    /// <summary>Valid sentences that carry time, position or the sky (GGA, RMC, GNS, GLL, GSA, GSV, ...).</summary>
    public long NavigationSentences { get; internal set; }

    /// <summary>Valid sentences the fusion does not use (TXT, proprietary, unknown types).</summary>
    public long OtherSentences { get; internal set; }

    /// <summary>Sentences that passed the checksum but whose fields did not parse.</summary>
    public long MalformedSentences { get; internal set; }

    /// <summary>Fixes produced (one per epoch).</summary>
    public long Fixes { get; internal set; }

    /// <summary>
    /// Times fusing a sentence or closing an epoch threw. The receiver loop goes on: the epoch being built
    /// is dropped, the first fault is logged and put in the status, later ones are only counted here.
    /// Should stay 0; anything else is a bug worth reporting with the capture that caused it.
    /// </summary>
    public long FusionFaults { get; internal set; }

    /// <summary>
    /// Takes the sentence counts from the parser's statistics: sentences of a talker or type the parser does
    /// not decode are valid "other" sentences (as are <paramref name="acceptedOther"/>, decoded ones the fusion
    /// does not use), those whose fields did not parse are malformed, the rest of the rejected are broken.
    /// </summary>
    internal void Update(EdgeSdk.Nmea.NmeaStatistics stats, long acceptedOther)
    {
        long undecoded = stats.GetRejected(EdgeSdk.Nmea.NmeaRejectReason.UnknownTalker) + stats.GetRejected(EdgeSdk.Nmea.NmeaRejectReason.UnknownType);
        MalformedSentences = stats.GetRejected(EdgeSdk.Nmea.NmeaRejectReason.InvalidField) + stats.GetRejected(EdgeSdk.Nmea.NmeaRejectReason.MissingFields);
        OtherSentences = acceptedOther + undecoded;
        ValidSentences = stats.Framed;
        RejectedSentences = stats.Rejected - undecoded - MalformedSentences;
        IgnoredBytes = stats.SkippedBytes;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{BytesRead} bytes, {ValidSentences} valid sentences ({NavigationSentences} navigation, {OtherSentences} other, {MalformedSentences} malformed), " +
        $"{RejectedSentences} rejected, {IgnoredBytes} bytes ignored, {Fixes} fixes" + (FusionFaults > 0 ? $", {FusionFaults} fusion faults" : string.Empty);
}
