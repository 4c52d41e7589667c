using System.CommandLine;
using System.Text.Json;
using EdgeSdk.Can;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk can decode --dbc FILE [LOG|-]</c>: decodes a candump log with a DBC into one JSON object per frame
/// (<see cref="CanJson"/>); unknown ids, short frames and garbage lines are counted in a summary on stderr.
/// </summary>
internal static class CanCommand
{
    public static Command Create()
    {
        var command = new Command("can", "CAN bus tools: decode candump logs with a DBC.");
        command.Subcommands.Add(CreateDecode());
        return command;
    }

    private static Command CreateDecode()
    {
        var dbc = new Option<string>("--dbc") { Description = "The DBC file describing the messages.", Required = true };
        var log = new Argument<string>("log")
        {
            Description = "candump log file (candump -l format), or - for stdin.",
            DefaultValueFactory = _ => "-",
        };
        var realtime = new Option<bool>("--realtime") { Description = "Replay at the pace of the log's timestamps instead of as fast as possible." };
        var command = new Command("decode", "Decode a candump log with a DBC: one JSON object per frame, {\"time\",\"id\",\"message\",\"signals\"}.");
        command.Options.Add(dbc);
        command.Arguments.Add(log);
        command.Options.Add(realtime);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await DecodeAsync(parseResult.GetValue(dbc)!, parseResult.GetValue(log) ?? "-", parseResult.GetValue(realtime), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
        });
        return command;
    }

    private static async Task<int> DecodeAsync(string dbcPath, string logPath, bool realtime, CancellationToken cancellationToken)
    {
        DbcDatabase database = DbcDatabase.Load(dbcPath);
        if (database.Warnings.Count > 0)
        {
            Console.Error.WriteLine($"edgesdk: {database.Warnings.Count} DBC construct(s) skipped, first: {database.Warnings[0]}");
        }

        CandumpReplayPace pace = realtime ? CandumpReplayPace.Recorded : CandumpReplayPace.Fast;
        CandumpFileSource source;
        if (logPath == "-")
        {
            source = new CandumpFileSource(Console.OpenStandardInput(), pace);
        }
        else if (File.Exists(logPath))
        {
            source = new CandumpFileSource(logPath, pace);
        }
        else
        {
            throw new FileNotFoundException($"candump log '{logPath}' not found: give an existing log file (candump -l), or - to read stdin.");
        }

        CanDecoder decoder = database.CreateDecoder();
        CanDecodedFrame decoded = decoder.CreateResult();
        var unknownIds = new HashSet<(uint, bool)>();
        long remote = 0;
        await using Stream stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
        await using var json = new Utf8JsonWriter(stdout);
        await foreach (CanFrame frame in source.ReadFramesAsync(cancellationToken))
        {
            if (frame.IsRemote)
            {
                remote++;
                continue;
            }

            CanDecodeStatus status = decoder.TryDecode(frame.Id, frame.IsExtended, frame.Data, 0, frame.Data.Length, decoded);
            if (status == CanDecodeStatus.UnknownId)
            {
                unknownIds.Add((frame.Id, frame.IsExtended));
                continue;
            }

            if (status != CanDecodeStatus.Decoded)
            {
                continue;
            }

            CanJson.WriteFrame(json, frame.TimestampMicroseconds, decoded);
            json.Flush();
            json.Reset();
            stdout.WriteByte((byte)'\n');
            if (realtime)
            {
                await stdout.FlushAsync(cancellationToken);
            }
        }

        await stdout.FlushAsync(cancellationToken);
        Console.Error.WriteLine(
            $"edgesdk: {decoder.DecodedFrames} frame(s) decoded, {decoder.UnknownIdFrames} with unknown id ({unknownIds.Count} distinct), " +
            $"{decoder.ShortFrames} shorter than their DLC, {remote} remote, {source.ErrorFrames} error frame(s), {source.MalformedLines} garbage line(s)" +
            (source.FirstMalformedLine > 0 ? $" (first at line {source.FirstMalformedLine})" : ""));
        return 0;
    }
}
