using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk bench nmea FILE [--seconds N]</c>: frames and fully decodes the file with <see cref="NmeaParser"/>,
/// once through the portable path and once through the .NET fast path (<see cref="NmeaReader.FastPath"/>), N seconds
/// each on this thread, and prints throughput and allocation of both as one JSON object.
/// </summary>
internal static class BenchCommand
{
    // Each path runs in slices this long, alternating, so load that comes and goes on a shared machine hits both.
    private const double SliceSeconds = 0.1;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "NMEA capture to decode (lines starting with # are comments)." };
        var seconds = new Option<double>("--seconds") { Description = "How long to run each path, in seconds.", DefaultValueFactory = _ => 5 };
        var nmea = new Command("nmea", "Measure NMEA decoding (portable path and .NET fast path): sentences/s, MB/s and bytes allocated per sentence.");
        nmea.Arguments.Add(file);
        nmea.Options.Add(seconds);
        nmea.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(seconds)));

        var bench = new Command("bench", "Measure the speed of EdgeSdk components on this machine.");
        bench.Subcommands.Add(nmea);
        return bench;
    }

    private static int Run(string path, double seconds)
    {
        if (!(seconds > 0))
        {
            throw new ArgumentException($"--seconds must be greater than 0 (got {seconds}).");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"NMEA capture '{path}' not found: give an existing file to benchmark.");
        }

        byte[] data = File.ReadAllBytes(path);
        var portable = new Measurement(data, fastPath: false);
        var fast = new Measurement(data, fastPath: true);
        if (portable.PerPass == 0)
        {
            throw new DataProblemException($"'{path}' holds no NMEA sentence this parser accepts; nothing to measure.");
        }

        // Warm up (JIT tiers) for a tenth of the run, then alternate slices until each path has had its time.
        double warmup = Math.Min(1.0, seconds / 10);
        portable.Run(warmup, count: false);
        fast.Run(warmup, count: false);
        while (portable.Seconds < seconds || fast.Seconds < seconds)
        {
            foreach (Measurement m in new[] { portable, fast })
            {
                if (m.Seconds < seconds)
                {
                    m.Run(Math.Min(SliceSeconds, seconds - m.Seconds), count: true);
                }
            }
        }

        using var json = new Utf8JsonWriter(Console.OpenStandardOutput());
        json.WriteStartObject();
        portable.Write(json, "portable");
        fast.Write(json, "fast_path");
        json.WriteNumber("fast_path_speedup", Math.Round(fast.SentencesPerSecond / portable.SentencesPerSecond, 3));
        json.WriteEndObject();
        json.Flush();
        Console.WriteLine();
        return ExitCodes.Ok;
    }

    /// <summary>One parser decoding the whole file pass after pass, with the passes, time and allocation it took.</summary>
    private sealed class Measurement(byte[] data, bool fastPath)
    {
        private readonly NmeaParser _parser = new(new NmeaReader { SkipCommentLines = true, FastPath = fastPath });
        private long _sentences;
        private long _bytes;
        private long _ticks;
        private long _allocated;

        public long PerPass { get; } = new NmeaParser(new NmeaReader { SkipCommentLines = true, FastPath = fastPath })
            .DecodeAll(data, 0, data.Length);

        public double Seconds => (double)_ticks / Stopwatch.Frequency;

        public double SentencesPerSecond => _sentences / Seconds;

        /// <summary>Whole passes until <paramref name="seconds"/> are up (at least one); counted when <paramref name="count"/>.</summary>
        public void Run(double seconds, bool count)
        {
            long sentences = 0;
            long bytes = 0;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            do
            {
                sentences += _parser.DecodeAll(data, 0, data.Length);
                bytes += data.Length;
            }
            while (Stopwatch.GetElapsedTime(start).TotalSeconds < seconds);

            long ticks = Stopwatch.GetTimestamp() - start;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (count)
            {
                _sentences += sentences;
                _bytes += bytes;
                _ticks += ticks;
                _allocated += allocated;
            }
        }

        public void Write(Utf8JsonWriter json, string name)
        {
            json.WriteStartObject(name);
            json.WriteNumber("sentences", _sentences);
            json.WriteNumber("bytes", _bytes);
            json.WriteNumber("seconds", Math.Round(Seconds, 3));
            json.WriteNumber("sentences_per_second", Math.Round(SentencesPerSecond));
            json.WriteNumber("megabytes_per_second", Math.Round(_bytes / Seconds / 1e6, 1));
            json.WriteNumber("allocated_bytes_per_sentence", Math.Round((double)_allocated / _sentences, 3));
            json.WriteEndObject();
        }
    }
}
