using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeSdk.Jt808;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// JT/T 808 codec on vector V1 (SmallChi/JT808 README: a 0x0200 report with mileage and fuel items and two escapes):
/// full decode (unescape, BCC, header, typed body) and encode; a TCP-like byte stream of 1,000 such frames cut by the
/// frame reader and decoded; a 300-vertex polygon (0x8604, 2,415-byte body) encoded as 3 sub-packages. One operation =
/// one frame (the stream benchmark divides by its 1,000 frames; the polygon is one message of 3 frames).
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*Jt808*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class Jt808Benchmarks
{
    private readonly byte[] _v1 = Convert.FromHexString(
        "7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E");

    private const int StreamFrames = 1000;

    private readonly Jt808Codec _codec = new();
    private readonly Jt808FrameReader _reader = new();
    private Jt808Message _message = new();
    private byte[] _stream = [];
    private Jt808Message _polygon = new();

    [GlobalSetup]
    public void Setup()
    {
        if (_codec.TryDecode(_v1, 0, _v1.Length, out Jt808Message? message) != Jt808DecodeResult.Ok || message == null)
        {
            throw new InvalidOperationException("V1 does not decode");
        }

        _message = message;
        _stream = new byte[_v1.Length * StreamFrames];
        for (int i = 0; i < StreamFrames; i++)
        {
            _v1.CopyTo(_stream, i * _v1.Length);
        }

        var polygon = new Jt808PolygonArea { AreaId = 1, VertexLatitudesMicrodegrees = new uint[300], VertexLongitudesMicrodegrees = new uint[300], Name = [0xC7, 0xF8] };
        for (int i = 0; i < 300; i++)
        {
            polygon.VertexLatitudesMicrodegrees[i] = 29_500_000u + (uint)(i * 100);
            polygon.VertexLongitudesMicrodegrees[i] = 106_500_000u + (uint)(i * 100);
        }

        _polygon = new Jt808Message
        {
            Header = Jt808Header.Create(Jt808MessageIds.SetPolygonArea, "013800000000", 1, version2019: true),
            Body = new Jt808SetAreas(Jt808MessageIds.SetPolygonArea) { Areas = [polygon] },
        };
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

    [Benchmark(OperationsPerInvoke = StreamFrames)]
    public int ReadAndDecodeStream()
    {
        int ok = 0;
        int offset = 0;
        while (offset < _stream.Length)
        {
            offset += _reader.Feed(_stream, offset, _stream.Length - offset);
            if (_reader.HasFrame && _codec.TryDecode(_reader.Frame, 0, _reader.FrameLength, out _) == Jt808DecodeResult.Ok)
            {
                ok++;
            }
        }

        return ok;
    }

    [Benchmark]
    public byte[][]? EncodePolygonAsSubpackages()
    {
        _codec.TryEncodePackages(_polygon, Jt808Codec.MaxBodyLength, out byte[][]? frames);
        return frames;
    }
}
