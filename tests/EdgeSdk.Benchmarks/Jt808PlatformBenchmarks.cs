using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeSdk.Jt808;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// <see cref="Jt808Platform"/> over loopback TCP: one authenticated terminal writes a burst of 100 0x0200 reports (vector
/// V1's body) and reads the 100 0x8001 answers. One operation = one report decoded, answered, published to the stream
/// (drained by a reader) and its answer read back. The terminal's side allocates nothing per report, so the Allocated column
/// (all threads) is the platform's: decode, the frame copy and received-message record, the answer.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*Jt808Platform*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class Jt808PlatformBenchmarks
{
    private const int Burst = 100;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Jt808FrameReader _reader = new();
    private readonly CancellationTokenSource _stop = new();
    private Jt808Platform? _platform;
    private TcpClient? _client;
    private NetworkStream? _stream;
    private byte[] _burst = [];
    private Task? _drain;

    [GlobalSetup]
    public void Setup()
    {
        _platform = new Jt808Platform(new Jt808PlatformOptions { AuthenticationCodeFactory = _ => "BENCH" });
        _platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        _drain = Task.Run(async () =>
        {
            try
            {
                await foreach (Jt808ReceivedMessage _ in _platform.ReadAllAsync(_stop.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        _client = new TcpClient { NoDelay = true };
        _client.Connect(_platform.LocalEndPoint);
        _stream = _client.GetStream();
        var codec = new Jt808Codec();
        Write(codec, Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = "BENCH"u8.ToArray() }, 0);
        ReadFrames(1);

        byte[] v1 = Convert.FromHexString("7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E");
        codec.TryDecode(v1, 0, v1.Length, out Jt808Message? report);
        var burst = new List<byte>();
        for (int i = 0; i < Burst; i++)
        {
            report!.Header.SequenceNumber = i + 1;
            codec.TryEncode(report, out byte[]? frame);
            burst.AddRange(frame!);
        }

        _burst = [.. burst];
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public int ReportsAnswered()
    {
        _stream!.Write(_burst);
        return ReadFrames(Burst);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _stop.Cancel();
        _platform?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _drain?.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private void Write(Jt808Codec codec, int id, Jt808Body body, int sequence)
    {
        codec.TryEncode(new Jt808Message { Header = Jt808Header.Create(id, "123456789012", sequence, false), Body = body }, out byte[]? frame);
        _stream!.Write(frame!);
    }

    private int ReadFrames(int count)
    {
        int frames = 0;
        while (frames < count)
        {
            int n = _stream!.Read(_buffer);
            int offset = 0;
            while (offset < n)
            {
                offset += _reader.Feed(_buffer, offset, n - offset);
                if (_reader.HasFrame)
                {
                    frames++;
                }
            }
        }

        return frames;
    }
}
