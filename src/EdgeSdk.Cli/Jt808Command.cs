using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeSdk.Jt808;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk jt808 ...</c>: JT/T 808 tools. <c>decode HEX|-</c> prints each frame as one JSON line
/// (<see cref="Jt808Json"/>); a frame with a wrong BCC or bad escaping is refused with its reason on stderr and exit
/// code 1, unless <c>--ignore-checksum</c>. Further <c>jt808</c> subcommands (platform simulator) add themselves here.
/// </summary>
internal static class Jt808Command
{
    public const int ExitRefused = ExitCodes.DataProblem;

    public static Command Create()
    {
        var command = new Command("jt808", "JT/T 808 (2013/2019) vehicle terminal protocol tools.");
        command.Subcommands.Add(CreateDecode());
        return command;
    }

    private static Command CreateDecode()
    {
        var frame = new Argument<string>("frame")
        {
            Description = "One frame as hex, flags included (spaces allowed), or - to read one hex frame per line from stdin (# comments and blank lines skipped).",
        };
        var ignoreChecksum = new Option<bool>("--ignore-checksum")
        {
            Description = "Decode frames whose BCC is wrong or whose escaping is bad instead of refusing them (checksum_ok tells which).",
        };
        var decode = new Command("decode", "Decode JT/T 808 frames into JSON, one object per frame: message id, version, phone, sequence, body fields.");
        decode.Arguments.Add(frame);
        decode.Options.Add(ignoreChecksum);
        decode.SetAction(parseResult => Decode(parseResult.GetValue(frame)!, parseResult.GetValue(ignoreChecksum)));
        return decode;
    }

    private static int Decode(string frame, bool ignoreChecksum)
    {
        var codec = new Jt808Codec { VerifyChecksum = !ignoreChecksum, StrictEscapes = !ignoreChecksum };
        using Stream stdout = Console.OpenStandardOutput();
        // Relaxed escaping: the +08:00 offset and GBK plates print as themselves, not as \u escapes.
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        int exit = 0;
        if (frame != "-")
        {
            return DecodeOne(codec, frame, "frame", json, stdout);
        }

        int lineNumber = 0;
        string? line;
        while ((line = Console.In.ReadLine()) != null)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (DecodeOne(codec, text, $"line {lineNumber}", json, stdout) != 0)
            {
                exit = ExitRefused;
            }
        }

        return exit;
    }

    private static int DecodeOne(Jt808Codec codec, string hex, string where, Utf8JsonWriter json, Stream stdout)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            Console.Error.WriteLine($"edgesdk: jt808 {where} refused: not_hex (give the frame as pairs of hex digits, 7E...7E)");
            return ExitRefused;
        }

        Jt808DecodeResult result = codec.TryDecode(bytes, 0, bytes.Length, out Jt808Message? message);
        if (message == null)
        {
            string hint = result is Jt808DecodeResult.WrongChecksum or Jt808DecodeResult.BadEscape ? "; pass --ignore-checksum to decode it anyway" : string.Empty;
            Console.Error.WriteLine($"edgesdk: jt808 {where} refused: {Jt808Json.ResultName(result)}{hint}");
            return ExitRefused;
        }

        Jt808Json.WriteMessage(json, message, result);
        json.Flush();
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
        json.Reset();
        return ExitCodes.Ok;
    }
}
