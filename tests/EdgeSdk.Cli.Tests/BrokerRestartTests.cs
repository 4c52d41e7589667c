using System.Diagnostics;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli.Tests;

/// <summary>Issue 19, item 7 through the CLI: <c>edgesdk broker --state DIR</c> keeps a persistent subscriber's session across Ctrl+C and a new start.</summary>
public sealed class BrokerRestartTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("edgesdk-broker-state-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task A_persistent_session_survives_a_restart_of_the_broker_process()
    {
        int port = BrokerCommandTests.FreePort();
        var connection = new MqttConnectionOptions { BrokerUri = new Uri($"mqtt://127.0.0.1:{port}"), ClientId = "platform-cli" };
        using (Process first = BrokerCommandTests.Start($"broker --port {port} --state {_state}"))
        {
            Assert.Equal($"edgesdk broker: listening on mqtt://127.0.0.1:{port} (loopback only); Ctrl+C stops it", await first.StandardOutput.ReadLineAsync());
            await using (var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = connection, Fleet = "f" }))
            {
                await consumer.StartAsync();
            }

            Process.Start("kill", $"-INT {first.Id}")!.WaitForExit(); // Ctrl+C: the broker saves its sessions
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await first.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                first.Kill(entireProcessTree: true); // no broker left behind by a failed test
                throw;
            }
            Assert.Equal(130, first.ExitCode); // interrupted (ExitCodes.Interrupted), after saving the sessions
        }

        using Process second = BrokerCommandTests.Start($"broker --port {port} --state {_state}");
        try
        {
            Assert.Equal($"edgesdk broker: listening on mqtt://127.0.0.1:{port} (loopback only); Ctrl+C stops it", await second.StandardOutput.ReadLineAsync());
            Assert.Equal($"edgesdk broker: 1 persistent sessions restored from {_state}", await second.StandardOutput.ReadLineAsync());
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }
}
