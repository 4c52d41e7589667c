using EdgeSdk.Nmea;

namespace EdgeSdk.Rdss;

/// <summary>A received short message (<c>$BDTXR</c> or <c>$BDTCI</c>).</summary>
/// <param name="SenderUserId">The sending card.</param>
/// <param name="Encoding">How the payload was coded.</param>
/// <param name="Payload">The message bytes.</param>
/// <param name="Text">The payload as text (GB18030) for Chinese and mixed messages; null for code.</param>
/// <param name="ReceivedUtc">When this terminal read it.</param>
public sealed record RdssMessage(int SenderUserId, RdssPayloadEncoding Encoding, byte[] Payload, string? Text, DateTimeOffset ReceivedUtc);
