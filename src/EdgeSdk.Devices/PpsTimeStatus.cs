namespace EdgeSdk.Devices;

/// <summary>
/// A snapshot of a <see cref="PpsTimeSource"/>: its state, counters, and the system clock's offset and
/// jitter over the last <see cref="WindowSamples"/> samples.
/// </summary>
public sealed class PpsTimeStatus
{
    /// <summary>What the source is doing.</summary>
    public PpsTimeState State { get; init; }

    /// <summary>One line for the user: the state, or what is wrong and how to fix it.</summary>
    public string Message { get; init; } = "";

    /// <summary>Rising edges seen on the PPS pin.</summary>
    public long Pulses { get; init; }

    /// <summary>Samples made (a pulse paired with the NMEA time that named its second).</summary>
    public long Samples { get; init; }

    /// <summary>Pulses no NMEA time named within <see cref="PpsTimeSourceOptions.MaxNmeaDelay"/>: counted, not used.</summary>
    public long PulsesWithoutTime { get; init; }

    /// <summary>NMEA times of a whole second with no pulse before them (or a pulse too long before): counted, not used.</summary>
    public long TimesWithoutPulse { get; init; }

    /// <summary>RMC/ZDA sentences that carried no usable time (empty time or date, RMC status V): no sample.</summary>
    public long SentencesWithoutTime { get; init; }

    /// <summary>Lines that did not decode as NMEA (bad checksum, truncated): skipped.</summary>
    public long RejectedSentences { get; init; }

    /// <summary>Samples dropped from the full <see cref="PpsTimeSource.Samples"/> queue (oldest first).</summary>
    public long DroppedSamples { get; init; }

    /// <summary>Samples the statistics below are computed over.</summary>
    public int WindowSamples { get; init; }

    /// <summary>Mean offset of the system clock (system minus true, seconds) over the window; NaN without samples.</summary>
    public double MeanOffsetSeconds { get; init; } = double.NaN;

    /// <summary>
    /// Median offset over the window, seconds; NaN without samples. Unlike the mean, one late wake-up of a busy
    /// board (milliseconds) barely moves it: compare the two to see whether outliers or a real offset dominate.
    /// </summary>
    public double MedianOffsetSeconds { get; init; } = double.NaN;

    /// <summary>
    /// RMS jitter, seconds: the root mean square of the offsets' residuals about a straight line fitted
    /// through the window (so a clock running fast or slow does not count as jitter); NaN below 2 samples.
    /// </summary>
    public double RmsJitterSeconds { get; init; } = double.NaN;

    /// <summary>The fitted line's slope: how fast the system clock gains (positive) or loses, parts per million; NaN below 2 samples.</summary>
    public double DriftPartsPerMillion { get; init; } = double.NaN;

    /// <summary>The most recent sample, or null.</summary>
    public TimeSample? LastSample { get; init; }

    /// <summary>Seconds since the last pulse by the source's clock; NaN when no pulse was seen.</summary>
    public double SecondsSinceLastPulse { get; init; } = double.NaN;

    /// <inheritdoc/>
    public override string ToString() => Message;
}
