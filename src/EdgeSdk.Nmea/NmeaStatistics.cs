namespace EdgeSdk.Nmea;

/// <summary>
/// Counters of a reader (and of the decoder sharing it): how many sentences were framed, accepted,
/// rejected and why, and how many bytes between sentences were skipped. Nothing is silently lost:
/// every byte that does not end up in an accepted sentence is counted here.
/// </summary>
public sealed class NmeaStatistics
{
    private readonly long[] _rejected = new long[(int)NmeaRejectReason.MissingFields + 1];

    /// <summary>Lines that passed framing (start, end, length, checksum, address).</summary>
    public long Framed { get; internal set; }

    /// <summary>Sentences accepted: framed ones by a bare <see cref="NmeaReader"/>, decoded ones by <see cref="NmeaParser"/>.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Lines rejected, for any reason (the sum of <see cref="GetRejected"/> over all reasons).</summary>
    public long Rejected { get; private set; }

    /// <summary>Bytes outside any sentence that were skipped while resynchronising (line ends excluded).</summary>
    public long SkippedBytes { get; internal set; }

    /// <summary>Binary frames (u-blox UBX, CASIC) recognised between sentences and skipped whole.</summary>
    public long BinaryFrames { get; internal set; }

    /// <summary>Comment lines (starting with <c>#</c>) skipped when <see cref="NmeaReader.SkipCommentLines"/> is on.</summary>
    public long CommentLines { get; internal set; }

    /// <summary>The reason of the most recently rejected line (<see cref="NmeaRejectReason.None"/> before any).</summary>
    public NmeaRejectReason LastRejectReason { get; private set; }

    /// <summary>Lines rejected for one reason.</summary>
    public long GetRejected(NmeaRejectReason reason)
    {
        int i = (int)reason;
        return i > 0 && i < _rejected.Length ? _rejected[i] : 0;
    }

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Framed = 0;
        Accepted = 0;
        Rejected = 0;
        SkippedBytes = 0;
        BinaryFrames = 0;
        CommentLines = 0;
        LastRejectReason = NmeaRejectReason.None;
        for (int i = 0; i < _rejected.Length; i++)
        {
            _rejected[i] = 0;
        }
    }

    internal void Reject(NmeaRejectReason reason)
    {
        _rejected[(int)reason]++;
        Rejected++;
        LastRejectReason = reason;
    }
}
