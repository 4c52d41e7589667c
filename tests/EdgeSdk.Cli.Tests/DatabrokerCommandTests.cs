using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace EdgeSdk.Cli.Tests;

public sealed class DatabrokerCommandTests(DatabrokerProcess broker) : IClassFixture<DatabrokerProcess>
{
    [Fact]
    public async Task A_python_client_generated_from_kuksa_protos_lists_gets_subscribes_and_actuates()
    {
        string output = Directory.CreateTempSubdirectory("edgesdk-kuksa-py").FullName;
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Python", "kuksa_client_check.py"), Path.Combine(AppContext.BaseDirectory, "TestData", "kuksa", "proto"), output, broker.Address })
            {
                start.ArgumentList.Add(arg);
            }

            using Process python = Process.Start(start)!;
            Task<string> stdout = python.StandardOutput.ReadToEndAsync();
            Task<string> stderr = python.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await python.WaitForExitAsync(timeout.Token);
            string[] lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(python.ExitCode == 0, $"python client failed:\n{await stdout}\n{await stderr}");
            Assert.Equal(
            [
                "server: EdgeSdk databroker",
                "metadata: 11 signals under Vehicle.CurrentLocation; Latitude DATA_TYPE_DOUBLE ENTRY_TYPE_SENSOR [-90, 90] degrees",
                "wildcard: 518 signals match Vehicle.Cabin.**",
                "get: latitude in Chongqing",
                "subscribe: first response has Vehicle.CurrentLocation.Longitude, Vehicle.Speed, then 5 updates",
                "subscribe-values: longitudes in Chongqing",
                "actuate-without-provider: UNAVAILABLE",
                "provide: provide_actuation_response",
                "actuate: OK",
                $"target: id {TemperatureId()} float 21.5",
                "applied: current 21.5",
                "actuate-sensor: INVALID_ARGUMENT",
                "wrong-type: INVALID_ARGUMENT",
                "out-of-range: INVALID_ARGUMENT",
                "unknown: NOT_FOUND",
            ], lines);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Vss_get_and_subscribe_print_json_lines_from_the_simulated_drive()
    {
        EdgeSdkProcess.Result subscribed = await EdgeSdkProcess.RunAsync($"vss subscribe Vehicle.CurrentLocation.Latitude Vehicle.Speed -n 6 --server {broker.Address}");
        Assert.True(subscribed.ExitCode == 0, subscribed.StdErr);
        string[] lines = subscribed.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        foreach (string line in lines)
        {
            using JsonDocument json = JsonDocument.Parse(line);
            string path = json.RootElement.GetProperty("path").GetString()!;
            Assert.Contains(path, new[] { "Vehicle.CurrentLocation.Latitude", "Vehicle.Speed" });
        }

        // By now the drive has produced a fix (the subscription saw updates).
        EdgeSdkProcess.Result got = await EdgeSdkProcess.RunAsync($"vss get Vehicle.CurrentLocation.Longitude --server {broker.Address}");
        Assert.Equal(0, got.ExitCode);
        using JsonDocument longitude = JsonDocument.Parse(got.StdOut);
        Assert.Equal("Vehicle.CurrentLocation.Longitude", longitude.RootElement.GetProperty("path").GetString());
        Assert.InRange(longitude.RootElement.GetProperty("value").GetDouble(), 106.0, 107.0);
        Assert.EndsWith("Z", longitude.RootElement.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vss_set_publishes_a_sensor_and_refusals_are_one_line()
    {
        EdgeSdkProcess.Result set = await EdgeSdkProcess.RunAsync($"vss set Vehicle.Body.Lights.Beam.High.IsOn true --current --server {broker.Address}");
        Assert.True(set.ExitCode == 0, set.StdErr);
        EdgeSdkProcess.Result got = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Body.Lights.Beam.High.IsOn --server {broker.Address}");
        Assert.StartsWith("{\"path\":\"Vehicle.Body.Lights.Beam.High.IsOn\",\"value\":true,\"timestamp\":\"", got.StdOut, StringComparison.Ordinal);

        EdgeSdkProcess.Result noProvider = await EdgeSdkProcess.RunAsync($"vss set Vehicle.Cabin.HVAC.Station.Row2.Driver.Temperature 20 --server {broker.Address}");
        Assert.Equal(2, noProvider.ExitCode);
        Assert.Equal($"edgesdk vss: {broker.Address} refused: Unavailable: Vehicle.Cabin.HVAC.Station.Row2.Driver.Temperature: no provider currently provides this actuator", noProvider.StdErr.Trim());

        EdgeSdkProcess.Result outOfRange = await EdgeSdkProcess.RunAsync($"vss set Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed 120 --current --server {broker.Address}");
        Assert.Equal(2, outOfRange.ExitCode);
        Assert.Equal($"edgesdk vss: {broker.Address} refused: InvalidArgument: Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed: 120 is out of range [0, 100]", outOfRange.StdErr.Trim());

        EdgeSdkProcess.Result notANumber = await EdgeSdkProcess.RunAsync($"vss set Vehicle.Speed fast --server {broker.Address}");
        Assert.Equal(2, notANumber.ExitCode);
        Assert.Equal("edgesdk: Vehicle.Speed is float: 'fast' is not a float", notANumber.StdErr.Trim());

        EdgeSdkProcess.Result unknown = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Nope --server {broker.Address}");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal($"edgesdk vss: {broker.Address} refused: NotFound: no signal matches 'Vehicle.Nope'", unknown.StdErr.Trim());
    }

    [Fact]
    public async Task No_server_and_bad_addresses_are_one_line_and_exit_2()
    {
        int port = FreePort();
        EdgeSdkProcess.Result unreachable = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Speed --server 127.0.0.1:{port}");
        Assert.Equal(2, unreachable.ExitCode);
        Assert.StartsWith($"edgesdk vss: cannot reach a databroker at 127.0.0.1:{port}: ", unreachable.StdErr.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("(start one with: edgesdk databroker --simulate)", unreachable.StdErr.Trim(), StringComparison.Ordinal);

        EdgeSdkProcess.Result badAddress = await EdgeSdkProcess.RunAsync("databroker --grpc localhost");
        Assert.Equal(2, badAddress.ExitCode);
        Assert.Equal("edgesdk: --grpc 'localhost' is not an address:port such as 127.0.0.1:55555", badAddress.StdErr.Trim());

        EdgeSdkProcess.Result missingTree = await EdgeSdkProcess.RunAsync("databroker --grpc 127.0.0.1:0 --vss /nonexistent/vss.json");
        Assert.Equal(2, missingTree.ExitCode);
        Assert.Equal("edgesdk: VSS file /nonexistent/vss.json does not exist; give a VSS JSON export (vss-tools exporter json)", missingTree.StdErr.Trim());

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int busy = ((IPEndPoint)taken.LocalEndpoint).Port;
        EdgeSdkProcess.Result inUse = await EdgeSdkProcess.RunAsync($"databroker --grpc 127.0.0.1:{busy}");
        Assert.Equal(2, inUse.ExitCode);
        Assert.StartsWith($"edgesdk: cannot serve gRPC on 127.0.0.1:{busy}: ", inUse.StdErr.Trim(), StringComparison.Ordinal);
        Assert.Single(inUse.StdErr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_receiver_capture_given_with_gnss_feeds_the_location_signals()
    {
        string capture = GpsdCaptures.PathOf("ublox-neo-m9n-nmea.log");
        EdgeSdk.Gnss.GnssFix? last = null;
        await using (EdgeSdk.Gnss.GnssReceiver receiver = EdgeSdk.Gnss.GnssReceiver.Open(capture))
        {
            await foreach (EdgeSdk.Gnss.GnssFix fix in receiver.ReadFixesAsync())
            {
                last = fix.HasPosition ? fix : last;
            }
        }

        await using var fed = new DatabrokerProcess();
        await fed.StartAsync("--gnss", capture);
        await fed.WaitForStdErrAsync("the GNSS source ended after", TimeSpan.FromSeconds(120));
        EdgeSdkProcess.Result latitude = await EdgeSdkProcess.RunAsync($"vss get Vehicle.CurrentLocation.Latitude --server {fed.Address}");
        Assert.True(latitude.ExitCode == 0, latitude.StdErr);
        using JsonDocument json = JsonDocument.Parse(latitude.StdOut);
        Assert.Equal(last!.LatitudeDegrees!.Value, json.RootElement.GetProperty("value").GetDouble());
        Assert.Equal(last.TimeUtc!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), json.RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task An_overlay_that_is_not_json_is_one_line_naming_it()
    {
        string overlay = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(overlay, "{ not json");
            EdgeSdkProcess.Result result = await EdgeSdkProcess.RunAsync($"databroker --grpc 127.0.0.1:0 --overlay {overlay}");
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"edgesdk: {overlay}: not valid JSON: ", result.StdErr.Trim(), StringComparison.Ordinal);
            Assert.Single(result.StdErr.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(overlay);
        }
    }

    [Fact]
    public async Task With_a_jwt_public_key_the_broker_needs_a_token_whose_scope_allows_the_call()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        string pem = Path.GetTempFileName(), tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pem, key.ExportSubjectPublicKeyInfoPem());
            await File.WriteAllTextAsync(tokenFile, Jwt(key, "read:Vehicle.Speed provide:Vehicle.Speed") + "\n");
            await using var secured = new DatabrokerProcess();
            await secured.StartAsync("--jwt-public-key", pem);
            Assert.Contains("bearer tokens required", secured.StdErr, StringComparison.Ordinal);

            EdgeSdkProcess.Result anonymous = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Speed --server {secured.Address}");
            Assert.Equal(2, anonymous.ExitCode);
            Assert.Equal($"edgesdk vss: {secured.Address} refused: Unauthenticated: no bearer token (send the header 'authorization: Bearer TOKEN')", anonymous.StdErr.Trim());

            EdgeSdkProcess.Result set = await EdgeSdkProcess.RunAsync($"vss set Vehicle.Speed 33.5 --server {secured.Address} --token {tokenFile}");
            Assert.True(set.ExitCode == 0, set.StdErr);
            EdgeSdkProcess.Result got = await EdgeSdkProcess.RunAsync($"vss get Vehicle.Speed --server {secured.Address} --token {tokenFile}");
            Assert.StartsWith("{\"path\":\"Vehicle.Speed\",\"value\":33.5,", got.StdOut, StringComparison.Ordinal);

            EdgeSdkProcess.Result denied = await EdgeSdkProcess.RunAsync($"vss get Vehicle.CurrentLocation.Latitude --server {secured.Address} --token {tokenFile}");
            Assert.Equal(2, denied.ExitCode);
            Assert.Equal($"edgesdk vss: {secured.Address} refused: PermissionDenied: the token does not allow read on Vehicle.CurrentLocation.Latitude (scope: read:Vehicle.Speed provide:Vehicle.Speed)", denied.StdErr.Trim());
        }
        finally
        {
            File.Delete(pem);
            File.Delete(tokenFile);
        }
    }

    // A KUKSA-style token: RS256 JWT with a scope claim.
    private static string Jwt(System.Security.Cryptography.RSA key, string scope)
    {
        static string Part(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string header = Part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"u8.ToArray());
        string payload = Part(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["scope"] = scope, ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() }));
        byte[] signature = key.SignData(System.Text.Encoding.ASCII.GetBytes(header + "." + payload), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Part(signature)}";
    }

    private static int TemperatureId() => EdgeSdk.Vehicle.VssTree.LoadDefault().TryGetSignal("Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature", out EdgeSdk.Vehicle.VssSignal? s) ? s.Id : -1;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
