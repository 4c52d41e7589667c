namespace EdgeSdk.Telemetry;

/// <summary>What <see cref="DurableQueue.Open"/> found on disk.</summary>
/// <param name="SegmentsRead">Segment files read.</param>
/// <param name="RecordsRecovered">Records still waiting for acknowledgement, kept.</param>
/// <param name="CorruptRecords">Records whose length or CRC was wrong (a torn write or a damaged disk); reading that segment stopped there.</param>
/// <param name="TruncatedBytes">Bytes cut off the end of segment files from the first bad record on.</param>
public sealed record QueueRecoveryReport(int SegmentsRead, int RecordsRecovered, int CorruptRecords, long TruncatedBytes);
