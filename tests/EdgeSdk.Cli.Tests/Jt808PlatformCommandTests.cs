using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeSdk.Jt808;
using EdgeSdk.Jt808.Tests;

namespace EdgeSdk.Cli.Tests;

/// <summary><c>edgesdk jt808 platform</c> as a process, with a terminal speaking JT/T 808 to it over loopback.</summary>
public sealed partial class Jt808PlatformCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgesdk-jt808-platform-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Prints_each_message_as_a_json_line_answers_the_terminal_and_sends_the_script()
    {
        string script = Path.Combine(_directory, "commands.txt");
        await File.WriteAllTextAsync(script, """
            # the truck's first minutes
            terminal 013800000008
            set-params 0x0029=10
            query-location
            set-polygon id=1 points=29.5,106.5;29.6,106.5;29.6,106.6 attributes=0x0028
            """);
        using var platform = new PlatformProcess($"jt808 platform --listen 127.0.0.1:0 --script {script}");
        IPEndPoint endPoint = await platform.ListeningAsync();

        await using RawTerminal terminal = await RawTerminal.ConnectAsync(endPoint, "013800000008", version2019: true);
        await terminal.LogInAsync();
        Jt808Message set = await terminal.ReceiveAsync();
        Assert.Equal(Jt808MessageIds.SetParameters, set.Header.MessageId);
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = set.Header.SequenceNumber, AckMessageId = 0x8103 });
        Jt808Message query = await terminal.ReceiveAsync();
        var report = new Jt808LocationReport { AlarmFlags = Jt808AlarmFlags.GnssAntennaOpen };
        report.SetPosition(29.56, 106.55);
        report.SetTimeUtc(new DateTime(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc));
        await terminal.SendAsync(Jt808MessageIds.LocationQueryResponse, new Jt808LocationQueryResponse { AckSequenceNumber = query.Header.SequenceNumber, Report = report });
        Jt808Message polygon = await terminal.ReceiveAsync();
        var area = Assert.IsType<Jt808PolygonArea>(Assert.IsType<Jt808SetAreas>(polygon.Body).Areas[0]);
        Assert.Equal((1u, 0x0028, 3), (area.AreaId, area.Attributes, area.VertexLatitudesMicrodegrees.Length));
        await terminal.SendAsync(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse { AckSequenceNumber = polygon.Header.SequenceNumber, AckMessageId = 0x8604 });

        int sequence = terminal.Sequence;
        await terminal.SendAsync(Jt808MessageIds.LocationReport, report);
        await terminal.ExpectGeneralAsync(sequence, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultSuccess);
        byte[] damaged = terminal.Encode(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance);
        damaged[^2] ^= 0x55;
        await terminal.SendRawAsync(damaged);
        await terminal.ExpectGeneralAsync(sequence + 1, Jt808MessageIds.Heartbeat, Jt808GeneralResponse.ResultMessageError);

        await platform.WaitForStdErrAsync("refused: wrong_checksum");
        await platform.WaitForStdOutLinesAsync(6);
        (int exit, string stdout, string stderr) = await platform.InterruptAsync();

        Assert.Equal(130, exit);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        JsonElement[] json = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["0x0100", "0x0102", "0x0001", "0x0201", "0x0001", "0x0200"], json.Select(j => j.GetProperty("message_id").GetString()));
        Assert.All(json, j => Assert.Equal(("ok", 2019, "00000000013800000008"), (j.GetProperty("result").GetString(), j.GetProperty("version").GetInt32(), j.GetProperty("phone").GetString())));
        JsonElement reported = json[5].GetProperty("body");
        Assert.Equal(29.56, reported.GetProperty("latitude_deg").GetDouble());
        Assert.Equal("gnss_antenna_open", reported.GetProperty("alarms")[0].GetString());
        Assert.Equal(106.55, json[3].GetProperty("body").GetProperty("report").GetProperty("longitude_deg").GetDouble());

        Assert.Contains("script line 3: 0x8103 to terminal 00000000013800000008: answered success", stderr, StringComparison.Ordinal);
        Assert.Contains("script line 4: 0x8201 to terminal 00000000013800000008: answered 0x0201 at 29.560000,106.550000", stderr, StringComparison.Ordinal);
        Assert.Contains("script line 5: 0x8604 to terminal 00000000013800000008: answered success", stderr, StringComparison.Ordinal);
        Assert.Matches(@"frame from 127\.0\.0\.1:\d+ \(phone 00000000013800000008\) refused: wrong_checksum; answered 0x8001 result 2", stderr);
        Assert.Contains("stopped; 7 frames from 1 connections (1 refused, 0 not supported, 0 malformed), 4 answers, 3 commands (3 answered, 0 timed out)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var result = await EdgeSdkProcess.RunAsync($"jt808 platform --listen 127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: jt808 platform cannot listen on 127.0.0.1:{port}: the port is in use; stop what uses it or choose another --listen port\n", result.StdErr);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Theory]
    [InlineData("query-location\nset-circle id=1 lat=29.5 lon=106.5", "line 2: set-circle: radius= is missing (needs id= lat= lon= radius=)")]
    [InlineData("# ok\n\nafter soon query-location", "line 3: 'soon' is not a duration; write e.g. 500ms, 5s or 1.5m")]
    public async Task A_bad_script_line_is_named_before_listening(string text, string error)
    {
        string script = Path.Combine(_directory, "bad.txt");
        await File.WriteAllTextAsync(script, text);
        var result = await EdgeSdkProcess.RunAsync($"jt808 platform --listen 127.0.0.1:0 --script {script}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: jt808 platform --script {script} {error}\n", result.StdErr);
    }

    [Theory]
    [InlineData("--listen 127.0.0.1", "edgesdk: jt808 platform --listen '127.0.0.1' is not HOST:PORT; write e.g. 127.0.0.1:6808")]
    [InlineData("--listen 127.0.0.1:0 --script /nonexistent/commands.txt", "edgesdk: jt808 platform --script /nonexistent/commands.txt: it does not exist")]
    [InlineData("--listen 127.0.0.1:0 --duration 0", "edgesdk: jt808 platform --duration and --answer-timeout must be more than 0 seconds")]
    public async Task Bad_options_are_one_line_and_exit_2(string options, string error)
    {
        var result = await EdgeSdkProcess.RunAsync($"jt808 platform {options}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error + "\n", result.StdErr);
    }

    [Fact]
    public async Task Duration_ends_the_run_and_commands_no_terminal_received_make_exit_1()
    {
        string script = Path.Combine(_directory, "commands.txt");
        await File.WriteAllTextAsync(script, "query-location\ntext \"hello\"\n");
        var result = await EdgeSdkProcess.RunAsync($"jt808 platform --listen 127.0.0.1:0 --duration 0.5 --script {script}");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("edgesdk jt808 platform: 2 of 2 script commands did not run (no terminal, or stopped first)", result.StdErr, StringComparison.Ordinal);

        var plain = await EdgeSdkProcess.RunAsync("jt808 platform --listen 127.0.0.1:0 --duration 0.5");
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("stopped; 0 frames from 0 connections", plain.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The platform process: stdout and stderr collected as they come, waits bounded by <see cref="Timeout"/>.</summary>
    private sealed partial class PlatformProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stdout = new();
        private readonly StringBuilder _stderr = new();
        private readonly Task _readingOut;
        private readonly Task _readingErr;

        public PlatformProcess(string arguments)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"));
            foreach (string arg in arguments.Split(' '))
            {
                start.ArgumentList.Add(arg);
            }

            _process = Process.Start(start)!;
            _readingOut = Collect(_process.StandardOutput, _stdout);
            _readingErr = Collect(_process.StandardError, _stderr);
        }

        private static Task Collect(StreamReader reader, StringBuilder into) => Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is string line)
            {
                lock (into)
                {
                    into.Append(line).Append('\n');
                }
            }
        });

        private static string Read(StringBuilder b)
        {
            lock (b)
            {
                return b.ToString();
            }
        }

        public async Task<IPEndPoint> ListeningAsync()
        {
            await WaitAsync(() => Listening().IsMatch(Read(_stderr)), "the listening line");
            return IPEndPoint.Parse(Listening().Match(Read(_stderr)).Groups[1].Value);
        }

        public Task WaitForStdErrAsync(string text) => WaitAsync(() => Read(_stderr).Contains(text, StringComparison.Ordinal), text);

        public Task WaitForStdOutLinesAsync(int count) => WaitAsync(() => Read(_stdout).Count(c => c == '\n') >= count, $"{count} stdout lines");

        public async Task<(int Exit, string StdOut, string StdErr)> InterruptAsync()
        {
            using (Process kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(Timeout);
            await _process.WaitForExitAsync(cts.Token);
            await Task.WhenAll(_readingOut, _readingErr);
            return (_process.ExitCode, Read(_stdout), Read(_stderr));
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private async Task WaitAsync(Func<bool> condition, string what)
        {
            using var cts = new CancellationTokenSource(Timeout);
            while (!condition())
            {
                if (_process.HasExited)
                {
                    await Task.WhenAll(_readingOut, _readingErr);
                    if (condition())
                    {
                        return;
                    }

                    Assert.Fail($"edgesdk exited ({_process.ExitCode}) before {what}: {Read(_stderr)}");
                }

                try
                {
                    await Task.Delay(20, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"no {what} within {Timeout.TotalSeconds} s: {Read(_stderr)}");
                }
            }
        }

        [GeneratedRegex(@"listening on (127\.0\.0\.1:\d+)")]
        private static partial Regex Listening();
    }
}
