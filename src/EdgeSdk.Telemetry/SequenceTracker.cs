namespace EdgeSdk.Telemetry;

/// <summary>
/// De-duplicates one device's sequence numbers (per queue instance), counts gaps, and says which numbers of a
/// range were not received: compared with what the publisher's broker acknowledged, that is what was lost on
/// the way. Everything from the first number seen up to the contiguous watermark has been seen; above it, the
/// numbers seen out of order are kept in a set, bounded: past <see cref="MaxOutOfOrder"/> the watermark jumps
/// and the missing numbers stay counted in <see cref="Missing"/>. Not thread-safe: the consumer calls it under
/// its lock.
/// </summary>
internal sealed class SequenceTracker
{
    /// <summary>Most numbers kept above the watermark (received out of order); beyond it the oldest hole is given up.</summary>
    public const int MaxOutOfOrder = 100_000;

    /// <summary>Holes given up on that <see cref="HasReceived"/> still names as not received (the newest ones).</summary>
    public const int MaxGivenUpRanges = 1_000;

    private readonly SortedSet<long> _ahead = [];
    private long _watermark = -1; // every sequence in [FirstSeen, watermark] was seen (or given up on)
    private readonly Queue<SequenceRange> _givenUp = new(); // holes the watermark jumped over, newest MaxGivenUpRanges

    /// <summary>Sequence numbers below the highest seen that have not arrived (yet).</summary>
    public long Missing { get; private set; }

    /// <summary>The first sequence number seen, or -1 before any: a consumer that starts late owes nothing before it.</summary>
    public long FirstSeen { get; private set; } = -1;

    /// <summary>The highest sequence number seen, or -1 before any.</summary>
    public long HighestSeen => _ahead.Count > 0 ? _ahead.Max : _watermark;

    /// <summary>True the first time a sequence number is seen, false for a duplicate.</summary>
    public bool Observe(long sequence)
    {
        if (_watermark < 0)
        {
            _watermark = FirstSeen = sequence;
            return true;
        }

        if (sequence <= _watermark || _ahead.Contains(sequence))
        {
            return false;
        }

        long highest = HighestSeen;
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
            long next = _ahead.Min;
            _givenUp.Enqueue(new SequenceRange(_watermark + 1, next - 1));
            if (_givenUp.Count > MaxGivenUpRanges)
            {
                _givenUp.Dequeue();
            }

            _watermark = next;
            _ahead.Remove(_watermark);
        }

        return true;
    }

    /// <summary>True when <paramref name="sequence"/> was received (numbers before <see cref="FirstSeen"/> never were).</summary>
    /// <remarks>Holes given up on are remembered as not received, the newest <see cref="MaxGivenUpRanges"/> of them.</remarks>
    public bool HasReceived(long sequence)
    {
        if (FirstSeen < 0 || sequence < FirstSeen)
        {
            return false;
        }

        if (sequence > _watermark)
        {
            return _ahead.Contains(sequence);
        }

        foreach (SequenceRange hole in _givenUp)
        {
            if (sequence >= hole.First && sequence <= hole.Last)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The numbers in <paramref name="first"/>..<paramref name="last"/> (both included) not received, at most
    /// <paramref name="max"/> of them, lowest first: e.g. the range the broker acknowledged to the publisher.
    /// </summary>
    public IReadOnlyList<long> Unreceived(long first, long last, int max = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var missing = new List<long>();
        for (long s = first; s <= last && missing.Count < max; s++)
        {
            if (!HasReceived(s))
            {
                missing.Add(s);
            }
        }

        return missing;
    }
}
