namespace EdgeSdk.Devices;

/// <summary>
/// One PPS measurement: the system clock read at a pulse's rising edge, the true UTC second that edge
/// marks (named by the receiver's NMEA time that followed it), and their difference.
/// </summary>
public sealed class TimeSample
{
    /// <summary>A sample of the system clock reading <paramref name="systemTimeUtc"/> at the edge that marked <paramref name="trueTimeUtc"/>.</summary>
    public TimeSample(DateTime systemTimeUtc, DateTime trueTimeUtc)
    {
        SystemTimeUtc = DateTime.SpecifyKind(systemTimeUtc, DateTimeKind.Utc);
        TrueTimeUtc = DateTime.SpecifyKind(trueTimeUtc, DateTimeKind.Utc);
    }

    /// <summary>What the system clock read when the pulse's rising edge was seen.</summary>
    public DateTime SystemTimeUtc { get; }

    /// <summary>The true UTC time of the edge: a whole second.</summary>
    public DateTime TrueTimeUtc { get; }

    /// <summary>
    /// System clock minus true time, seconds: positive when the system clock is ahead. (chrony's SOCK
    /// protocol carries the opposite sign, true minus system; <see cref="ChronySockClient"/> flips it.)
    /// </summary>
    public double OffsetSeconds => (SystemTimeUtc - TrueTimeUtc).Ticks / (double)TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override string ToString() =>
        FormattableString.Invariant($"{TrueTimeUtc:yyyy-MM-ddTHH:mm:ssZ} system {SystemTimeUtc:HH:mm:ss.fffffff} offset {OffsetSeconds * 1e6:F1} us");
}
