using System.Text.Json;

namespace EdgeSdk.Can;

/// <summary>
/// One JSON vocabulary for decoded frames, used by <c>edgesdk can decode</c>:
/// <c>{"time":1700000000.123456,"id":291,"message":"NAME","signals":{"SIG":12.5,...}}</c>. Signals appear in DBC
/// order; a multiplexed signal only when its multiplexer selects it. Values are physical (raw × factor + offset, unclamped);
/// a float signal holding NaN or infinity is written as <c>null</c>.
/// </summary>
public static class CanJson
{
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Signals = JsonEncodedText.Encode("signals");

    /// <summary>Writes one decoded frame as a JSON object.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="timestampMicroseconds">Frame time, microseconds since the Unix epoch; written as seconds with 6 decimals.</param>
    /// <param name="frame">The decoded frame.</param>
    public static void WriteFrame(Utf8JsonWriter json, long timestampMicroseconds, CanDecodedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(frame);
        json.WriteStartObject();
        json.WriteNumber(Time, timestampMicroseconds / 1_000_000m);
        json.WriteNumber(Id, frame.Message.Id);
        json.WriteString(Message, frame.Message.Name);
        json.WritePropertyName(Signals);
        json.WriteStartObject();
        for (int i = 0; i < frame.SignalCount; i++)
        {
            if (!frame.IsPresent[i])
            {
                continue;
            }

            double value = frame.PhysicalValues[i];
            if (double.IsFinite(value))
            {
                json.WriteNumber(frame.Message.Signals[i].Name, value);
            }
            else
            {
                json.WriteNull(frame.Message.Signals[i].Name); // a float signal carrying NaN or infinity: JSON has no such number
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
