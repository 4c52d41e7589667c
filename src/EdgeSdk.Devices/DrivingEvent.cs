namespace EdgeSdk.Devices;

/// <summary>One detected driving event, ready to be sent as telemetry.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TimeUtc">Time of the sample that completed the detection.</param>
/// <param name="PeakMetersPerSecondSquared">Largest magnitude seen during the event (deceleration as a positive number).</param>
/// <param name="DurationMilliseconds">How long the threshold was exceeded when the event was raised (0 for a crash).</param>
public sealed record DrivingEvent(DrivingEventKind Kind, DateTime TimeUtc, double PeakMetersPerSecondSquared, double DurationMilliseconds);
