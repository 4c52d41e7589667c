namespace EdgeSdk.Can;

/// <summary>How fast <see cref="CandumpFileSource"/> hands out a log's frames.</summary>
public enum CandumpReplayPace
{
    /// <summary>As fast as the reader takes them.</summary>
    Fast = 0,

    /// <summary>At the pace recorded in the timestamps, counted from the first frame.</summary>
    Recorded = 1,
}
