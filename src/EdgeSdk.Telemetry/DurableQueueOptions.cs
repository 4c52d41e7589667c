namespace EdgeSdk.Telemetry;

/// <summary>Where and how a <see cref="DurableQueue"/> keeps its records.</summary>
public sealed class DurableQueueOptions
{
    /// <summary>Directory of the segment files and the state file; created when missing. One queue per directory.</summary>
    public required string Directory { get; init; }

    /// <summary>Most records kept; when full, appending drops the oldest (counted). Default 86,400: 24 h at 1 Hz.</summary>
    public int Capacity { get; init; } = 86_400;

    /// <summary>Records per segment file before a new one is started (default 4,096, about an hour at 1 Hz).</summary>
    public int RecordsPerSegment { get; init; } = 4_096;

    /// <summary>
    /// Longest time between fsyncs of the segment and state files (default 1 s); <see cref="TimeSpan.Zero"/>
    /// fsyncs every append and every removal. Every write reaches the OS at once, so a killed process loses
    /// nothing; a power cut loses at most this much of the newest records.
    /// </summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest record payload accepted, in bytes (default 64 KiB); recovery treats a longer length as corruption.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024;
}
