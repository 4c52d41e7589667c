namespace EdgeSdk.Fleet;

/// <summary>One process of a load run (the load process itself or a consumer) and its memory at the end of the run.</summary>
/// <param name="Name">What it is: <c>load</c>, or <c>consumer-1</c> ... (a restarted consumer keeps its name).</param>
/// <param name="ProcessId">The operating system's process ID (the last one, for a restarted consumer).</param>
/// <param name="RssBytes">Resident set size at the end of the run (VmRSS), in bytes.</param>
/// <param name="PeakRssBytes">Largest resident set size of the process's life (VmHWM), in bytes.</param>
/// <param name="Summary">The consumer's own summary line (standard error) after it was stopped, or empty.</param>
public sealed record FleetLoadProcess(string Name, int ProcessId, long RssBytes, long PeakRssBytes, string Summary);
