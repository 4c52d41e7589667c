using System.Diagnostics;
using System.Security.Cryptography;

namespace EdgeSdk.Cli.Tests;

/// <summary>
/// <c>edgesdk nmea</c> and <c>edgesdk fixes</c> print the same bytes as before their output was rewritten for speed
/// (one reused buffer written in blocks instead of a write per line): tests/aot/expected-output.sha256 holds the
/// exit code, byte count and SHA-256 of each command's stdout for every gpsd capture, recorded with the build
/// before the rewrite (commit c09cb6c). tests/aot/expected-commands.sha256 does the same for simulator runs (scenario
/// files and CAN mappings). The NativeAOT gate (tests/aot/publish.sh) checks its binaries against the same files.
/// </summary>
public class JsonOutputIdentityTests
{
    private static readonly Dictionary<string, Expected> Golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "expected-output.sha256"))
        .Select(line => line.Split(' '))
        .ToDictionary(f => f[0] + " " + f[1], f => new Expected(int.Parse(f[2]), long.Parse(f[3]), f[4]));

    /// <summary>Simulator runs: "EXIT BYTES SHA256 ARGS..." per line (scenario files and CAN mappings, read with source-generated JSON).</summary>
    private static readonly string[] CommandLines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "expected-commands.sha256"));

    public static TheoryData<string> Captures() => new(GpsdCaptures.All());

    public static TheoryData<string> Commands() => new(CommandLines);

    [Fact]
    public void Every_capture_has_its_recorded_output()
    {
        string[] captures = GpsdCaptures.All();
        Assert.Equal(71, captures.Length);
        Assert.Equal(captures.Length * 2, Golden.Count);
        Assert.All(captures, c => Assert.True(Golden.ContainsKey(c + " nmea") && Golden.ContainsKey(c + " fixes"), c));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Nmea_and_fixes_print_the_recorded_bytes(string capture)
    {
        foreach (string command in new[] { "nmea", "fixes" })
        {
            Expected expected = Golden[capture + " " + command];
            (int exitCode, byte[] stdout) = await RunAsync(command, capture);
            Assert.Equal(expected, new Expected(exitCode, stdout.Length, Convert.ToHexStringLower(SHA256.HashData(stdout))));
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Simulators_print_the_recorded_bytes(string line)
    {
        string[] fields = line.Split(' ');
        (int exitCode, byte[] stdout) = await RunAsync(AppContext.BaseDirectory, fields[3..]);
        Assert.Equal(new Expected(int.Parse(fields[0]), long.Parse(fields[1]), fields[2]), new Expected(exitCode, stdout.Length, Convert.ToHexStringLower(SHA256.HashData(stdout))));
        Assert.True(stdout.Length > 1000, $"{line}: {stdout.Length} bytes");
    }

    // The recorded runs named the capture relative to its folder.
    private static Task<(int ExitCode, byte[] StdOut)> RunAsync(string command, string capture) =>
        RunAsync(Path.GetDirectoryName(GpsdCaptures.PathOf(capture))!, [command, capture]);

    private static async Task<(int ExitCode, byte[] StdOut)> RunAsync(string folder, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        await copy;
        await stderr;
        return (process.ExitCode, stdout.ToArray());
    }

    private sealed record Expected(int ExitCode, long Length, string Sha256);
}
