using System.Text;
using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>The terminal's side of the protocol against E1's platform simulator over loopback TCP.</summary>
public class ProtocolTests
{
    private static Jt808Parameter Dword(uint id, uint value) => Jt808Parameter.FromUnsigned(id, value, 4);

    [Fact]
    public async Task Registers_once_stores_the_code_and_authenticates_with_it_after_a_restart()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        Assert.True(rig.Terminal.IsRegistered);
        byte[] stored = File.ReadAllBytes(Path.Combine(rig.StateDirectory, "auth-code"));
        Assert.Single(rig.Received(Jt808MessageIds.Registration));

        await rig.StopTerminalAsync();
        await Rig.WaitForAsync(() => rig.Platform.Find(Rig.Phone) is null or { IsClosed: true }, "the platform sees the first connection close");
        await rig.StartTerminalAsync();

        Assert.Single(rig.Received(Jt808MessageIds.Registration));
        List<Jt808Message> authentications = rig.Received(Jt808MessageIds.Authentication);
        Assert.Equal(2, authentications.Count);
        Assert.All(authentications, a => Assert.Equal(stored, ((Jt808Authentication)a.Body!).AuthenticationCode));
        Assert.Equal(16, stored.Length); // the platform's 16 hex digits
    }

    [Fact]
    public async Task The_2019_version_registers_authenticates_with_IMEI_and_reports()
    {
        await using var rig = new Rig();
        Jt808TerminalOptions options = rig.Options();
        await rig.StartTerminalAsync(new Jt808TerminalOptions
        {
            Host = options.Host, Port = options.Port, Phone = "13912345678", StateDirectory = options.StateDirectory, Version2019 = true,
            Imei = "861234567890123"u8.ToArray(),
        }, waitOnline: false);
        Jt808PlatformTerminal seen = await rig.Platform.WaitForTerminalAsync("13912345678", Rig.Timeout);
        Assert.True(seen.Is2019);
        await rig.FeedAsync(Samples.North(0, 1, 10), waitForEach: true);
        await rig.WaitForLocationsAsync();

        Jt808Message authentication = Assert.Single(rig.Received(Jt808MessageIds.Authentication));
        Assert.True(authentication.Header.Is2019Layout);
        Assert.Equal("00000000013912345678", authentication.Header.Phone);
        Assert.Equal("861234567890123"u8.ToArray(), ((Jt808Authentication)authentication.Body!).Imei);
        Assert.All(rig.Received(), m => Assert.True(m.Header.Is2019Layout));
        Assert.Equal([0], rig.Locations().Select(l => Samples.Second(l.Report)));
    }

    [Fact]
    public async Task A_refused_authentication_discards_the_stored_code_and_registers_again()
    {
        var options = new Jt808PlatformOptions();
        options.AuthenticationCodes[Rig.Phone] = "GOODCODE";
        await using var rig = new Rig(options);
        Directory.CreateDirectory(rig.StateDirectory);
        File.WriteAllBytes(Path.Combine(rig.StateDirectory, "auth-code"), "STALECODE"u8.ToArray());

        await rig.StartTerminalAsync();

        Assert.Equal(1, rig.Terminal.Status.AuthenticationsRefused);
        Assert.Single(rig.Received(Jt808MessageIds.Registration));
        Assert.Equal(["STALECODE", "GOODCODE"], rig.Received(Jt808MessageIds.Authentication).Select(a => Encoding.ASCII.GetString(((Jt808Authentication)a.Body!).AuthenticationCode)));
        Assert.Equal("GOODCODE"u8.ToArray(), File.ReadAllBytes(Path.Combine(rig.StateDirectory, "auth-code")));
    }

    [Fact]
    public async Task A_platform_that_never_authenticates_gets_N_plus_1_sendings_per_connection_then_a_reconnect_and_nothing_is_lost()
    {
        // Retransmissions 0x0003 = 2: each connection sends 0x0102 three times with the same sequence number, then gives up.
        var options = new Jt808PlatformOptions { AnswerFilter = m => m.Header.MessageId != Jt808MessageIds.Authentication };
        await using var rig = new Rig(options);
        Directory.CreateDirectory(rig.StateDirectory);
        File.WriteAllBytes(Path.Combine(rig.StateDirectory, "parameters.bin"), ParametersBody(Dword(Jt808TerminalParameters.TcpRetransmissions, 2)));
        Jt808Terminal terminal = await rig.StartTerminalAsync(rig.Options(responseTimeout: TimeSpan.FromMilliseconds(100)), waitOnline: false);
        foreach (PositionSample s in Samples.North(0, 3, 10))
        {
            terminal.Report(s);
        }

        await Rig.WaitForAsync(() => terminal.Status.SessionFailures >= 2, "two sessions given up");
        await rig.StopTerminalAsync();

        List<IGrouping<System.Net.EndPoint?, Jt808ReceivedMessage>> connections = ReceivedRaw(rig, Jt808MessageIds.Authentication).GroupBy(r => r.RemoteEndPoint).ToList();
        Assert.True(connections.Count >= 2, $"{connections.Count} connections");
        foreach (IGrouping<System.Net.EndPoint?, Jt808ReceivedMessage> connection in connections.Take(connections.Count - 1))
        {
            Assert.Equal(3, connection.Count());
            Assert.Single(connection.Select(r => r.Message!.Header.SequenceNumber).Distinct());
        }

        // Nothing was sent before authentication, and the report is still on disk for the next run.
        Assert.Empty(rig.Received(Jt808MessageIds.LocationReport));
        Assert.Empty(rig.Received(Jt808MessageIds.LocationBatch));
        await using var again = new Jt808Terminal(rig.Options());
        Assert.Equal(1, again.Status.Queued);
    }

    private static List<Jt808ReceivedMessage> ReceivedRaw(Rig rig, int messageId) => rig.ReceivedRaw().Where(r => r.MessageId == messageId).ToList();

    private static byte[] ParametersBody(params Jt808Parameter[] parameters)
    {
        var writer = new Jt808Writer(64);
        new Jt808SetParameters { Parameters = parameters }.Encode(writer, false);
        return writer.ToArray();
    }

    [Fact]
    public async Task Parameters_set_by_the_platform_are_answered_by_0x8104_and_0x8106_and_survive_a_restart()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        Jt808GeneralResponse set = await rig.Platform.SetParametersAsync(Rig.Phone,
            [Dword(Jt808TerminalParameters.HeartbeatInterval, 45), Dword(Jt808TerminalParameters.DefaultReportInterval, 5), Dword(0x0055, 80), Dword(0xF001, 7)], Rig.Timeout);
        Assert.Equal(Jt808GeneralResponse.ResultSuccess, set.Result);

        Jt808ParameterResponse all = await rig.Platform.QueryParametersAsync(Rig.Phone, Rig.Timeout);
        Dictionary<uint, uint> values = all.Parameters.ToDictionary(p => p.Id, p => p.TryGetUnsigned(out uint v) ? v : uint.MaxValue);
        Assert.Equal(23, values.Count); // 22 defaults (0x0001–0x0007, 0x0020/21, 0x0027–29, 0x002C–2F, 0x0055–5A) + 0xF001
        Assert.Equal((45u, 5u, 80u, 7u, 3u), (values[0x0001], values[0x0029], values[0x0055], values[0xF001], values[0x0003]));

        Jt808ParameterResponse some = await rig.Platform.QuerySpecificParametersAsync(Rig.Phone, [0x0029, 0x0055, 0xBEEF], Rig.Timeout);
        Assert.Equal([0x0029u, 0x0055u], some.Parameters.Select(p => p.Id));

        await rig.StopTerminalAsync();
        await rig.StartTerminalAsync();
        Assert.Equal((45u, 5u, 80u), (rig.Terminal.Parameters.GetUnsigned(0x0001, 0), rig.Terminal.Parameters.GetUnsigned(0x0029, 0), rig.Terminal.Parameters.GetUnsigned(0x0055, 0)));
    }

    [Fact]
    public async Task Reports_follow_the_default_and_sleep_intervals_by_ACC()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        await rig.Platform.SetParametersAsync(Rig.Phone, [Dword(Jt808TerminalParameters.DefaultReportInterval, 5), Dword(Jt808TerminalParameters.SleepReportInterval, 20)], Rig.Timeout);

        await rig.FeedAsync(Samples.North(0, 60, 10).Concat(Samples.North(60, 60, 0, IgnitionState.Off)), waitForEach: false);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync();

        int[] seconds = rig.Locations().Select(l => Samples.Second(l.Report)).ToArray();
        Assert.Equal([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 75, 95, 115], seconds);
        Assert.All(rig.Locations(), l => Assert.Equal(Samples.Second(l.Report) < 60, l.Report.IsAccOn));
    }

    [Fact]
    public async Task Reports_follow_the_distance_strategy()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        await rig.Platform.SetParametersAsync(Rig.Phone, [Dword(Jt808TerminalParameters.ReportingStrategy, 1), Dword(Jt808TerminalParameters.DefaultReportDistance, 100)], Rig.Timeout);

        await rig.FeedAsync(Samples.North(0, 40, 12), waitForEach: false);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync();

        // 12 m/s: 96 m after 8 s, 108 m after 9 s.
        Assert.Equal([0, 9, 18, 27, 36], rig.Locations().Select(l => Samples.Second(l.Report)));
    }

    [Fact]
    public async Task Temporary_tracking_reports_at_its_interval_for_its_validity_then_the_default_resumes()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        Jt808GeneralResponse answer = await rig.Platform.TrackTemporarilyAsync(Rig.Phone, 2, 10, Rig.Timeout);
        Assert.Equal(Jt808GeneralResponse.ResultSuccess, answer.Result);

        await rig.FeedAsync(Samples.North(0, 45, 10), waitForEach: false);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync();

        // Tracking every 2 s for 10 s from the first sample, then the default 30 s interval from the last report.
        Assert.Equal([0, 2, 4, 6, 8, 38], rig.Locations().Select(l => Samples.Second(l.Report)));
    }

    [Fact]
    public async Task Overspeed_from_0x0055_and_the_antenna_alarm_raise_reports_with_their_bits()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        await rig.Platform.SetParametersAsync(Rig.Phone, [Dword(0x0055, 60), Dword(0x0056, 5)], Rig.Timeout);

        await rig.FeedAsync(Samples.North(0, 10, 25), waitForEach: true);
        rig.Terminal.SetAntennaState(disconnected: true, shortCircuited: false);
        await rig.FeedAsync(Samples.North(10, 5, 25), waitForEach: true);
        rig.Terminal.SetAntennaState(disconnected: false, shortCircuited: false);
        await rig.FeedAsync(Samples.North(15, 1, 10), waitForEach: true);
        await rig.WaitForLocationsAsync();

        const uint overspeed = (uint)DriverAlarm.Overspeed;
        List<Jt808LocationReport> reports = rig.Locations().Select(l => l.Report).ToList();
        Assert.Equal([0, 5, 10, 15], reports.Select(Samples.Second));
        Assert.Equal([0u, overspeed, overspeed | Jt808AlarmFlags.GnssAntennaOpen, 0u], reports.Select(r => r.AlarmFlags));
        Assert.True(reports[1].TryGetOverspeedAlarm(out int type, out _));
        Assert.Equal(0, type);
    }

    [Fact]
    public async Task Fatigue_driving_from_0x0057_is_held_while_driving_and_cleared_by_the_minimum_rest_of_0x0059()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        await rig.Platform.SetParametersAsync(Rig.Phone, [Dword(0x0057, 60), Dword(0x0059, 30), Dword(Jt808TerminalParameters.DefaultReportInterval, 300)], Rig.Timeout);

        // 90 s driving at 10 m/s, then 40 s standing still (ACC on).
        await rig.FeedAsync(Samples.North(0, 90, 10).Concat(Samples.North(90, 40, 0)), waitForEach: true);
        await rig.WaitForLocationsAsync();

        const uint fatigue = (uint)DriverAlarm.FatigueDriving;
        List<Jt808LocationReport> reports = rig.Locations().Select(l => l.Report).ToList();
        int[] seconds = reports.Select(Samples.Second).ToArray();
        // The first sample; the alarm raised after 60 s of driving; while it is held, a report per alarm interval (0x0028,
        // default 10 s); cleared after 30 s of rest (one report), then the default interval of 300 s again.
        Assert.True(seconds.Length == 8, string.Join(",", seconds));
        int raised = seconds[1];
        Assert.InRange(raised, 60, 61);
        Assert.Equal([0, raised, raised + 10, raised + 20, raised + 30, raised + 40, raised + 50], seconds[..7]);
        Assert.InRange(seconds[7], 90 + 30, 90 + 31);
        Assert.Equal([0u, fatigue, fatigue, fatigue, fatigue, fatigue, fatigue, 0u], reports.Select(r => r.AlarmFlags));
    }

    [Fact]
    public async Task Location_query_text_and_an_unknown_command_get_their_answers()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        var texts = new List<string>();
        rig.Terminal.TextMessageReceived += (_, e) => texts.Add(e.Text);
        PositionSample last = Samples.North(0, 3, 10).Last();
        await rig.FeedAsync(Samples.North(0, 3, 10), waitForEach: true);

        Jt808LocationQueryResponse where = await rig.Platform.QueryLocationAsync(Rig.Phone, Rig.Timeout);
        Assert.Equal(Math.Round(last.LatitudeDegrees * 1e6), where.Report.LatitudeMicrodegrees);
        Assert.Equal(Math.Round(last.LongitudeDegrees * 1e6), where.Report.LongitudeMicrodegrees);
        Assert.Equal(2, Samples.Second(where.Report));

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Jt808GeneralResponse text = await rig.Platform.SendTextAsync(Rig.Phone, new Jt808TextMessage { Flags = 1 << 2, Text = Encoding.GetEncoding(936).GetBytes("请到解放碑卸货") }, Rig.Timeout);
        Assert.Equal(Jt808GeneralResponse.ResultSuccess, text.Result);
        Assert.Equal(["请到解放碑卸货"], texts);

        Jt808Message unknown = await rig.Platform.SendCommandAsync(Rig.Phone, 0x8F51, null, Rig.Timeout);
        Assert.Equal(Jt808GeneralResponse.ResultNotSupported, ((Jt808GeneralResponse)unknown.Body!).Result);
        Assert.Equal(1, rig.Terminal.Status.CommandsUnsupported);
    }

    [Fact]
    public async Task Area_commands_update_append_and_delete_by_shape()
    {
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        Jt808CircleArea Circle(uint id) => new() { AreaId = id, CenterLatitudeMicrodegrees = 29_557_400, CenterLongitudeMicrodegrees = 106_577_200, RadiusMeters = 100 };
        var rectangle = new Jt808RectangleArea
        {
            AreaId = 3, TopLeftLatitudeMicrodegrees = 29_560_000, TopLeftLongitudeMicrodegrees = 106_570_000,
            BottomRightLatitudeMicrodegrees = 29_550_000, BottomRightLongitudeMicrodegrees = 106_580_000,
        };

        async Task<int> SetAsync(int messageId, int setting, params Jt808Area[] areas) =>
            (await rig.Platform.SetAreasAsync(Rig.Phone, new Jt808SetAreas(messageId) { SettingType = setting, Areas = areas }, Rig.Timeout)).Result;

        Assert.Equal(0, await SetAsync(Jt808MessageIds.SetCircleAreas, Jt808SetAreas.SettingUpdate, Circle(1), Circle(2)));
        Assert.Equal(0, await SetAsync(Jt808MessageIds.SetRectangleAreas, Jt808SetAreas.SettingAppend, rectangle));
        Assert.Equal([1u, 2u, 3u], rig.Terminal.AreaIds);
        Assert.Equal(0, await SetAsync(Jt808MessageIds.SetCircleAreas, Jt808SetAreas.SettingUpdate, Circle(4))); // update replaces the circles only
        Assert.Equal([3u, 4u], rig.Terminal.AreaIds);
        Assert.Equal(0, (await rig.Platform.DeleteAreasAsync(Rig.Phone, Jt808MessageIds.DeleteRectangleAreas, [3], Rig.Timeout)).Result);
        Assert.Equal([4u], rig.Terminal.AreaIds);

        // A polygon of two vertices cannot be a fence: refused (failure), nothing changes.
        var line = new Jt808PolygonArea { AreaId = 9, VertexLatitudesMicrodegrees = [29_550_000, 29_560_000], VertexLongitudesMicrodegrees = [106_570_000, 106_580_000] };
        Assert.Equal(Jt808GeneralResponse.ResultFailure, await SetAsync(Jt808MessageIds.SetPolygonArea, Jt808SetAreas.SettingUpdate, line));
        Assert.Equal([4u], rig.Terminal.AreaIds);
        Assert.Equal(0, (await rig.Platform.DeleteAreasAsync(Rig.Phone, Jt808MessageIds.DeleteCircleAreas, [], Rig.Timeout)).Result); // empty list: all circles
        Assert.Empty(rig.Terminal.AreaIds);
    }

    [Fact]
    public async Task Reports_queued_before_any_connection_survive_a_restart_and_arrive_as_blind_area_batches()
    {
        await using var rig = new Rig();
        Directory.CreateDirectory(rig.StateDirectory);
        File.WriteAllBytes(Path.Combine(rig.StateDirectory, "parameters.bin"), ParametersBody(Dword(Jt808TerminalParameters.DefaultReportInterval, 1)));
        await using (var offline = new Jt808Terminal(rig.Options()))
        {
            foreach (PositionSample s in Samples.North(0, 60, 10))
            {
                offline.Report(s);
            }

            Assert.Equal(60, offline.Status.Queued);
        }

        await rig.StartTerminalAsync();
        Assert.Equal(60, rig.Terminal.QueueRecovery.RecordsRecovered);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync();

        // 60 reports of 34 bytes (28 + the 6-byte mileage item) do not fit one body: 3 + 28 × (2 + 34) = 1011 ≤ 1023 bytes, so 28 + 28 + 4, in order.
        List<Jt808LocationBatch> batches = rig.Received(Jt808MessageIds.LocationBatch).Select(m => (Jt808LocationBatch)m.Body!).ToList();
        Assert.Equal([28, 28, 4], batches.Select(b => b.Reports.Length));
        Assert.All(batches, b => Assert.Equal(Jt808LocationBatch.TypeBlindArea, b.BatchType));
        Assert.Equal(Enumerable.Range(0, 60), batches.SelectMany(b => b.Reports).Select(Samples.Second));
        Assert.Empty(rig.Received(Jt808MessageIds.LocationReport));
        Assert.Equal((60L, 60L, 0), (rig.Terminal.Status.Acknowledged, rig.Terminal.Status.BatchedReportsAcknowledged, rig.Terminal.Status.Queued));
    }
}
