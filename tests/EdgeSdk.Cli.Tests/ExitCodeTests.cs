using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Cli.Tests;

/// <summary>
/// The exit-code table of src/EdgeSdk.Cli/README.md (0 ok, 1 data problem, 2 usage/config, 3 delivered later,
/// 130 interrupted) and the one-line messages for sources and folders that cannot be used.
/// </summary>
public sealed partial class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-exit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_directory_as_source_says_it_is_a_directory()
    {
        var result = await EdgeSdkProcess.RunAsync($"fixes {_dir}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: '{_dir}' is a directory, not a capture file or a serial port: give a file, serial:/dev/ttyUSB0?baud=9600, or - for stdin", result.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_missing_device_outside_dev_tty_is_a_missing_serial_port_not_a_missing_file()
    {
        // A Raspberry Pi's UART is /dev/serial0; here it does not exist.
        var result = await EdgeSdkProcess.RunAsync("fixes /dev/serial-edgesdk-404");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("edgesdk: serial port /dev/serial-edgesdk-404 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)", result.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Input_without_nmea_is_a_data_problem_exit_1()
    {
        var result = await EdgeSdkProcess.RunAsync("nmea -", stdin: "<html>not a GNSS log</html>\n");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("edgesdk nmea: no valid sentence in stdin (0 rejected, 27 bytes skipped) — is it NMEA?", result.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_file_as_demo_out_folder_is_one_line_before_the_drive()
    {
        string file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "x");
        var result = await EdgeSdkProcess.RunAsync($"demo --out {file} --duration 5 --no-dashboard");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: --out {file} is a file, not a folder: give a folder (it is created if missing)", result.StdErr.TrimEnd('\n'));
        Assert.Empty(result.StdOut);
    }

    [Theory]
    [InlineData("a-file/queue", "{dir}/a-file is a file, not a folder")]
    [InlineData("/sys/edgesdk-queue", "permission denied")] // sysfs refuses new folders even to root
    public async Task An_unusable_queue_folder_is_one_line_naming_it(string queue, string reason)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "a-file"), "x");
        string path = Path.IsPathRooted(queue) ? queue : Path.Combine(_dir, queue);
        reason = reason.Replace("{dir}", _dir, StringComparison.Ordinal);
        string nmea = Path.Combine(_dir, "drive.nmea");
        await File.WriteAllTextAsync(nmea, FixesCommandTests.Epoch);
        var result = await EdgeSdkProcess.RunAsync($"track {nmea} --device truck-t --queue {path} --mqtt mqtt://127.0.0.1:{BrokerCommandTests.FreePort()}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: --queue {path} cannot be used: {reason} — choose a folder you can write to", result.StdErr.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("--out {dir}", "edgesdk: cannot write the output file {dir}: it is a folder: give a file name")]
    [InlineData("--out {dir}/no/drive.nmea", "edgesdk: cannot write the output file {dir}/no/drive.nmea: the folder {dir}/no does not exist")]
    [InlineData("--truth {dir}/no/truth.json", "edgesdk: cannot write the truth file {dir}/no/truth.json: the folder {dir}/no does not exist")]
    public async Task A_sim_output_that_cannot_be_written_is_one_line_in_plain_words(string option, string expected)
    {
        var result = await EdgeSdkProcess.RunAsync($"sim --duration 1 {option.Replace("{dir}", _dir, StringComparison.Ordinal)}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected.Replace("{dir}", _dir, StringComparison.Ordinal), result.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public async Task Subscribe_count_3_prints_three_and_its_summary_says_three()
    {
        await using var broker = new EmbeddedBroker();
        await broker.StartAsync();
        using Process subscribe = BrokerCommandTests.Start($"subscribe --mqtt mqtt://127.0.0.1:{broker.Port} --fleet f --count 3");
        Task<string> stdout = subscribe.StandardOutput.ReadToEndAsync();
        Task<string> stderr = subscribe.StandardError.ReadToEndAsync();
        await UntilAsync(() => broker.SubscriptionsMade > 0, "the subscriber did not subscribe");

        // Ten fixes in one batch: the subscriber receives all ten at once and must stop after three.
        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-s", Fleet = "f", QueueDirectory = Path.Combine(_dir, "queue"), BatchMaxDelay = TimeSpan.FromSeconds(2),
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri },
        });
        await publisher.StartAsync();
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(publisher.TryEnqueue(new GnssFix { TimeUtc = start.AddSeconds(i), Mode = FixMode.ThreeD, LatitudeDegrees = 31.2, LongitudeDegrees = 121.5 }));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await subscribe.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, subscribe.ExitCode);
        Assert.Equal(3, (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("edgesdk subscribe: 3 fixes from 1 devices, 0 duplicates dropped, 0 missing", await stderr);
    }

    [Fact]
    public async Task Ctrl_c_during_track_reports_what_stays_queued_and_exits_130()
    {
        // A live-paced recording (one epoch a second) and no broker: every fix waits in the queue.
        var text = new StringBuilder();
        for (int i = 0; i < 60; i++)
        {
            text.Append(FixesCommandTests.Epoch.Replace("193221.00", $"1932{i:00}.00", StringComparison.Ordinal));
        }

        string nmea = Path.Combine(_dir, "drive.nmea"), queue = Path.Combine(_dir, "queue");
        await File.WriteAllTextAsync(nmea, FixChecksums(text.ToString()));
        using Process track = BrokerCommandTests.Start($"track {nmea} --realtime --device truck-t --queue {queue} --mqtt mqtt://127.0.0.1:{BrokerCommandTests.FreePort()}");
        Task<string> stdout = track.StandardOutput.ReadToEndAsync();
        Task<string> stderr = track.StandardError.ReadToEndAsync();

        // Interrupt once a fix is on disk (a segment holds more than its 4-byte header).
        await UntilAsync(() => Directory.Exists(queue) && Directory.GetFiles(queue, "*.seg").Sum(f => new FileInfo(f).Length) > 4, "no fix reached the queue");
        using (Process kill = Process.Start("kill", ["-INT", track.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await track.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            track.Kill(entireProcessTree: true); // no tracker left running by a failed test
            throw;
        }

        Assert.Equal(130, track.ExitCode);
        Match summary = Summary().Match(await stdout);
        Assert.True(summary.Success, await stdout);
        int queued = int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(queued, 1, 60);
        Assert.Equal(summary.Groups[1].Value, summary.Groups[2].Value); // accepted = queued: nothing acknowledged, nothing lost
        Assert.Contains($"{queued} fixes are still queued in {queue}", await stderr);
    }

    [GeneratedRegex(@"edgesdk track: (\d+) fixes, 0 acknowledged, (\d+) queued, 0 dropped")]
    private static partial Regex Summary();

    // The template epoch's checksums were for its own time; recompute them for each copy.
    private static string FixChecksums(string text) => string.Concat(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line =>
    {
        string body = line[1..line.IndexOf('*', StringComparison.Ordinal)];
        return $"${body}*{body.Aggregate(0, (sum, c) => sum ^ c):X2}\r\n";
    }));

    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, failure);
            await Task.Delay(25, CancellationToken.None);
        }
    }
}
