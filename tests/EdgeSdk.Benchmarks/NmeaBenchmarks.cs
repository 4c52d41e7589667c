using System.Text;
using BenchmarkDotNet.Attributes;
using EdgeSdk.Nmea;
using NmeaError = Iot.Device.Nmea0183.NmeaError;
using TalkerSentence = Iot.Device.Nmea0183.TalkerSentence;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// Full decode of every sentence of the eight gpsd captures (5,771 sentence lines: BeiDou, GPS, GLONASS,
/// Galileo, QZSS; CRLF and LF), this parser against Iot.Device.Nmea0183. Results are per sentence
/// (OperationsPerInvoke). Iot.Device gets the lines already split into strings; EdgeSdk frames raw bytes.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*Nmea*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(NmeaInProcessConfig))]
public class NmeaBenchmarks
{
    private const int Lines = 5771;

    private byte[] _bytes = Array.Empty<byte>();
    private string[] _lines = Array.Empty<string>();
    private NmeaParser _parser = new();

    [GlobalSetup]
    public void Setup()
    {
        // The eight multi-GNSS captures (tests/TestData/gpsd holds 71 now; these are the ones the README's table names).
        string[] files = GpsdCaptures.Names.Select(GpsdCaptures.PathOf).ToArray();
        _bytes = files.SelectMany(File.ReadAllBytes).ToArray();
        _lines = files.SelectMany(f => File.ReadAllLines(f, Encoding.Latin1))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith('$') || l.StartsWith('!'))
            .ToArray();
        if (_lines.Length != Lines)
        {
            throw new InvalidOperationException($"expected {Lines} sentence lines, found {_lines.Length}");
        }

        _parser = new NmeaParser(new NmeaReader { SkipCommentLines = true });
    }

    /// <summary>EdgeSdk: bytes → framing → checksum → typed decode of every sentence.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public long EdgeSdkNmea() => _parser.DecodeAll(_bytes, 0, _bytes.Length);

    /// <summary>Iot.Device.Nmea0183 (Iot.Device.Bindings 4.2.0): parse each line and ask for its typed value.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int IotDeviceNmea0183()
    {
        int typed = 0;
        DateTimeOffset last = DateTimeOffset.MinValue;
        foreach (string line in _lines)
        {
            TalkerSentence? sentence = TalkerSentence.FromSentenceString(line, out NmeaError _);
            if (sentence?.TryGetTypedValue(ref last) != null)
            {
                typed++;
            }
        }

        return typed;
    }

    /// <summary>The floor: XOR every line's checksum, no framing, no decoding.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int ChecksumOnly()
    {
        int x = 0;
        byte[] b = _bytes;
        for (int i = 0; i < b.Length; i++)
        {
            x ^= b[i];
        }

        return x;
    }
}
