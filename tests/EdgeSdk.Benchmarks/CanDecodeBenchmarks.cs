using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeSdk.Can;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// DBC decode of one 8-byte frame with 8 signals (4 Intel, 4 Motorola; unsigned and signed; factor and offset)
/// through a decoder that knows 100 messages, so the identifier lookup is a real table lookup. Results are per frame
/// (OperationsPerInvoke), target ≥ 5 M frames/s and 0 B allocated.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*CanDecode*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CanDecodeBenchmarks
{
    private const int Frames = 1024;
    private const uint Id = 0x1A0;

    private readonly CanDecoder _decoder;
    private readonly CanDecodedFrame _result;
    private readonly CanEncoder _encoder = new(8);
    private readonly CanMessage _message;
    private readonly byte[][] _frames = new byte[Frames][];
    private readonly double[] _physical = [1234.5, -12, 3, 0.5, 90, -7.5, 12, 200];
    private readonly byte[] _encoded = new byte[8];

    public CanDecodeBenchmarks()
    {
        CanSignal[] signals =
        [
            new("EngineSpeed", 0, 16, CanByteOrder.Intel, false, 0.25, 0),
            new("Torque", 16, 12, CanByteOrder.Intel, true, 0.5, 0),
            new("Gear", 28, 4, CanByteOrder.Intel, false, 1, 0),
            new("Throttle", 32, 8, CanByteOrder.Intel, false, 0.4, 0),
            new("Coolant", 47, 8, CanByteOrder.Motorola, false, 1, -40),
            new("Accel", 55, 6, CanByteOrder.Motorola, true, 0.25, 0),
            new("Counter", 49, 2, CanByteOrder.Motorola, false, 1, 0),
            new("Pressure", 63, 8, CanByteOrder.Motorola, false, 2, 0),
        ];
        _message = new CanMessage(Id, false, "Powertrain", 8, signals);
        var messages = new CanMessage[100];
        for (int i = 0; i < messages.Length; i++)
        {
            messages[i] = i == 37 ? _message : new CanMessage((uint)(0x100 + (i * 3)), false, $"M{i}", 8, [new CanSignal("S", 0, 8, CanByteOrder.Intel, false, 1, 0)]);
        }

        _decoder = new CanDecoder(messages);
        _result = _decoder.CreateResult();
        var random = new Random(42);
        for (int i = 0; i < Frames; i++)
        {
            _frames[i] = new byte[8];
            random.NextBytes(_frames[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public double Decode_8_byte_8_signal_frame()
    {
        double sum = 0;
        for (int i = 0; i < Frames; i++)
        {
            _decoder.TryDecode(Id, false, _frames[i], 0, 8, _result);
            sum += _result.PhysicalValues[7];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int Encode_8_byte_8_signal_frame()
    {
        int sum = 0;
        for (int i = 0; i < Frames; i++)
        {
            _encoder.TryEncode(_message, _physical, _encoded, 0);
            sum += _encoded[7];
        }

        return sum;
    }
}
