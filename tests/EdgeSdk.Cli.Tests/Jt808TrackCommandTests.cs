using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using EdgeSdk.Jt808;
using EdgeSdk.Simulation;

namespace EdgeSdk.Cli.Tests;

/// <summary><c>edgesdk track SOURCE --jt808 tcp://HOST:PORT --phone N --queue DIR</c> against the platform simulator.</summary>
public sealed partial class Jt808TrackCommandTests : IDisposable
{
    private const string Phone = "013800000000";
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-track-jt808-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Five minutes of the Chongqing drive as NMEA.
    private async Task<string> DriveAsync()
    {
        string path = Path.Combine(_dir, "drive.nmea");
        await using FileStream file = File.Create(path);
        await GnssSimulator.RunAsync(new SimulationOptions { Scenario = "chongqing-logistics", DurationSeconds = 300 }, file);
        return path;
    }

    private static (long Reports, long Acknowledged, long Batched, long Queued) Summary(string stdout)
    {
        Match m = SummaryLine().Match(stdout);
        Assert.True(m.Success, stdout);
        return (long.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value), long.Parse(m.Groups[4].Value));
    }

    [GeneratedRegex(@"(\d+) reports, (\d+) acknowledged \((\d+) in 0x0704 batches\), (\d+) queued")]
    private static partial Regex SummaryLine();

    /// <summary>
    /// What the platform received, once it holds <paramref name="locations"/> reports: the platform publishes a message
    /// after answering it, so its stream may be a moment behind the terminal's acknowledgement.
    /// </summary>
    private static async Task<List<Jt808Message>> ReceivedAsync(Jt808Platform platform, long locations)
    {
        var list = new List<Jt808Message>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (Locations(list, Jt808MessageIds.LocationReport) + Locations(list, Jt808MessageIds.LocationBatch) < locations)
        {
            Jt808ReceivedMessage m = await platform.Received.ReadAsync(timeout.Token);
            if (m.Message != null)
            {
                list.Add(m.Message);
            }
        }

        while (platform.Received.TryRead(out Jt808ReceivedMessage? m))
        {
            if (m.Message != null)
            {
                list.Add(m.Message);
            }
        }

        return list;
    }

    private static int Locations(IEnumerable<Jt808Message> messages, int messageId) => messages.Where(m => m.Header.MessageId == messageId)
        .Sum(m => m.Body switch { Jt808LocationBatch b => b.Reports.Length, Jt808LocationReport => 1, _ => 0 });

    [Fact]
    public async Task A_drive_registers_authenticates_and_every_report_is_acknowledged()
    {
        string drive = await DriveAsync();
        await using var platform = new Jt808Platform();
        platform.Start(new IPEndPoint(IPAddress.Loopback, 0));

        var result = await EdgeSdkProcess.RunAsync(
            $"track {drive} --jt808 tcp://127.0.0.1:{platform.LocalEndPoint.Port} --phone {Phone} --queue {Path.Combine(_dir, "q")} --drain-seconds 60");

        Assert.True(result.ExitCode == 0, result.StdErr);
        (long reports, long acknowledged, long batched, long queued) = Summary(result.StdOut);
        Assert.InRange(reports, 10, 20); // the default interval is 30 s, plus alarm changes
        Assert.Equal((reports, 0L), (acknowledged, queued));
        List<Jt808Message> received = await ReceivedAsync(platform, reports);
        Assert.Single(received, m => m.Header.MessageId == Jt808MessageIds.Registration);
        Assert.Equal(reports, Locations(received, Jt808MessageIds.LocationReport) + Locations(received, Jt808MessageIds.LocationBatch));
        Assert.Equal(batched, Locations(received, Jt808MessageIds.LocationBatch));
        Assert.All(received, m => Assert.Equal(Phone, m.Header.Phone));
        Assert.True(File.Exists(Path.Combine(_dir, "q", "auth-code")));
    }

    [Fact]
    public async Task With_the_platform_down_the_reports_stay_queued_exit_3_and_the_next_run_delivers_them_as_0x0704()
    {
        string drive = await DriveAsync();
        string queue = Path.Combine(_dir, "q");
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now

        var down = await EdgeSdkProcess.RunAsync($"track {drive} --jt808 tcp://127.0.0.1:{port} --phone {Phone} --queue {queue} --drain-seconds 1");
        Assert.Equal(3, down.ExitCode);
        (long first, long acknowledged, _, long queued) = Summary(down.StdOut);
        Assert.Equal((0L, first), (acknowledged, queued));
        Assert.Contains($"still queued in {queue}", down.StdErr);

        await using var platform = new Jt808Platform();
        platform.Start(new IPEndPoint(IPAddress.Loopback, port));
        var up = await EdgeSdkProcess.RunAsync($"track {drive} --jt808 tcp://127.0.0.1:{port} --phone {Phone} --queue {queue} --drain-seconds 60");
        Assert.True(up.ExitCode == 0, up.StdErr);
        Assert.Contains($"{first} reports from a previous run are still queued", up.StdErr);
        (long second, long acknowledgedNow, long batched, long queuedNow) = Summary(up.StdOut);
        Assert.Equal((second + first, 0L), (acknowledgedNow, queuedNow));
        List<Jt808Message> received = await ReceivedAsync(platform, first + second);
        Assert.Equal(first + second, Locations(received, Jt808MessageIds.LocationReport) + Locations(received, Jt808MessageIds.LocationBatch));
        Assert.True(batched >= first, $"{batched} batched, {first} from the first run");
    }

    [Fact]
    public async Task The_demo_jt808_leg_shows_live_0x0200_and_a_0x0704_batch_after_the_outage_with_nothing_lost()
    {
        var result = await EdgeSdkProcess.RunAsync(
            $"demo --jt808 --no-dashboard --duration 120 --speedup 20 --outage 20 --out {Path.Combine(_dir, "demo")}", timeout: TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Match m = DemoLine().Match(result.StdOut);
        Assert.True(m.Success, result.StdOut);
        (long received, long live, long batched, long batches, long made, long acknowledged, long queued) = (long.Parse(m.Groups[1].Value),
            long.Parse(m.Groups[2].Value), long.Parse(m.Groups[3].Value), long.Parse(m.Groups[4].Value), long.Parse(m.Groups[5].Value),
            long.Parse(m.Groups[6].Value), long.Parse(m.Groups[7].Value));
        Assert.Equal((made, made, 0L), (received, acknowledged, queued));
        Assert.True(batches >= 1 && batched >= 20, $"{batched} reports in {batches} batches"); // the 20 s outage at one report a second
        Assert.True(live > 0);
        Assert.Contains("jt808: platform received a 0x0704 blind-area batch", result.StdOut);
    }

    [GeneratedRegex(@"jt808 +(\d+) reports on the platform: (\d+) as 0x0200, (\d+) in (\d+) 0x0704 blind-area batches; terminal (\d+) made, (\d+) acknowledged, (\d+) queued")]
    private static partial Regex DemoLine();

    [Theory]
    [InlineData("--jt808 http://127.0.0.1:1 --phone 1", "--jt808 'http://127.0.0.1:1' is not tcp://HOST:PORT")]
    [InlineData("--jt808 tcp://127.0.0.1:1", "--jt808 needs --phone")]
    [InlineData("--jt808 tcp://127.0.0.1:1 --phone 12ab", "phone number '12ab' must be 1–12 digits")]
    [InlineData("", "edgesdk track: Option '--device' is required (edgesdk track --help)")]
    public async Task Mistakes_are_one_line_and_exit_2(string arguments, string message)
    {
        var result = await EdgeSdkProcess.RunAsync($"track {Path.Combine(_dir, "none.nmea")} {arguments} --queue {Path.Combine(_dir, "q")}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.StdErr);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
