using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeSdk.Gnss;
using EdgeSdk.Rdss;
using EdgeSdk.Simulation.Rdss;
using EdgeSdk.Telemetry;
using MQTTnet;

namespace EdgeSdk.Fleet.Tests;

/// <summary><c>edgesdk fleet ingest</c> as a process: its status and failure lines, and its <c>--rdss</c> leg on a simulated card pair.</summary>
public sealed class IngestCommandTests
{
    [Fact]
    public async Task Ingest_prints_status_lines_and_says_when_a_write_fails_while_the_database_is_down()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("status");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        using IMqttClient device = await FleetTest.DeviceAsync(broker.Uri);
        GnssFix[] drive = FleetTest.Fixes(20, 10, 50, FleetTest.Day.AddHours(12));
        await using var ingest = await Ingest.StartAsync(broker, database, "status", "--status-every", "1");

        await FleetTest.PublishAsync(device, "truck-s", 3, 1, drive[..10]);
        await ingest.WaitForLineAsync(l => l.StartsWith("edgesdk fleet ingest: status: 10 fixes inserted, 0 duplicates, 1 batches, 0 events, ", StringComparison.Ordinal)
            && l.EndsWith("0 failed writes; broker connected, database up; LastError: none", StringComparison.Ordinal));

        // The database goes away: the next batch cannot be written, and the ingestor says so at once and in its status.
        await postgres.StopAsync();
        await FleetTest.PublishAsync(device, "truck-s", 3, 11, drive[10..]);
        string failed = await ingest.WaitForLineAsync(l => l.StartsWith("edgesdk fleet ingest: writing to 127.0.0.1:", StringComparison.Ordinal));
        Assert.Matches(@" failed \(\d+ failed writes\): .+", failed);
        await ingest.WaitForLineAsync(l => l.StartsWith("edgesdk fleet ingest: status: 10 fixes inserted, ", StringComparison.Ordinal)
            && l.Contains("database down; LastError: ", StringComparison.Ordinal) && !l.EndsWith("LastError: none", StringComparison.Ordinal));

        // Back: the held batch is written and the status says so.
        await postgres.StartServerAsync();
        await ingest.WaitForLineAsync(l => l.StartsWith("edgesdk fleet ingest: status: 20 fixes inserted, 0 duplicates, 2 batches, ", StringComparison.Ordinal)
            && l.Contains("broker connected, database up; LastError: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_with_rdss_stores_the_satellite_reports_and_ends_with_one_line_when_the_terminal_goes_away()
    {
        await using Postgres postgres = await Postgres.StartAsync();
        string database = await postgres.CreateDatabaseAsync("rdss");
        await using Mosquitto broker = await Mosquitto.StartAsync();
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.Zero });
        await using SimulatedRdssTerminal truckSim = network.OpenTerminal(new SimulatedRdssCard { UserId = 179773, ServiceInterval = TimeSpan.Zero });
        SimulatedRdssTerminal centreSim = network.OpenTerminal(new SimulatedRdssCard { UserId = 4207733, ServiceInterval = TimeSpan.Zero, SubordinateCount = 1 });
        try
        {
            await using RdssTerminal truck = RdssTerminal.OpenSerial(truckSim.DevicePath!);
            await using var ingest = await Ingest.StartAsync(broker, database, "rdss", "--status-every", "0",
                "--rdss", centreSim.DevicePath!, "--rdss-device", "179773=truck-r", "--rdss-device", "179774=truck-x");
            await ingest.WaitForLineAsync(l => l == $"edgesdk fleet ingest: satellite reports from {centreSim.DevicePath} (card 4207733) for 2 truck(s) of fleet test");

            GnssFix[] drive = FleetTest.Fixes(12, 10, 50, FleetTest.Day.AddHours(12));
            SequencedFix[] fixes = drive.Select((f, i) => new SequencedFix(i + 1, f)).ToArray();
            for (int next = 0; next < fixes.Length;)
            {
                byte[] report = RdssPositionReports.EncodeIdentified(fixes[next..], 0xCAFE, 70, out int packed);
                Assert.True((await truck.SendAsync(4207733, report)).IsSent);
                next += packed;
            }

            await using (FleetStore store = await FleetStore.OpenAsync(database))
            {
                await FleetTest.WaitUntilAsync(async () => (await store.CountFixesByPathAsync()).GetValueOrDefault("satellite") == 12, TimeSpan.FromSeconds(20),
                    () => string.Join(" | ", ingest.Lines));
                Assert.Equal(12, await store.CountFixesAsync());
            }

            // The centre's terminal goes away: the ingester does not carry on as if positions could still come by satellite.
            await centreSim.DisposeAsync();
            int exitCode = await ingest.WaitForExitAsync();
            Assert.Equal(2, exitCode);
            string[] lines = ingest.Lines.ToArray();
            Assert.Contains($"edgesdk fleet ingest: the RDSS terminal at {centreSim.DevicePath} went away (", lines[^2], StringComparison.Ordinal);
            Assert.StartsWith("edgesdk fleet ingest: 0 fixes and 0 events stored in 0 transactions, ", lines[^1], StringComparison.Ordinal);
            Assert.EndsWith("; 12 fixes by satellite (0 already stored), 0 upgraded by MQTT, 2 satellite reports, 0 from unknown cards, 0 not usable", lines[^1], StringComparison.Ordinal);
        }
        finally
        {
            await centreSim.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("--rdss /dev/null", "edgesdk: --rdss needs --rdss-device CARD=DEVICE for each truck, e.g. --rdss-device 179773=truck-042")]
    [InlineData("--rdss /dev/null --rdss-device 0=truck-1", "edgesdk: --rdss-device '0=truck-1' is not CARD=DEVICE with a user ID from 1 to 9999999, e.g. 179773=truck-042")]
    [InlineData("--rdss /dev/null --rdss-device 12=a --rdss-device 12=b", "edgesdk: --rdss-device: card 12 is given twice")]
    [InlineData("--status-every -1", "edgesdk: --status-every -1 must not be negative (0: no status lines)")]
    public async Task Bad_ingest_options_are_one_line_and_exit_code_2(string arguments, string expected)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "fleet", "ingest", "--db", "Host=127.0.0.1;Port=1", "--fleet", "test" }
            .Concat(arguments.Split(' ')))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Equal(expected, stderr.Trim());
    }

    /// <summary>A running <c>edgesdk fleet ingest</c> whose stderr lines are collected as they come.</summary>
    private sealed class Ingest : IAsyncDisposable
    {
        private readonly Process _process;

        private Ingest(Process process)
        {
            _process = process;
        }

        public ConcurrentQueue<string> Lines { get; } = new();

        public static async Task<Ingest> StartAsync(Mosquitto broker, string database, string clientId, params string[] extra)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "fleet", "ingest", "--mqtt", broker.Uri.ToString(),
                "--db", database, "--fleet", "test", "--client-id", clientId }.Concat(extra))
            {
                start.ArgumentList.Add(argument);
            }

            var ingest = new Ingest(Process.Start(start)!);
            ingest._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                {
                    ingest.Lines.Enqueue(e.Data);
                }
            };
            ingest._process.BeginErrorReadLine();
            await ingest.WaitForLineAsync(l => l.StartsWith("edgesdk fleet ingest: mqtt://127.0.0.1:", StringComparison.Ordinal));
            return ingest;
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> match)
        {
            string? found = null;
            await FleetTest.WaitUntilAsync(() => Task.FromResult((found = Lines.FirstOrDefault(match)) != null || _process.HasExited), TimeSpan.FromSeconds(20),
                () => string.Join(" | ", Lines));
            return found ?? throw new InvalidOperationException($"edgesdk fleet ingest exited ({_process.ExitCode}) without the line: {string.Join(" | ", Lines)}");
        }

        public async Task<int> WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10 * FleetTest.BusyMachineFactor));
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit(); // flushes the redirected stderr into Lines
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
