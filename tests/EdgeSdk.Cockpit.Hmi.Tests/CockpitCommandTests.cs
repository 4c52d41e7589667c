using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Cockpit.Hmi.Tests;

public sealed class CockpitCommandTests
{
    [Fact]
    public async Task An_HTTP_port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        (int exitCode, string stdout, string stderr) = await CockpitProcess.RunToEndAsync("cockpit", "--http", $"127.0.0.1:{port}", "--grpc", "127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal($"edgesdk: cannot serve the HMI on 127.0.0.1:{port}: the address is in use (is another cockpit running? choose another --http address)", stderr.Trim());
    }

    [Fact]
    public async Task A_gRPC_port_in_use_is_one_line_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        (int exitCode, string stdout, string stderr) = await CockpitProcess.RunToEndAsync("cockpit", "--http", "127.0.0.1:0", "--grpc", $"127.0.0.1:{port}");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal($"edgesdk: cannot serve the cockpit services on 127.0.0.1:{port}: the address is in use (is another cockpit running? choose another --grpc address)", stderr.Trim());
    }

    [Fact]
    public async Task An_invalid_rule_file_is_one_line_naming_the_file_and_the_rule_and_exit_2()
    {
        string rules = Path.Combine(Path.GetTempPath(), $"cockpit-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(rules, """{ "rules": [ { "id": "overspeed", "message": "fast", "conditions": [ { "signal": "Vehicle.Sped", "op": ">", "value": 1 } ] } ] }""");
        try
        {
            (int exitCode, string stdout, string stderr) = await CockpitProcess.RunToEndAsync("cockpit", "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0", "--rules", rules);

            Assert.Equal(2, exitCode);
            Assert.Equal("", stdout);
            Assert.Equal($"edgesdk: {rules}: rule 1 (\"overspeed\"): condition 1: unknown signal 'Vehicle.Sped' (not in the VSS tree)", stderr.Trim());
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Theory]
    [InlineData("--speedup", "0", "edgesdk: --speedup 0 is out of range: give more than 0 and at most 1000")]
    [InlineData("--http", "localhost", "edgesdk: --http 'localhost' is not an address:port such as 127.0.0.1:8080")]
    [InlineData("--duration", "-1", "edgesdk: --duration -1 is not a number of seconds: give 0 (until Ctrl+C) or more")]
    [InlineData("--rules", "/nonexistent/rules.json", "edgesdk: --rules '/nonexistent/rules.json' not found: give an alert rule file (JSON), or leave --rules out for the built-in rules")]
    public async Task A_bad_option_value_is_one_line_and_exit_2(string option, string value, string message)
    {
        string[] arguments = ["cockpit", "--grpc", "127.0.0.1:0", .. option == "--http" ? Array.Empty<string>() : ["--http", "127.0.0.1:0"], option, value];
        (int exitCode, _, string stderr) = await CockpitProcess.RunToEndAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal(message, stderr.Trim());
    }

    [Fact]
    public async Task Ctrl_C_stops_everything_and_exits_130_with_a_summary()
    {
        await using var cockpit = new CockpitProcess();
        await cockpit.StartAsync("--speedup", "10");
        using (var http = new HttpClient())
        {
            Assert.Contains("<title>EdgeSdk cockpit</title>", await http.GetStringAsync(cockpit.Url), StringComparison.Ordinal);
        }

        Assert.Contains("edgesdk cockpit: up: simulated vehicle 'chongqing-logistics' (GNSS + CAN, x10), VSS databroker (1263 signals)", cockpit.StdOut, StringComparison.Ordinal);
        foreach (string service in new[] { "vehicle-status (DatabrokerVehicleStatusService", "navigation (GnssNavigationService", "climate (DatabrokerClimateService", "media (DatabrokerMediaService", "alerts (RuleEngineAlertsService" })
        {
            Assert.Matches($@"edgesdk cockpit: up: {System.Text.RegularExpressions.Regex.Escape(service)}, Running\) on gRPC 127\.0\.0\.1:\d+", cockpit.StdOut);
        }

        Assert.Equal(130, await cockpit.InterruptAsync());
        Assert.Matches(@"edgesdk cockpit: HMI: 0 browser\(s\) connected, 0 disconnected, \d+ messages, 0 dropped for slow browsers, 0 signal updates dropped, 0 requests, 0 refused", cockpit.StdOut);
    }

    [Fact]
    public async Task Duration_stops_the_cockpit_with_exit_0()
    {
        (int exitCode, string stdout, string stderr) = await CockpitProcess.RunToEndAsync("cockpit", "--grpc", "127.0.0.1:0", "--http", "127.0.0.1:0", "--duration", "2");

        Assert.Equal(0, exitCode);
        Assert.Contains("edgesdk cockpit: running for 2 s (Ctrl+C stops)", stdout, StringComparison.Ordinal);
        Assert.Contains("edgesdk cockpit: databroker: ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
