using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeSdk.Gnss;

/// <summary>
/// Formats fixes as gpsd report lines (TPV, then SKY when there is one, each ending in a newline)
/// into a reused buffer: what <c>edgesdk fixes</c> prints and what the gpsd server sends.
/// </summary>
internal sealed class GpsdReportWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _json;

    /// <summary>Creates a writer; <paramref name="device"/> is added to each report when given.</summary>
    public GpsdReportWriter(string? device = null)
    {
        Device = device;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            SkipValidation = true,
            // gpsd's protocol is not HTML: print ' and & as they are, like gpsd does.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>The device path written into reports (null: none, as in gpsd's regression output).</summary>
    public string? Device { get; }

    /// <summary>Formats one fix; the result is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Format(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        GpsdJson.WriteTpv(_json, fix, Device);
        NewLine();
        if (GpsdJson.HasSky(fix))
        {
            GpsdJson.WriteSky(_json, fix, Device);
            NewLine();
        }

        return _buffer.WrittenMemory;
    }

    /// <summary>Formats any report (VERSION, DEVICES, ...) as one line; valid until the next call.</summary>
    public ReadOnlyMemory<byte> FormatLine(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        write(_json);
        NewLine();
        return _buffer.WrittenMemory;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

    private void NewLine()
    {
        _json.Flush();
        _json.Reset(_buffer);
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
    }
}
