using EdgeSdk.Gnss;

namespace EdgeSdk.Telemetry;

/// <summary>A fix a <see cref="TelemetryConsumer"/> received, de-duplicated.</summary>
/// <param name="Fleet">Fleet, from the topic.</param>
/// <param name="DeviceId">Device, from the topic (which the broker's ACL ties to the device's credentials).</param>
/// <param name="Sequence">The fix's sequence number.</param>
/// <param name="SentUtc">When the device sent the batch holding it.</param>
/// <param name="Fix">
/// The fix, as the wire carries it: time, mode, quality, position, altitude, speed, course, and the used
/// satellites (one <see cref="SatelliteInfo"/> per satellite, with only its system set).
/// </param>
public sealed record ReceivedFix(string Fleet, string DeviceId, long Sequence, DateTime SentUtc, GnssFix Fix);
