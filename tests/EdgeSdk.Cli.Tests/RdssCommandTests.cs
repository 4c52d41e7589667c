using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using EdgeSdk.Rdss;
using EdgeSdk.Simulation.Rdss;

namespace EdgeSdk.Cli.Tests;

public class RdssCommandTests
{
    [Fact]
    public async Task Info_send_and_listen_work_against_the_simulated_terminal_pair()
    {
        string dir = Directory.CreateTempSubdirectory("edgesdk-rdss-").FullName;
        string truck = Path.Combine(dir, "truck"), centre = Path.Combine(dir, "centre");
        try
        {
            Task<EdgeSdkProcess.Result> sim = EdgeSdkProcess.RunAsync($"rdss sim --interval 2 --delay 0.2 --truck-link {truck} --centre-link {centre} --duration 60", timeout: TimeSpan.FromSeconds(120));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(truck) || !File.Exists(centre))
            {
                Assert.True(DateTime.UtcNow < deadline && !sim.IsCompleted, "the simulated terminals did not come up");
                await Task.Delay(50);
            }

            var info = await EdgeSdkProcess.RunAsync($"rdss info {truck}");
            Assert.Equal(0, info.ExitCode);
            Assert.Equal("card 179773: service interval 2 s, level 3, longest message 560 bits, 0 subordinate users, not encrypted", info.StdOut.Trim());

            Task<EdgeSdkProcess.Result> listen = EdgeSdkProcess.RunAsync($"rdss listen {centre} --count 1", timeout: TimeSpan.FromSeconds(90));
            EdgeSdkProcess.Result send;
            // The listener may not have its port open yet: a message delivered before that is gone, as on a real line. Send until it hears one.
            do
            {
                send = await EdgeSdkProcess.RunAsync($"rdss send {truck} --to 4207733 --text 到达拉萨");
                Assert.Equal(0, send.ExitCode);
                Assert.StartsWith("sent: sent to 4207733 (64 bits)", send.StdOut);
            }
            while (!await Task.WhenAny(listen, Task.Delay(3000)).ContinueWith(t => t.Result == listen));

            EdgeSdkProcess.Result heard = await listen;
            Assert.Equal(0, heard.ExitCode);
            using var doc = JsonDocument.Parse(heard.StdOut.Trim());
            Assert.Equal(179773, doc.RootElement.GetProperty("from").GetInt32());
            Assert.Equal("mixed", doc.RootElement.GetProperty("encoding").GetString());
            Assert.Equal("到达拉萨", doc.RootElement.GetProperty("text").GetString());
            Assert.Equal("B5BDB4EFC0ADC8F8", doc.RootElement.GetProperty("hex").GetString());

            var tooLong = await EdgeSdkProcess.RunAsync($"rdss send {truck} --to 4207733 --hex {new string('0', 142)}");
            Assert.Equal(1, tooLong.ExitCode);
            Assert.Equal("edgesdk: rdss send too_long: 568 bits is longer than the 560 bits card 179773 (level 3) may send; split the message", tooLong.StdErr.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Listen_ends_with_one_line_and_exit_code_2_when_its_terminal_goes_away()
    {
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.Zero });
        await using SimulatedRdssTerminal truckSim = network.OpenTerminal(new SimulatedRdssCard { UserId = 179773, ServiceInterval = TimeSpan.Zero });
        SimulatedRdssTerminal centreSim = network.OpenTerminal(new SimulatedRdssCard { UserId = 4207733, ServiceInterval = TimeSpan.Zero });
        await using RdssTerminal truck = RdssTerminal.OpenSerial(truckSim.DevicePath!);
        string centrePath = centreSim.DevicePath!;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"), "rdss", "listen", centrePath })
        {
            start.ArgumentList.Add(argument);
        }

        using Process listen = Process.Start(start)!;
        var stdout = new ConcurrentQueue<string>();
        var stderr = new ConcurrentQueue<string>();
        listen.OutputDataReceived += (_, e) => { if (e.Data != null) { stdout.Enqueue(e.Data); } };
        listen.ErrorDataReceived += (_, e) => { if (e.Data != null) { stderr.Enqueue(e.Data); } };
        listen.BeginOutputReadLine();
        listen.BeginErrorReadLine();
        try
        {
            // Until it prints a message it may not have the port open yet; once it has, the terminal goes away under it.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (stdout.IsEmpty)
            {
                Assert.True(DateTime.UtcNow < deadline && !listen.HasExited, $"listen printed nothing: {string.Join(" | ", stderr)}");
                Assert.True((await truck.SendAsync(4207733, RdssText.ToBytes("hello"), EdgeSdk.Nmea.RdssPayloadEncoding.Mixed)).IsSent);
                await Task.WhenAny(listen.WaitForExitAsync(), Task.Delay(500));
            }

            await centreSim.DisposeAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await listen.WaitForExitAsync(timeout.Token);
            Assert.Equal(2, listen.ExitCode);
            string line = Assert.Single(stderr);
            Assert.StartsWith($"edgesdk: the RDSS terminal at {centrePath} went away (", line);
            Assert.EndsWith("); check that it is still plugged in and powered", line);
        }
        finally
        {
            if (!listen.HasExited)
            {
                listen.Kill();
            }

            await centreSim.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("rdss info /dev/ttyRDSS-missing", "edgesdk: cannot open the RDSS terminal at /dev/ttyRDSS-missing: it does not exist; check the port name (ls /dev/ttyUSB* /dev/ttyACM*) and that the terminal is plugged in")]
    [InlineData("rdss info /dev/ttyRDSS-missing --protocol 5", "edgesdk: unknown --protocol '5': use 2.1 or bds3")]
    [InlineData("rdss send /dev/ttyX --to 1", "edgesdk: give the message with exactly one of --text or --hex")]
    [InlineData("rdss sim --loss 2", "edgesdk: --loss 2 is not a probability: give 0 to 1")]
    public async Task User_errors_are_one_line_with_exit_code_2(string arguments, string expected)
    {
        var result = await EdgeSdkProcess.RunAsync(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.StdErr.Trim());
    }
}
