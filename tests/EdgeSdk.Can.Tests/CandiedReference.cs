using System.Diagnostics;
using System.Text.Json;

namespace EdgeSdk.Can.Tests;

/// <summary>
/// Runs the npm package candied (TestData/candied/decode.cjs) as the independent decoder. Installs it with
/// <c>npm ci</c> from the pinned package-lock.json the first time; a missing node/npm fails the test with the reason.
/// </summary>
internal static class CandiedReference
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "candied");

    /// <summary>Decodes frames (message name + bytes) and returns candied's result per frame: signal → (raw, physical).</summary>
    public static async Task<List<Dictionary<string, (double Raw, double Physical, double? RawAsWritten)>>> DecodeAsync(string dbcPath, IReadOnlyList<(string Message, byte[] Data)> frames)
    {
        await EnsureInstalledAsync();
        string framesPath = Path.Combine(Path.GetTempPath(), $"edgesdk-can-frames-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(framesPath, JsonSerializer.Serialize(frames.Select(f => new { message = f.Message, data = f.Data.Select(b => (int)b).ToArray() })));
            (int exit, string stdout, string stderr) = await RunAsync("node", Folder, "decode.cjs", dbcPath, framesPath);
            Assert.True(exit == 0, $"node decode.cjs failed ({exit}): {stderr}");
            using JsonDocument doc = JsonDocument.Parse(stdout);
            var result = new List<Dictionary<string, (double, double, double?)>>();
            foreach (JsonElement frame in doc.RootElement.EnumerateArray())
            {
                Assert.False(frame.TryGetProperty("missing", out _), $"candied has no message {frame.GetProperty("message").GetString()}");
                var signals = new Dictionary<string, (double, double, double?)>();
                foreach (JsonProperty s in frame.GetProperty("signals").EnumerateObject())
                {
                    JsonElement asWritten = s.Value.GetProperty("rawAsCandiedReadsDbc");
                    signals[s.Name] = (s.Value.GetProperty("raw").GetDouble(), s.Value.GetProperty("physical").GetDouble(),
                        asWritten.ValueKind == JsonValueKind.Number ? asWritten.GetDouble() : null);
                }

                result.Add(signals);
            }

            return result;
        }
        finally
        {
            File.Delete(framesPath);
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed || Directory.Exists(Path.Combine(Folder, "node_modules", "candied")))
            {
                _installed = true;
                return;
            }

            (int exit, _, string stderr) = await RunAsync("npm", Folder, "ci", "--no-audit", "--no-fund");
            Assert.True(exit == 0, $"npm ci in {Folder} failed ({exit}); the comparison needs node 20 + npm and the npm registry: {stderr}");
            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int, string, string)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot start '{file}' ({e.Message}): install node 20 and npm to run the candied comparison");
            throw;
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(cts.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
