using BenchmarkDotNet.Attributes;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// The portable path against the .NET fast path (<see cref="NmeaReader.FastPath"/>), framing alone and full decode, with
/// and without <see cref="EpochFusion"/>, against the checksum-only floor (find each line end, XOR the line), over two
/// corpora: the eight multi-GNSS captures and every capture in tests/TestData/gpsd (71, comments and binary included).
/// Per sentence line (a line starting with '$' or '!'), the unit tests/bench/compare.sh uses.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*NmeaFastPath*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(NmeaInProcessConfig))]
public class NmeaFastPathBenchmarks
{
    private byte[] _bytes = [];
    private NmeaParser _portable = new();
    private NmeaParser _fast = new();
    private EpochFusion _fusion = new();

    /// <summary>Which captures: the eight multi-GNSS ones, or all 71.</summary>
    [Params("eight", "all")]
    public string Corpus { get; set; } = "eight";

    /// <summary>Sentence lines in the corpus (set in <see cref="Setup"/>, reported per line by dividing the totals).</summary>
    public int Lines { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] names = Corpus == "eight" ? GpsdCaptures.Names : GpsdCaptures.All();
        _bytes = names.SelectMany(n => File.ReadAllBytes(GpsdCaptures.PathOf(n))).ToArray();
        Lines = 0;
        for (int i = 0; i < _bytes.Length; i++)
        {
            if ((_bytes[i] == '$' || _bytes[i] == '!') && (i == 0 || _bytes[i - 1] == '\n'))
            {
                Lines++;
            }
        }

        _portable = new NmeaParser(new NmeaReader { SkipCommentLines = true });
        _fast = new NmeaParser(new NmeaReader { SkipCommentLines = true, FastPath = true });
        _fusion = new EpochFusion();
        long a = _portable.DecodeAll(_bytes, 0, _bytes.Length);
        long b = _fast.DecodeAll(_bytes, 0, _bytes.Length);
        if (a != b || a == 0)
        {
            throw new InvalidOperationException($"portable accepted {a}, fast {b}");
        }
    }

    /// <summary>Portable path: bytes → framing → checksum → typed decode of every sentence.</summary>
    [Benchmark(Baseline = true)]
    public double Portable() => PerLine(_portable.DecodeAll(_bytes, 0, _bytes.Length));

    /// <summary>Fast path: the same, through the vectorised framing and the fixed-width decoders.</summary>
    [Benchmark]
    public double Fast() => PerLine(_fast.DecodeAll(_bytes, 0, _bytes.Length));

    /// <summary>Framing only (line end, checksum, fields, address), portable.</summary>
    [Benchmark]
    public double FramePortable() => PerLine(Frame(_portable.Reader));

    /// <summary>Framing only, fast path.</summary>
    [Benchmark]
    public double FrameFast() => PerLine(Frame(_fast.Reader));

    /// <summary>Fast path decode, each sentence handed to <see cref="EpochFusion"/>, fixes taken.</summary>
    [Benchmark]
    public double FastParseAndFuse()
    {
        long fixes = 0;
        _fast.Feed(_bytes, 0, _bytes.Length);
        _fast.Complete();
        while (_fast.Read() != NmeaSentenceType.None)
        {
            _fusion.Add(_fast.Current);
            while (_fusion.TryTakeFix(out _))
            {
                fixes++;
            }
        }

        _fast.Reader.Reset();
        _fusion.Flush();
        while (_fusion.TryTakeFix(out _))
        {
            fixes++;
        }

        return PerLine(fixes);
    }

    /// <summary>The floor: find each line end and XOR the line, nothing else.</summary>
    [Benchmark]
    public double ChecksumOnlyFloor()
    {
        int x = 0;
        int sum = 0;
        byte[] b = _bytes;
        for (int i = 0; i < b.Length; i++)
        {
            byte c = b[i];
            if (c == '\n')
            {
                sum += x;
                x = 0;
            }
            else
            {
                x ^= c;
            }
        }

        return PerLine(sum);
    }

    private long Frame(NmeaReader reader)
    {
        long n = 0;
        reader.Feed(_bytes, 0, _bytes.Length);
        reader.Complete();
        while (reader.Read())
        {
            n++;
        }

        reader.Reset();
        return n;
    }

    // BenchmarkDotNet reports time per invocation: the README divides by Lines (printed in the setup's column).
    private double PerLine(long result) => result / (double)Lines;
}
