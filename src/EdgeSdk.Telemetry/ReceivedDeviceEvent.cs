namespace EdgeSdk.Telemetry;

/// <summary>An event a device published, as a <see cref="TelemetryConsumer"/> received it.</summary>
/// <param name="Fleet">Fleet, from the topic.</param>
/// <param name="DeviceId">Device, from the topic.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Count">How many fixes it concerns (dropped, queued, lost).</param>
/// <param name="Detail">One line for a human; never contains credentials.</param>
/// <param name="Sequence">The event's own sequence number on its device (from 1 per publisher run).</param>
/// <param name="SentUtc">When the device sent it.</param>
public sealed record ReceivedDeviceEvent(string Fleet, string DeviceId, DeviceEventKind Kind, long Count, string Detail, long Sequence, DateTime SentUtc);
