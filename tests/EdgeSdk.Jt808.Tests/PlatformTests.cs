using System.Net;

namespace EdgeSdk.Jt808.Tests;

/// <summary><see cref="Jt808Platform"/> against a terminal that speaks frame by frame over loopback TCP.</summary>
public class PlatformTests
{
    private static readonly TimeSpan Timeout = RawTerminal.Timeout;

    private static Jt808Platform Start(Jt808PlatformOptions? options = null)
    {
        var platform = new Jt808Platform(options);
        platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return platform;
    }

    private static Jt808LocationReport Report(double lat, double lon)
    {
        var report = new Jt808LocationReport { StatusFlags = 1u << 1 }; // status bit 1: fixed
        report.SetPosition(lat, lon);
        report.SetTimeUtc(new DateTime(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc));
        return report;
    }

    /// <summary>Reads the received stream until <paramref name="count"/> messages arrived (bounded by the timeout).</summary>
    private static async Task<List<Jt808ReceivedMessage>> ReadAsync(Jt808Platform platform, int count)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var list = new List<Jt808ReceivedMessage>();
        await foreach (Jt808ReceivedMessage m in platform.ReadAllAsync(cts.Token))
        {
            list.Add(m);
            if (list.Count == count)
            {
                break;
            }
        }

        return list;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Registration_authentication_heartbeat_report_and_batch_get_the_standard_answers(bool version2019)
    {
        await using Jt808Platform platform = Start();
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000001", version2019);
        string code = await terminal.LogInAsync();
        Assert.Equal(16, code.Length);

        await terminal.SendAsync(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance);
        await terminal.ExpectGeneralAsync(2, Jt808MessageIds.Heartbeat, Jt808GeneralResponse.ResultSuccess);
        await terminal.SendAsync(Jt808MessageIds.LocationReport, Report(29.56, 106.55));
        await terminal.ExpectGeneralAsync(3, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultSuccess);
        await terminal.SendAsync(Jt808MessageIds.LocationBatch, new Jt808LocationBatch { BatchType = Jt808LocationBatch.TypeBlindArea, Reports = [Report(29.5, 106.5), Report(29.6, 106.6)] });
        await terminal.ExpectGeneralAsync(4, Jt808MessageIds.LocationBatch, Jt808GeneralResponse.ResultSuccess);

        List<Jt808ReceivedMessage> received = await ReadAsync(platform, 5);
        Assert.Equal(
            [Jt808MessageIds.Registration, Jt808MessageIds.Authentication, Jt808MessageIds.Heartbeat, Jt808MessageIds.LocationReport, Jt808MessageIds.LocationBatch],
            received.Select(m => m.MessageId));
        Assert.All(received, m => Assert.Equal(Jt808DecodeResult.Ok, m.Result));
        Assert.Equal([Jt808MessageIds.RegistrationResponse, .. Enumerable.Repeat(Jt808MessageIds.PlatformGeneralResponse, 4)], received.Select(m => m.Answer));
        Assert.Equal(29.56, ((Jt808LocationReport)received[3].Message!.Body!).LatitudeDegrees, 9);
        Assert.Equal(2, ((Jt808LocationBatch)received[4].Message!.Body!).Reports.Length);
        Assert.Equal(version2019, received[0].Message!.Header.Is2019Layout);

        Jt808PlatformTerminal connected = await platform.WaitForTerminalAsync("13800000001", Timeout);
        Assert.True(connected.IsAuthenticated);
        Assert.Equal(version2019, connected.Is2019);
        Assert.Equal(5, platform.Counters.AnswersSent);
        Assert.Equal(5, platform.Counters.Frames(Jt808DecodeResult.Ok));
    }

    [Fact]
    public async Task Reports_before_authentication_and_wrong_codes_are_answered_with_failure()
    {
        var options = new Jt808PlatformOptions();
        options.AuthenticationCodes["013800000002"] = "SECRET";
        await using Jt808Platform platform = Start(options);
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000002");
        await terminal.SendAsync(Jt808MessageIds.LocationReport, Report(29.56, 106.55));
        await terminal.ExpectGeneralAsync(0, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultFailure);
        await terminal.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = "WRONG"u8.ToArray() });
        await terminal.ExpectGeneralAsync(1, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultFailure);
        await terminal.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = "SECRET"u8.ToArray() });
        await terminal.ExpectGeneralAsync(2, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultSuccess);
        await terminal.SendAsync(Jt808MessageIds.LocationReport, Report(29.56, 106.55));
        await terminal.ExpectGeneralAsync(3, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultSuccess);
        Assert.Equal(1, platform.Counters.BeforeAuthentication);
        Assert.Equal(1, platform.Counters.AuthenticationsRefused);
    }

    [Fact]
    public async Task Bad_frames_are_counted_by_reason_and_answered_with_message_error_or_not_supported()
    {
        await using Jt808Platform platform = Start();
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000003");
        await terminal.LogInAsync();

        byte[] wrongBcc = terminal.Encode(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance); // sequence 2
        wrongBcc[^2] ^= 0x01;
        await terminal.SendRawAsync(wrongBcc);
        await terminal.ExpectGeneralAsync(2, Jt808MessageIds.Heartbeat, Jt808GeneralResponse.ResultMessageError);

        byte[] badEscape = terminal.Encode(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance); // sequence 3
        byte[] damaged = [.. badEscape[..^2], 0x7D, 0x05, .. badEscape[^2..]];
        await terminal.SendRawAsync(damaged);
        await terminal.ExpectGeneralAsync(3, Jt808MessageIds.Heartbeat, Jt808GeneralResponse.ResultMessageError);

        // Body length says 28 bytes, but a malformed 0x0200 body of 3 bytes is present: length mismatch.
        byte[] report = terminal.Encode(Jt808MessageIds.LocationReport, Report(29.5, 106.5)); // sequence 4
        byte[] cut = [.. report[..16], .. report[^2..]];
        cut[^2] = Jt808Codec.Xor(cut, 1, cut.Length - 3);
        await terminal.SendRawAsync(cut);
        await terminal.ExpectGeneralAsync(4, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultMessageError);

        // An id no codec table has: not supported.
        await terminal.SendAsync(0x0F01, new Jt808TextMessage { Text = [1, 2, 3] }); // sequence 5
        await terminal.ExpectGeneralAsync(5, 0x0F01, Jt808GeneralResponse.ResultNotSupported);

        // A known id with a body of the wrong layout: message error.
        var shortReport = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.LocationReport, terminal.Phone, 6, false), BodyBytes = [1, 2, 3] };
        Assert.True(new Jt808Codec().TryEncode(shortReport, out byte[]? malformed));
        await terminal.SendRawAsync(malformed!);
        await terminal.ExpectGeneralAsync(6, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultMessageError);

        // Garbage between frames is discarded, the next frame still answered.
        terminal.Sequence = 7;
        await terminal.SendRawAsync([0x01, 0x02, 0x03]);
        await terminal.SendAsync(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance);
        await terminal.ExpectGeneralAsync(7, Jt808MessageIds.Heartbeat, Jt808GeneralResponse.ResultSuccess);

        List<Jt808ReceivedMessage> received = await ReadAsync(platform, 8);
        Assert.Equal(
            [Jt808DecodeResult.Ok, Jt808DecodeResult.Ok, Jt808DecodeResult.WrongChecksum, Jt808DecodeResult.BadEscape, Jt808DecodeResult.BodyLengthMismatch,
             Jt808DecodeResult.UnknownMessageId, Jt808DecodeResult.BodyMalformed, Jt808DecodeResult.Ok],
            received.Select(m => m.Result));
        Assert.Equal("013800000003", received[2].Phone);
        Assert.Null(received[2].Message);
        Assert.Equal(1, platform.Counters.Frames(Jt808DecodeResult.WrongChecksum));
        Assert.Equal(1, platform.Counters.Frames(Jt808DecodeResult.BadEscape));
        Assert.Equal(1, platform.Counters.Frames(Jt808DecodeResult.BodyLengthMismatch));
        Assert.Equal(1, platform.Counters.Frames(Jt808DecodeResult.UnknownMessageId));
        Assert.Equal(1, platform.Counters.Frames(Jt808DecodeResult.BodyMalformed));
        Assert.Equal(8, platform.Counters.FramesTotal);
        Assert.False((await platform.WaitForTerminalAsync(terminal.Phone, Timeout)).IsClosed);
    }

    [Fact]
    public async Task Commands_are_matched_to_the_terminals_answers_by_sequence_number()
    {
        await using Jt808Platform platform = Start();
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000004");
        await terminal.LogInAsync();
        await platform.WaitForTerminalAsync("13800000004", Timeout);

        // 0x8201 → 0x0201 with the position.
        Task<Jt808LocationQueryResponse> query = platform.QueryLocationAsync("013800000004", Timeout);
        Jt808Message command = await terminal.ReceiveAsync();
        // The platform's sequence numbers count its answers too: 0x8100 was 0, 0x8001 to the authentication 1.
        Assert.Equal((Jt808MessageIds.LocationQuery, 2), (command.Header.MessageId, command.Header.SequenceNumber));
        await terminal.SendAsync(Jt808MessageIds.LocationQueryResponse, new Jt808LocationQueryResponse { AckSequenceNumber = 2, Report = Report(29.56, 106.55) });
        Assert.Equal(106.55, (await query).Report.LongitudeDegrees, 9);

        // 0x8103 → 0x0001 success.
        Task<Jt808GeneralResponse> set = platform.SetParametersAsync("013800000004", [Jt808Parameter.FromUnsigned(Jt808Parameter.DefaultReportIntervalSeconds, 10, 4)], Timeout);
        command = await terminal.ReceiveAsync();
        var parameters = Assert.IsType<Jt808SetParameters>(command.Body);
        Assert.Equal((0x0029u, "0000000A"), (parameters.Parameters[0].Id, Hex.Of(parameters.Parameters[0].Value)));
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = 3, AckMessageId = Jt808MessageIds.SetParameters });
        Assert.Equal(Jt808GeneralResponse.ResultSuccess, (await set).Result);

        // 0x8106 answered "not supported" → refused with the terminal's answer.
        Task<Jt808ParameterResponse> specific = platform.QuerySpecificParametersAsync("013800000004", [0x0029, 0x0055], Timeout);
        command = await terminal.ReceiveAsync();
        Assert.Equal([0x0029u, 0x0055u], Assert.IsType<Jt808QuerySpecificParameters>(command.Body).ParameterIds);
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = 4, AckMessageId = 0x8106, Result = 3 });
        var refused = await Assert.ThrowsAsync<Jt808CommandRefusedException>(() => specific);
        Assert.Equal(3, refused.Response!.Result);

        // An answer to no waiting command is counted, not taken for the next command.
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = 999, AckMessageId = 0x8300 });
        Task<Jt808GeneralResponse> text = platform.SendTextAsync("013800000004", new Jt808TextMessage { Flags = 0x08, Text = "hi"u8.ToArray() }, Timeout);
        command = await terminal.ReceiveAsync();
        Assert.Equal(5, command.Header.SequenceNumber);
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = 5, AckMessageId = 0x8300 });
        Assert.Equal(0, (await text).Result);
        Assert.Equal(1, platform.Counters.ResponsesUnmatched);
        Assert.Equal(4, platform.Counters.CommandsAnswered);
        Assert.Equal(4, platform.Counters.CommandsSent);
    }

    [Fact]
    public async Task A_command_nobody_answers_times_out_and_a_closed_terminal_fails_the_waiting_command()
    {
        await using Jt808Platform platform = Start();
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000005");
        await terminal.LogInAsync();
        await platform.WaitForTerminalAsync("013800000005", Timeout);
        await Assert.ThrowsAsync<TimeoutException>(() => platform.QueryLocationAsync("013800000005", TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, platform.Counters.CommandsTimedOut);

        Task<Jt808LocationQueryResponse> waiting = platform.QueryLocationAsync("013800000005", Timeout);
        await terminal.ReceiveAsync(); // the timed-out query
        await terminal.ReceiveAsync(); // this one
        await terminal.DisposeAsync();
        await Assert.ThrowsAsync<IOException>(() => waiting);
        await Assert.ThrowsAsync<IOException>(() => platform.QueryLocationAsync("013800000099", Timeout));
    }

    [Fact]
    public async Task A_polygon_longer_than_one_package_is_sent_as_sub_packages_the_assembler_joins()
    {
        await using Jt808Platform platform = Start();
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000006", version2019: true);
        await terminal.LogInAsync();
        await platform.WaitForTerminalAsync("013800000006", Timeout);
        const int vertices = 300; // id 4 + attributes 2 + count 2 + 8 bytes each + name 2 + 5 = 2,415 bytes: 3 packages of at most 1,023
        var polygon = new Jt808PolygonArea { AreaId = 7, VertexLatitudesMicrodegrees = new uint[vertices], VertexLongitudesMicrodegrees = new uint[vertices], Name = "fence"u8.ToArray() };
        for (int i = 0; i < vertices; i++)
        {
            polygon.VertexLatitudesMicrodegrees[i] = 29_000_000u + (uint)i;
            polygon.VertexLongitudesMicrodegrees[i] = 106_000_000u + (uint)i;
        }

        Task<Jt808GeneralResponse> set = platform.SetAreasAsync("013800000006", new Jt808SetAreas(Jt808MessageIds.SetPolygonArea) { Areas = [polygon] }, Timeout);
        var assembler = new Jt808SubpackageAssembler(4, 16);
        Jt808Message? whole = null;
        var packages = new List<(int Sequence, int Index, int Count, int Length)>();
        while (whole == null)
        {
            Jt808Message package = await terminal.ReceiveAsync();
            packages.Add((package.Header.SequenceNumber, package.Header.PackageIndex, package.Header.PackageCount, package.Header.BodyLength));
            assembler.TryAdd(package, out whole);
        }

        Assert.Equal([(2, 1, 3, 1023), (3, 2, 3, 1023), (4, 3, 3, 4 + 2 + 2 + 2400 + 2 + 5 - 2046)], packages);
        var areas = Assert.IsType<Jt808SetAreas>(whole.Body);
        var received = Assert.IsType<Jt808PolygonArea>(areas.Areas[0]);
        Assert.Equal(polygon.VertexLongitudesMicrodegrees, received.VertexLongitudesMicrodegrees);
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = 2, AckMessageId = Jt808MessageIds.SetPolygonArea });
        Assert.Equal(0, (await set).Result);

        // The next command continues after the three package sequence numbers.
        Task<Jt808LocationQueryResponse> query = platform.QueryLocationAsync("013800000006", Timeout);
        Assert.Equal(5, (await terminal.ReceiveAsync()).Header.SequenceNumber);
        await terminal.SendAsync(Jt808MessageIds.LocationQueryResponse, new Jt808LocationQueryResponse { AckSequenceNumber = 5, Report = Report(29.5, 106.5) });
        await query;
    }
}
