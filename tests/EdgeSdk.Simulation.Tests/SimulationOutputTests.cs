using System.Net.Sockets;
using EdgeSdk.Simulation.Output;

namespace EdgeSdk.Simulation.Tests;

public class SimulationOutputTests
{
    [Fact]
    public async Task Tcp_output_waits_for_a_client_and_sends_exactly_the_simulated_bytes()
    {
        var options = new SimulationOptions { Scenario = "campus-loop", DurationSeconds = 20 };
        byte[] expected = (await SimRun.RunAsync(options)).Bytes;

        await using SimulationOutput output = SimulationOutput.Open("tcp://127.0.0.1:0");
        Assert.Equal($"tcp://127.0.0.1:{output.TcpPort}", output.Description);
        Task<SimulationSummary> run = GnssSimulator.RunAsync(options, output.Stream);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", output.TcpPort!.Value);
        SimulationSummary summary = await run;
        var received = new byte[expected.Length];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.GetStream().ReadExactlyAsync(received, timeout.Token);

        Assert.Equal(expected, received);
        Assert.Equal(expected.Length, summary.BytesWritten);
    }

    [Fact]
    public async Task Pty_target_names_its_device_and_links_it()
    {
        string link = Path.Combine(Path.GetTempPath(), $"edgesdk-out-{Guid.NewGuid():N}");
        await using (SimulationOutput output = SimulationOutput.Open($"pty:{link}"))
        {
            Assert.Equal($"pty {output.PseudoTerminal!.SlavePath} (link {link})", output.Description);
            Assert.Equal(output.PseudoTerminal.SlavePath, new FileInfo(link).LinkTarget);
        }

        Assert.Null(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Unwritable_file_is_an_io_error_naming_it()
    {
        var error = Assert.Throws<IOException>(() => SimulationOutput.Open("/nonexistent-dir/out.nmea"));
        Assert.Contains("/nonexistent-dir/out.nmea", error.Message);
    }
}
