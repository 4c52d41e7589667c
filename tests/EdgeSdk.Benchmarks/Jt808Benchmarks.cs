using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeSdk.Jt808;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// JT/T 808 codec on vector V1 (SmallChi/JT808 README: a 0x0200 report with mileage and fuel items and two escapes):
/// full decode (unescape, BCC, header, typed body) and encode. One operation = one frame.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*Jt808*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class Jt808Benchmarks
{
    private readonly byte[] _v1 = Convert.FromHexString(
        "7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E");

    private readonly Jt808Codec _codec = new();
    private Jt808Message _message = new();

    [GlobalSetup]
    public void Setup()
    {
        if (_codec.TryDecode(_v1, 0, _v1.Length, out Jt808Message? message) != Jt808DecodeResult.Ok || message == null)
        {
            throw new InvalidOperationException("V1 does not decode");
        }

        _message = message;
    }

    [Benchmark]
    public Jt808Message? DecodeV1()
    {
        _codec.TryDecode(_v1, 0, _v1.Length, out Jt808Message? message);
        return message;
    }

    [Benchmark]
    public byte[]? EncodeV1()
    {
        _codec.TryEncode(_message, out byte[]? frame);
        return frame;
    }
}
