namespace EdgeSdk.Telemetry;

/// <summary>
/// A device's online/offline status, as a <see cref="TelemetryConsumer"/> received it: online when the device
/// connects, offline when it stops or, through its MQTT Last Will, when the broker loses it (killed, link
/// dropped). The broker keeps the latest one per device (retained), so a consumer that starts later first
/// gets each device's current status with <see cref="Retained"/> set.
/// </summary>
/// <param name="Fleet">Fleet, from the topic.</param>
/// <param name="DeviceId">Device, from the topic.</param>
/// <param name="Online">True when the device is connected.</param>
/// <param name="Retained">True for the broker's stored status delivered at subscription; false for a change seen live.</param>
/// <param name="QueuedFixes">Fixes waiting in the device's durable queue when it sent the status.</param>
/// <param name="DroppedFixes">Fixes the device's full queue dropped over its life.</param>
/// <param name="SoftwareVersion">EdgeSdk version of the device's publisher.</param>
/// <param name="SentUtc">When the device made the status (for a Last Will: when it connected).</param>
public sealed record ReceivedDeviceStatus(string Fleet, string DeviceId, bool Online, bool Retained, long QueuedFixes, long DroppedFixes,
    string SoftwareVersion, DateTime SentUtc);
