namespace EdgeSdk.Telemetry;

/// <summary>
/// De-duplicates one device's sequence numbers and counts gaps. Everything at or below the contiguous
/// watermark has been seen; above it, the numbers seen out of order are kept in a set, bounded: past
/// <see cref="MaxOutOfOrder"/> the watermark jumps and the missing numbers stay counted as gaps.
/// </summary>
internal sealed class SequenceTracker
{
    public const int MaxOutOfOrder = 100_000;

    private readonly SortedSet<long> _ahead = [];
    private long _watermark = -1; // every sequence <= watermark was seen (or given up on)

    /// <summary>Sequence numbers below the highest seen that have not arrived (yet).</summary>
    public long Missing { get; private set; }

    /// <summary>True the first time a sequence number is seen, false for a duplicate.</summary>
    public bool Observe(long sequence)
    {
        if (_watermark < 0)
        {
            // The first number seen sets the baseline: a consumer that starts late owes nothing before it.
            _watermark = sequence;
            return true;
        }

        if (sequence <= _watermark || _ahead.Contains(sequence))
        {
            return false;
        }

        long highest = _ahead.Count > 0 ? _ahead.Max : _watermark;
        if (sequence > highest)
        {
            Missing += sequence - highest - 1;
        }
        else
        {
            Missing--; // fills a gap
        }

        _ahead.Add(sequence);
        while (_ahead.Count > 0 && _ahead.Min == _watermark + 1)
        {
            _watermark = _ahead.Min;
            _ahead.Remove(_watermark);
        }

        if (_ahead.Count > MaxOutOfOrder)
        {
            _watermark = _ahead.Min;
            _ahead.Remove(_watermark);
        }

        return true;
    }
}
