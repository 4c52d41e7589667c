using System.Buffers;
using System.CommandLine;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk nmea [SOURCE] [--stats]</c>: decodes NMEA from a file or stdin with <see cref="NmeaParser"/>
/// and prints one JSON object per accepted sentence (<see cref="EdgeSdk.Gnss.NmeaJson"/>), or the counters
/// with <c>--stats</c>.
/// </summary>
internal static class NmeaCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "File to read, or - for stdin (lines starting with # are comments).",
            DefaultValueFactory = _ => "-",
        };
        var stats = new Option<bool>("--stats") { Description = "Print only one JSON object with accepted/rejected counts per reason." };
        var command = new Command("nmea", "Decode NMEA 0183 (GPS, BeiDou, GLONASS, Galileo, QZSS) into JSON, one object per sentence.");
        command.Arguments.Add(source);
        command.Options.Add(stats);
        command.SetAction(parseResult => Run(parseResult.GetValue(source) ?? "-", parseResult.GetValue(stats)));
        return command;
    }

    private static int Run(string source, bool statsOnly)
    {
        using Stream input = OpenSource(source);
        using Stream stdout = Console.OpenStandardOutput();
        // Lines are written into one buffer reused for the whole run and reach stdout in blocks: after each read
        // from the source (so a live pipe sees its sentences as soon as they are decoded) or when the block is full.
        // Before, each line was two writes to the unbuffered stdout (the object, then its newline).
        var output = new ArrayBufferWriter<byte>(OutputBlockBytes + 4096);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        var parser = new NmeaParser(new NmeaReader { SkipCommentLines = true, FastPath = true }); // identical output (differential test), faster
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            parser.Feed(buffer, 0, n);
            Drain(parser, json, output, stdout, statsOnly);
            WriteOut(output, stdout);
        }

        parser.Complete();
        Drain(parser, json, output, stdout, statsOnly);
        if (statsOnly)
        {
            NmeaJson.WriteStatistics(json, parser.Statistics);
            EndLine(json, output);
        }

        WriteOut(output, stdout);
        if (parser.Statistics.Accepted == 0)
        {
            // Same rule as fixes: input with no NMEA at all shows in the exit code, and says why.
            NmeaStatistics s = parser.Statistics;
            Console.Error.WriteLine($"edgesdk nmea: no valid sentence in {(source == "-" ? "stdin" : source)} " +
                $"({s.Rejected} rejected, {s.SkippedBytes} bytes skipped) — is it NMEA?");
            return ExitCodes.DataProblem;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Opens a file or stdin; a missing file is a user error with one clear line.</summary>
    internal static Stream OpenSource(string source)
    {
        if (source == "-")
        {
            return Console.OpenStandardInput();
        }

        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"NMEA source '{source}' not found: give an existing capture file, or - to read stdin.");
        }

        return File.OpenRead(source);
    }

    /// <summary>Output is written to stdout in blocks of about this size (and at least once per read of the source).</summary>
    private const int OutputBlockBytes = 32 * 1024;

    private static void Drain(NmeaParser parser, Utf8JsonWriter json, ArrayBufferWriter<byte> output, Stream stdout, bool statsOnly)
    {
        while (parser.Read() != NmeaSentenceType.None)
        {
            if (!statsOnly)
            {
                NmeaJson.WriteSentence(json, parser.Current);
                EndLine(json, output);
                if (output.WrittenCount >= OutputBlockBytes)
                {
                    WriteOut(output, stdout);
                }
            }
        }
    }

    private static void EndLine(Utf8JsonWriter json, ArrayBufferWriter<byte> output)
    {
        json.Flush();
        output.GetSpan(1)[0] = (byte)'\n';
        output.Advance(1);
        json.Reset(output);
    }

    private static void WriteOut(ArrayBufferWriter<byte> output, Stream stdout)
    {
        if (output.WrittenCount > 0)
        {
            stdout.Write(output.WrittenSpan);
            output.ResetWrittenCount();
        }
    }
}
