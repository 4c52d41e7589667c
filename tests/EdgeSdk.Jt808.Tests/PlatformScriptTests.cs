using System.Net;

namespace EdgeSdk.Jt808.Tests;

/// <summary><see cref="Jt808PlatformScript"/>: the bodies each line builds (exact bytes), line-numbered errors, and a run against a terminal.</summary>
public class PlatformScriptTests
{
    private static Jt808PlatformScript Parse(string text)
    {
        Assert.True(Jt808PlatformScript.TryParse(text, out Jt808PlatformScript? script, out string error), error);
        return script!;
    }

    private static string Body(Jt808ScriptCommand command, bool v2019 = false)
    {
        var writer = new Jt808Writer(16);
        command.Body?.Encode(writer, v2019);
        return Hex.Of(writer.ToArray());
    }

    [Fact]
    public void Each_command_builds_the_body_of_its_message()
    {
        Jt808PlatformScript script = Parse("""
            # set up the truck
            set-params 0x0029=10 0x0001=30:word 0x0013="127.0.0.1" 0x0083=hex:D3E5
            query-params
            query-params 0x0029 85
            after 1.5s query-location
            track 5 600
            text "Hi \"you\"" flags=0x08
            set-circle id=1 lat=29.56 lon=106.55 radius=500 max-speed=60 overspeed-s=10
            set-rectangle id=2 top=29.6 left=106.4 bottom=29.5 right=106.6 attributes=0x0028
            set-polygon id=3 points=29.5,106.5;29.6,106.5;29.6,106.6 from=261130080000 to=261130180000
            set-route id=4 width=50 points=29.56,106.55;29.57,106.56 max-speed=80 overspeed-s=5
            delete-circles 1 2
            delete-routes
            wait 500ms
            disconnect
            """);
        IReadOnlyList<Jt808ScriptCommand> c = script.Commands;
        Assert.Equal(14, c.Count);
        Assert.Equal(
            [0x8103, 0x8104, 0x8106, 0x8201, 0x8202, 0x8300, 0x8600, 0x8602, 0x8604, 0x8606, 0x8601, 0x8607, 0, 0],
            c.Select(x => x.MessageId));
        Assert.Equal(2, c[0].Line);
        Assert.Equal("04" + "00000029040000000A" + "00000001" + "02001E" + "00000013" + "09" + "3132372E302E302E31" + "00000083" + "02D3E5", Body(c[0]));
        Assert.Null(c[1].Body);
        Assert.Equal("020000002900000055", Body(c[2]));
        Assert.Equal(TimeSpan.FromSeconds(1.5), c[3].Delay);
        Assert.Equal("0005" + "00000258", Body(c[4]));
        Assert.Equal("08" + "48692022796F7522", Body(c[5]));
        Assert.Equal("0801" + "48692022796F7522", Body(c[5], v2019: true));
        // append, 1 area: id 1, attributes 0x0002 (speed limit), 29.56/106.55, radius 500, 60 km/h for 10 s.
        Assert.Equal("0101" + "00000001" + "0002" + "01C30CC0" + "0659D2F0" + "000001F4" + "003C" + "0A", Body(c[6]));
        Assert.Equal("0101" + "00000002" + "0028" + "01C3A900" + "06578900" + "01C22260" + "065A9640", Body(c[7]));
        Assert.Equal("00000003" + "0001" + "261130080000" + "261130180000" + "0003" + "01C22260" + "06590FA0" + "01C3A900" + "06590FA0" + "01C3A900" + "065A9640", Body(c[8]));
        var route = Assert.IsType<Jt808SetRoute>(c[9].Body);
        Assert.Equal((4u, 0, 2), (route.RouteId, route.Attributes, route.Points.Length));
        Assert.All(route.Points, p => Assert.Equal((50, Jt808RoutePoint.AttributeSpeedLimit, 80, 5), (p.WidthMeters, p.Attributes, p.MaxSpeedKilometersPerHour, p.OverspeedDurationSeconds)));
        Assert.Equal("020000000100000002", Body(c[10]));
        Assert.Equal("00", Body(c[11]));
        Assert.Equal((Jt808ScriptAction.Wait, TimeSpan.FromMilliseconds(500)), (c[12].Action, c[12].Delay));
        Assert.Equal(Jt808ScriptAction.Disconnect, c[13].Action);
        Assert.All(c, x => Assert.Null(x.Phone));
    }

    [Fact]
    public void A_terminal_line_targets_the_lines_after_it()
    {
        Jt808PlatformScript script = Parse("query-location\nterminal 013800000001\nquery-location\n\nterminal 2\nquery-location");
        Assert.Equal([null, "013800000001", "2"], script.Commands.Select(c => c.Phone));
        Assert.Equal([1, 3, 6], script.Commands.Select(c => c.Line));
    }

    [Theory]
    [InlineData("query-location\nqeury-location", "line 2: unknown command 'qeury-location' (did you mean 'query-location'?)")]
    [InlineData("qeury", "line 1: unknown command 'qeury'; commands: terminal, wait, disconnect, set-params, query-params, query-location, track, text, set-circle, set-rectangle, set-polygon, set-route, delete-circles, delete-rectangles, delete-polygons, delete-routes")]
    [InlineData("after 5 query-location", "line 1: '5' is not a duration; write e.g. 500ms, 5s or 1.5m")]
    [InlineData("after 5s", "line 1: 'after' needs a duration and a command, e.g. 'after 5s query-location'")]
    [InlineData("set-params 0x0029", "line 1: set-params: '0x0029' is not ID=VALUE (ID like 0x0029 or 41)")]
    [InlineData("set-params 0x0029=300:byte", "line 1: set-params: parameter 0x0029: '300:byte' is not a value; write 10, 10:byte, 10:word, 10:dword, \"text\" or hex:0A0B")]
    [InlineData("set-params 0x0013=\"" + "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz12\"", "line 1: set-params: parameter 0x0013: \"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz12\" is 262 bytes in GBK; a parameter holds at most 255")]
    [InlineData("text hello", "line 1: text: write 'text \"MESSAGE\"' with the message in double quotes")]
    [InlineData("text \"open", "line 1: a double quote is not closed")]
    [InlineData("set-circle id=1 lat=29.5 lon=106.5", "line 1: set-circle: radius= is missing (needs id= lat= lon= radius=)")]
    [InlineData("set-circle id=1 lat=95 lon=106.5 radius=5", "line 1: set-circle: lat='95' is not degrees from -90 to 90")]
    [InlineData("set-circle id=1 lat=9 lon=10 radius=5 colour=red", "line 1: set-circle: 'colour=red' is not one of id= lat= lon= radius= max-speed= overspeed-s= night-max-speed= name= from= to= attributes= setting=")]
    [InlineData("set-polygon id=3 points=29.5,106.5;29.6,106.5", "line 1: set-polygon: points= needs at least 3 LAT,LON pairs separated by ';'")]
    [InlineData("set-polygon id=3 points=29.5,106.5;-29.6,106.5;29.6,106.6", "line 1: set-polygon: all points must be in one hemisphere (the area has one south/west attribute)")]
    [InlineData("set-route id=4 width=50 points=29.5,106.5;29.6,x", "line 1: set-route: point 2 '29.6,x' is not LAT,LON in degrees")]
    [InlineData("set-circle id=1 lat=9 lon=10 radius=5 overspeed-s=3", "line 1: set-circle: overspeed-s and night-max-speed need max-speed")]
    [InlineData("set-circle id=1 lat=9 lon=10 radius=5 from=2611300800", "line 1: set-circle: give both from= and to= (YYMMDDhhmmss, GMT+8)")]
    [InlineData("terminal 0138-0000", "line 1: write 'terminal PHONE' with the terminal's phone number (up to 20 digits), on a line of its own")]
    [InlineData("track 5", "line 1: track: write 'track INTERVAL_S VALIDITY_S', e.g. 'track 5 600' (interval 0 stops tracking)")]
    [InlineData("text \"😀\"", "line 1: text: \"😀\" has a character GBK cannot encode")]
    public void A_bad_line_is_named_with_its_number_and_how_to_write_it(string text, string expected)
    {
        Assert.False(Jt808PlatformScript.TryParse(text, out Jt808PlatformScript? script, out string error));
        Assert.Null(script);
        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task A_script_waits_for_the_terminal_sends_in_order_and_counts_failures()
    {
        await using var platform = new Jt808Platform();
        platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        Jt808PlatformScript script = Parse("terminal 013800000007\nset-params 0x0029=10\nquery-location\nset-circle id=1 lat=29.56 lon=106.55 radius=500");
        var progress = new List<(int Line, bool Ok, string What)>();
        Task<int> run = script.RunAsync(platform, RawTerminal.Timeout, (c, ok, what) => progress.Add((c.Line, ok, what)));

        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000007");
        await terminal.LogInAsync();
        Jt808Message set = await terminal.ReceiveAsync();
        Assert.Equal(Jt808MessageIds.SetParameters, set.Header.MessageId);
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = set.Header.SequenceNumber, AckMessageId = 0x8103 });
        Jt808Message query = await terminal.ReceiveAsync();
        var report = new Jt808LocationReport();
        report.SetPosition(29.56, 106.55);
        report.SetTimeUtc(new DateTime(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc));
        await terminal.SendAsync(Jt808MessageIds.LocationQueryResponse, new Jt808LocationQueryResponse { AckSequenceNumber = query.Header.SequenceNumber, Report = report });
        Jt808Message circle = await terminal.ReceiveAsync();
        Assert.Equal(Jt808MessageIds.SetCircleAreas, circle.Header.MessageId);
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = circle.Header.SequenceNumber, AckMessageId = 0x8600, Result = 3 });

        Assert.Equal(1, await run.WaitAsync(RawTerminal.Timeout));
        Assert.Equal(
            [
                (2, true, "0x8103 to terminal 013800000007: answered success"),
                (3, true, "0x8201 to terminal 013800000007: answered 0x0201 at 29.560000,106.550000"),
                (4, false, "0x8600 to terminal 013800000007: answered result 3 (not supported)"),
            ],
            progress);
    }

    [Fact]
    public async Task After_a_disconnect_line_the_next_command_waits_for_the_terminal_to_come_back()
    {
        await using var platform = new Jt808Platform();
        platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        Jt808PlatformScript script = Parse("text \"first\"\ndisconnect\nafter 50ms text \"again\"");
        var progress = new List<(int Line, bool Ok, string What)>();
        Task<int> run = script.RunAsync(platform, RawTerminal.Timeout, (c, ok, what) => progress.Add((c.Line, ok, what)));

        await using (RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000009"))
        {
            string code = await terminal.LogInAsync();
            Jt808Message first = await terminal.ReceiveAsync();
            Assert.Equal("first"u8.ToArray(), Assert.IsType<Jt808TextMessage>(first.Body).Text);
            await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = first.Header.SequenceNumber, AckMessageId = 0x8300 });
            await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(terminal.ReceiveAsync); // disconnected by the script

            await using RawTerminal back = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000009");
            back.Sequence = 10;
            await back.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = System.Text.Encoding.ASCII.GetBytes(code) });
            await back.ExpectGeneralAsync(10, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultSuccess);
            Jt808Message again = await back.ReceiveAsync();
            Assert.Equal("again"u8.ToArray(), Assert.IsType<Jt808TextMessage>(again.Body).Text);
            await back.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = again.Header.SequenceNumber, AckMessageId = 0x8300 });
            Assert.Equal(0, await run.WaitAsync(RawTerminal.Timeout));
        }

        Assert.Equal(
            [
                (1, true, "0x8300 to terminal 013800000009: answered success"),
                (2, true, "disconnected terminal 013800000009"),
                (3, true, "0x8300 to terminal 013800000009: answered success"),
            ],
            progress);
    }
}
