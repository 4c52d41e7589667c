namespace EdgeSdk.Telemetry;

/// <summary>One record of a <see cref="DurableQueue"/>.</summary>
/// <param name="Sequence">Sequence number, assigned at append: 1, 2, 3, ... for the queue's whole life.</param>
/// <param name="Payload">The bytes appended.</param>
/// <param name="EnqueuedTimestamp">When it was appended (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), or 0 when recovered from disk.</param>
public sealed record QueuedRecord(long Sequence, byte[] Payload, long EnqueuedTimestamp);
