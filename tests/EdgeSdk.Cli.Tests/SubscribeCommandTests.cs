using System.Diagnostics;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;

namespace EdgeSdk.Cli.Tests;

public sealed class SubscribeCommandTests : IDisposable
{
    private readonly string _queue = Directory.CreateTempSubdirectory("edgesdk-subscribe-").FullName;

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task Each_fix_is_one_JSON_line_with_device_and_sequence()
    {
        await using var broker = new EmbeddedBroker();
        await broker.StartAsync();
        using Process subscribe = BrokerCommandTests.Start($"subscribe --mqtt mqtt://127.0.0.1:{broker.Port} --fleet f --count 12");
        Task<string> stdout = subscribe.StandardOutput.ReadToEndAsync();
        Task<string> stderr = subscribe.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (broker.SubscriptionsMade == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the subscriber did not subscribe");
            await Task.Delay(25);
        }

        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-s", Fleet = "f", QueueDirectory = _queue, BatchMaxDelay = TimeSpan.Zero,
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri },
        });
        await publisher.StartAsync();
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 12; i++)
        {
            publisher.TryEnqueue(new GnssFix { TimeUtc = start.AddSeconds(i), Mode = FixMode.ThreeD, LatitudeDegrees = 31.2 + (i * 1e-4), LongitudeDegrees = 121.5, SpeedMetersPerSecond = 12.5 });
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await subscribe.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, subscribe.ExitCode);
        string[] lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        for (int i = 0; i < 12; i++)
        {
            using JsonDocument json = JsonDocument.Parse(lines[i]);
            Assert.Equal("truck-s", json.RootElement.GetProperty("device").GetString());
            Assert.Equal(i + 1, json.RootElement.GetProperty("seq").GetInt64());
            Assert.Equal(31.2 + (i * 1e-4), json.RootElement.GetProperty("lat").GetDouble(), 7);
            Assert.Equal(12.5, json.RootElement.GetProperty("speed").GetDouble());
            Assert.Equal($"2026-05-01T08:00:{i:00}.000Z", json.RootElement.GetProperty("time").GetString());
        }

        Assert.Contains("12 fixes from 1 devices, 0 duplicates dropped", await stderr);
    }

    [Fact]
    public async Task With_events_a_device_status_line_comes_beside_the_fixes()
    {
        await using var broker = new EmbeddedBroker();
        await broker.StartAsync();
        using Process subscribe = BrokerCommandTests.Start($"subscribe --mqtt mqtt://127.0.0.1:{broker.Port} --fleet f --events --count 2");
        Task<string> stderr = subscribe.StandardError.ReadToEndAsync();
        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-e", Fleet = "f", QueueDirectory = _queue, BatchMaxDelay = TimeSpan.Zero,
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri },
        });
        await publisher.StartAsync(); // its online status is retained: the subscriber gets it whenever it subscribes
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        string? first = await subscribe.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.NotNull(first);
        using (JsonDocument status = JsonDocument.Parse(first))
        {
            Assert.Equal("STATUS", status.RootElement.GetProperty("class").GetString());
            Assert.Equal("truck-e", status.RootElement.GetProperty("device").GetString());
            Assert.True(status.RootElement.GetProperty("online").GetBoolean());
        }

        // Only now the fixes: the status line above came first by construction, not by luck.
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 2; i++)
        {
            publisher.TryEnqueue(new GnssFix { TimeUtc = start.AddSeconds(i), Mode = FixMode.ThreeD, LatitudeDegrees = 31.2, LongitudeDegrees = 121.5 });
        }

        string rest = await subscribe.StandardOutput.ReadToEndAsync(timeout.Token);
        await subscribe.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, subscribe.ExitCode);
        string[] fixes = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("{\"class\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["1", "2"], fixes.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("2 fixes from 1 devices", await stderr);
    }

    [Fact]
    public async Task An_unreachable_broker_is_one_line_and_a_non_zero_exit()
    {
        int port = BrokerCommandTests.FreePort();
        var result = await EdgeSdkProcess.RunAsync($"subscribe --mqtt mqtt://127.0.0.1:{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"edgesdk: cannot connect to the MQTT broker at mqtt://127.0.0.1:{port}: connection refused (is the broker running? `edgesdk broker` starts one)", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task A_bad_broker_address_says_what_is_expected()
    {
        var result = await EdgeSdkProcess.RunAsync("subscribe --mqtt http://example.com");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("edgesdk: 'http://example.com' is not a broker address: use mqtt://HOST:PORT (or mqtts://HOST:PORT for TLS)", result.StdErr.Trim());
    }
}
