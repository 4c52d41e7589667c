using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk bench nmea FILE [--seconds N]</c>: frames and fully decodes the file with <see cref="NmeaParser"/>
/// in a loop for N seconds on this thread and prints throughput and allocation as one JSON object.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "NMEA capture to decode (lines starting with # are comments)." };
        var seconds = new Option<double>("--seconds") { Description = "How long to run, in seconds.", DefaultValueFactory = _ => 5 };
        var nmea = new Command("nmea", "Measure NMEA decoding: sentences/s, MB/s and bytes allocated per sentence.");
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
        var parser = new NmeaParser(new NmeaReader { SkipCommentLines = true });
        long perPass = parser.DecodeAll(data, 0, data.Length);
        if (perPass == 0)
        {
            throw new DataProblemException($"'{path}' holds no NMEA sentence this parser accepts; nothing to measure.");
        }

        // Warm up (JIT tiers) for a tenth of the run, then measure whole passes until the time is up.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < Math.Min(1.0, seconds / 10))
        {
            parser.DecodeAll(data, 0, data.Length);
        }

        long sentences = 0;
        long bytes = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        do
        {
            sentences += parser.DecodeAll(data, 0, data.Length);
            bytes += data.Length;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        double elapsed = clock.Elapsed.TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        using var json = new Utf8JsonWriter(Console.OpenStandardOutput());
        json.WriteStartObject();
        json.WriteNumber("sentences", sentences);
        json.WriteNumber("bytes", bytes);
        json.WriteNumber("seconds", Math.Round(elapsed, 3));
        json.WriteNumber("sentences_per_second", Math.Round(sentences / elapsed));
        json.WriteNumber("megabytes_per_second", Math.Round(bytes / elapsed / 1e6, 1));
        json.WriteNumber("allocated_bytes_per_sentence", Math.Round((double)allocated / sentences, 3));
        json.WriteEndObject();
        json.Flush();
        Console.WriteLine();
        return ExitCodes.Ok;
    }
}
