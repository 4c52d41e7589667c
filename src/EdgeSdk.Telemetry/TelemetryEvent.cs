namespace EdgeSdk.Telemetry;

/// <summary>Something a dashboard or log should show: broker down, queue flushed, fixes dropped, ...</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">One line for a human; never contains secrets.</param>
/// <param name="Count">How many fixes it concerns (queued, flushed, dropped, rejected), or 0.</param>
/// <param name="TimeUtc">When it happened.</param>
public sealed record TelemetryEvent(TelemetryEventKind Kind, string Message, long Count, DateTime TimeUtc);
