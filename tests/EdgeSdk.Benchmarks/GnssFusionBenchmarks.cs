using System.Text;
using BenchmarkDotNet.Attributes;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Benchmarks;

/// <summary>
/// What epoch fusion adds to parsing, per sentence: 200 five-hertz epochs of a Quectel L76K
/// (one epoch of gpsd's quectel-l76k-nmea.log, BSD-2-Clause, with the time moved on 200 ms each
/// epoch and the checksums recomputed), parsed alone and parsed then fused into fixes.
/// Run: <c>dotnet run -c Release --project tests/EdgeSdk.Benchmarks -- --filter '*GnssFusion*'</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GnssFusionBenchmarks
{
    private const int Epochs = 200;

    private static readonly string[] Epoch =
    [
        "$GNGGA,{T},4739.71890,N,12219.58362,W,1,14,0.9,76.5,M,-21.6,M,,",
        "$GNGLL,4739.71890,N,12219.58362,W,{T},A,A",
        "$GNGSA,A,3,02,07,14,15,17,20,22,30,,,,,1.5,0.9,1.2,1",
        "$GNGSA,A,3,13,27,37,,,,,,,,,,1.5,0.9,1.2,4",
        "$GNGSA,A,3,73,84,83,,,,,,,,,,1.5,0.9,1.2,2",
        "$GPGSV,3,1,12,01,17,083,03,02,20,056,27,07,18,123,25,08,,,15,0",
        "$GPGSV,3,2,12,14,79,041,29,15,31,297,21,17,54,166,28,19,24,192,23,0",
        "$GPGSV,3,3,12,20,47,263,22,22,78,280,15,24,07,305,,30,57,127,31,0",
        "$BDGSV,1,1,03,13,19,043,17,27,38,127,33,37,36,091,24,0",
        "$GLGSV,3,1,10,74,52,302,,82,25,034,33,73,59,049,31,80,10,081,21,0",
        "$GLGSV,3,2,10,75,07,276,,65,19,333,,84,12,149,26,83,37,097,19,0",
        "$GLGSV,3,3,10,71,23,216,,72,43,277,,0",
        "$GNRMC,{T},A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V",
        "$GNVTG,286.35,T,,M,0.00,N,0.00,K,A",
        "$GNZDA,{T},05,08,2026,00,00",
    ];

    private byte[] _stream = [];
    private NmeaParser _parser = new();
    private EpochFusion _fusion = new();
    private NmeaTypedSentence[] _decodedEpoch = [];

    /// <summary>
    /// False: every epoch's sky is the same (steady state). True: every tracked signal's C/N0 changes
    /// every epoch, the worst case for reusing satellite objects.
    /// </summary>
    [Params(false, true)]
    public bool ChangingSky { get; set; }

    /// <summary>Sentences per benchmark invocation.</summary>
    public const int Sentences = 15 * Epochs;

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (int e = 0; e < Epochs; e++)
        {
            TimeSpan t = TimeSpan.FromHours(5) + TimeSpan.FromMilliseconds(200 * e);
            string time = $"{t.Hours:00}{t.Minutes:00}{t.Seconds:00}.{t.Milliseconds:000}";
            foreach (string template in Epoch)
            {
                string sentence = template.Replace("{T}", time, StringComparison.Ordinal);
                if (ChangingSky && sentence.Contains("GSV", StringComparison.Ordinal))
                {
                    sentence = ChangeSnr(sentence, e);
                }

                text.Append(NmeaChecksum.Append(sentence)).Append("\r\n");
            }
        }

        _stream = Encoding.ASCII.GetBytes(text.ToString());
        _parser = new NmeaParser();
        _fusion = new EpochFusion();
        // One epoch decoded once (a parser per sentence, since a parser reuses its typed sentences),
        // for measuring the fusion on its own.
        _decodedEpoch = new NmeaTypedSentence[Epoch.Length];
        int length = _stream.Length / Epochs;
        for (int i = 0, offset = 0; i < Epoch.Length; i++)
        {
            var parser = new NmeaParser();
            int end = Array.IndexOf(_stream, (byte)'\n', offset) + 1;
            parser.Feed(_stream, offset, end - offset);
            parser.Read();
            _decodedEpoch[i] = parser.Current;
            offset = end;
        }

        if (ParseAndFuse() != Epochs || length == 0) // the last epoch too: ZDA, its last sentence, is learned as its end
        {
            throw new InvalidOperationException("the benchmark stream does not fuse into one fix per epoch");
        }
    }

    // Moves every present C/N0 of a GSV sentence by the epoch number (fields 7, 11, 15, 19).
    private static string ChangeSnr(string sentence, int epoch)
    {
        string[] fields = sentence.Split(',');
        for (int i = 7; i < fields.Length && i <= 19; i += 4)
        {
            if (fields[i].Length > 0 && int.TryParse(fields[i], out int snr))
            {
                fields[i] = (10 + ((snr + epoch) % 40)).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return string.Join(',', fields);
    }

    /// <summary>The parser alone: frame, check and decode every sentence.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sentences)]
    public int ParseOnly()
    {
        int count = 0;
        _parser.Feed(_stream, 0, _stream.Length);
        while (_parser.Read() != NmeaSentenceType.None)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The fusion alone, on already decoded sentences: one decoded epoch fused 200 times, each ended by
    /// Flush. Its sky never changes, whatever <see cref="ChangingSky"/> says.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Sentences)]
    public int FuseOnly()
    {
        int fixes = 0;
        for (int e = 0; e < Epochs; e++)
        {
            foreach (NmeaTypedSentence sentence in _decodedEpoch)
            {
                _fusion.Add(sentence);
            }

            fixes += _fusion.Flush() != null ? 1 : 0;
        }

        return fixes;
    }

    /// <summary>The parser and the fusion: one GnssFix per epoch.</summary>
    [Benchmark(OperationsPerInvoke = Sentences)]
    public int ParseAndFuse()
    {
        int fixes = 0;
        _parser.Feed(_stream, 0, _stream.Length);
        while (_parser.Read() != NmeaSentenceType.None)
        {
            _fusion.Add(_parser.Current);
            while (_fusion.TryTakeFix(out _))
            {
                fixes++;
            }
        }

        return fixes;
    }
}
