using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeSdk.Jt808;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk jt808 ...</c>: JT/T 808 tools. <c>decode HEX|-</c> prints each frame as one JSON line
/// (<see cref="Jt808Json"/>); a frame with a wrong BCC or bad escaping is refused with its reason on stderr and exit
/// code 1, unless <c>--ignore-checksum</c>. <c>platform --listen HOST:PORT [--script FILE] [--duration N]</c> runs the
/// platform simulator (<see cref="Jt808Platform"/>): each received message as one JSON line in the <c>decode</c> format on
/// stdout; status, refused frames and the script's progress on stderr.
/// </summary>
internal static class Jt808Command
{
    public const int ExitRefused = ExitCodes.DataProblem;

    public static Command Create()
    {
        var command = new Command("jt808", "JT/T 808 (2013/2019) vehicle terminal protocol tools.");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreatePlatform());
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

    private static Command CreatePlatform()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "HOST:PORT to accept terminals on, e.g. 127.0.0.1:6808 (port 0 picks a free one, printed on stderr).",
            DefaultValueFactory = _ => "127.0.0.1:6808",
        };
        var script = new Option<string?>("--script")
        {
            Description = "File of commands to send, one per line (set-params, query-location, set-polygon, text, ...; see src/EdgeSdk.Jt808/README.md).",
        };
        var duration = new Option<double?>("--duration")
        {
            Description = "Stop after this many seconds (exit 0, or 1 when a script command failed or did not run). Default: until Ctrl+C.",
        };
        var answerTimeout = new Option<double>("--answer-timeout")
        {
            Description = "Seconds each script command waits for the terminal's answer.",
            DefaultValueFactory = _ => 30,
        };
        var platform = new Command("platform", "Run a JT/T 808 platform simulator: accepts terminals, answers registration/authentication/reports, prints each message as a JSON line, sends commands from a script.");
        platform.Options.Add(listen);
        platform.Options.Add(script);
        platform.Options.Add(duration);
        platform.Options.Add(answerTimeout);
        platform.SetAction((parseResult, cancellationToken) => RunPlatformAsync(
            parseResult.GetValue(listen)!, parseResult.GetValue(script), parseResult.GetValue(duration), parseResult.GetValue(answerTimeout), cancellationToken));
        return platform;
    }

    private static async Task<int> RunPlatformAsync(string listen, string? scriptPath, double? durationSeconds, double answerTimeoutSeconds, CancellationToken cancellationToken)
    {
        if (!IPEndPoint.TryParse(listen, out IPEndPoint? endPoint) || !listen.Contains(':', StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"edgesdk: jt808 platform --listen '{listen}' is not HOST:PORT; write e.g. 127.0.0.1:6808");
            return ExitCodes.Usage;
        }

        if (durationSeconds is <= 0 || answerTimeoutSeconds <= 0)
        {
            Console.Error.WriteLine("edgesdk: jt808 platform --duration and --answer-timeout must be more than 0 seconds");
            return ExitCodes.Usage;
        }

        Jt808PlatformScript? script = null;
        if (scriptPath != null)
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(scriptPath, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"edgesdk: jt808 platform --script {scriptPath}: {UserErrors.Reason(ex)}");
                return ExitCodes.Usage;
            }

            if (!Jt808PlatformScript.TryParse(text, out script, out string error))
            {
                Console.Error.WriteLine($"edgesdk: jt808 platform --script {scriptPath} {error}");
                return ExitCodes.Usage;
            }
        }

        await using var server = new Jt808Platform();
        try
        {
            server.Start(endPoint);
        }
        catch (SocketException ex)
        {
            string why = ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? "the port is in use; stop what uses it or choose another --listen port"
                : $"{ex.Message}; listen on an address of this machine, e.g. 127.0.0.1:6808";
            Console.Error.WriteLine($"edgesdk: jt808 platform cannot listen on {endPoint}: {why}");
            return ExitCodes.Usage;
        }

        Console.Error.WriteLine($"edgesdk jt808 platform: listening on {server.LocalEndPoint}; Ctrl+C stops it");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (durationSeconds is double seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        Task printing = PrintReceivedAsync(server, stop.Token);
        int failed = 0;
        int ran = 0;
        if (script != null)
        {
            try
            {
                failed = await script.RunAsync(
                    server,
                    TimeSpan.FromSeconds(answerTimeoutSeconds),
                    (command, ok, what) =>
                    {
                        ran++;
                        Console.Error.WriteLine($"edgesdk jt808 platform: script line {command.Line}: {(ok ? "" : "failed: ")}{what}");
                    },
                    stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Duration over or Ctrl+C while the script waited: what did not run is reported below.
            }
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Duration over or Ctrl+C.
        }

        await printing;
        Jt808PlatformCounters c = server.Counters;
        long refused = c.FramesTotal - c.Frames(Jt808DecodeResult.Ok) - c.Frames(Jt808DecodeResult.UnknownMessageId) - c.Frames(Jt808DecodeResult.BodyMalformed);
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"edgesdk jt808 platform: stopped; {c.FramesTotal} frames from {c.ConnectionsAccepted} connections ({refused} refused, {c.Frames(Jt808DecodeResult.UnknownMessageId)} not supported, {c.Frames(Jt808DecodeResult.BodyMalformed)} malformed), {c.AnswersSent} answers, {c.CommandsSent} commands ({c.CommandsAnswered} answered, {c.CommandsTimedOut} timed out)"));
        int notRun = script == null ? 0 : script.Commands.Count - ran;
        if (notRun > 0)
        {
            Console.Error.WriteLine($"edgesdk jt808 platform: {notRun} of {script!.Commands.Count} script commands did not run (no terminal, or stopped first)");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }

        return failed > 0 || notRun > 0 ? ExitCodes.DataProblem : ExitCodes.Ok;
    }

    /// <summary>Decoded messages as JSON lines on stdout; refused frames as one line each on stderr.</summary>
    private static async Task PrintReceivedAsync(Jt808Platform server, CancellationToken cancellationToken)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        try
        {
            await foreach (Jt808ReceivedMessage received in server.ReadAllAsync(cancellationToken))
            {
                Print(received, json, stdout);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: print what already arrived, so nothing the platform answered goes unseen.
            while (server.Received.TryRead(out Jt808ReceivedMessage? received))
            {
                Print(received, json, stdout);
            }
        }
    }

    private static void Print(Jt808ReceivedMessage received, Utf8JsonWriter json, Stream stdout)
    {
        if (received.Message == null)
        {
            string answer = received.AnswerResult >= 0 ? $"; answered 0x8001 result {received.AnswerResult}" : "; header unreadable, not answered";
            Console.Error.WriteLine($"edgesdk jt808 platform: frame from {received.RemoteEndPoint} (phone {received.Phone ?? "?"}) refused: {Jt808Json.ResultName(received.Result)}{answer}");
            return;
        }

        Jt808Json.WriteMessage(json, received.Message, received.Result);
        json.Flush();
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
        json.Reset();
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
