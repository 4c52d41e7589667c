using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Positioning.Tests;

/// <summary>
/// Random points through ChinaDatum and through two independent JavaScript implementations (npm
/// gcoord 1.0.7 and coordtransform 2.1.2, pinned by TestData/npm/package-lock.json and installed
/// with <c>npm ci</c> at test time). The forward transforms agree to 1e-9°. The libraries' inverses
/// are approximations (coordtransform one step, gcoord iterates to 1e-6°), so for the inverses the
/// check is that their own forward transform maps our inverse back onto the input to 1e-9°.
/// </summary>
public class NpmDatumCrossCheckTests
{
    private const double Agreement = 1e-9;

    [Fact]
    public async Task Two_thousand_random_points_agree_with_gcoord_and_coordtransform()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "TestData", "npm");
        if (!File.Exists(Path.Combine(dir, "node_modules", "gcoord", "package.json")))
        {
            (int code, string output) = await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", dir, null);
            Assert.True(code == 0, $"npm ci in {dir} failed (needs node 16+ with npm and the npm registry): {output}");
        }

        // Inside both libraries' "in China" boxes (coordtransform's is the smaller: 73.66–135.05 E, 3.86–53.55 N).
        var random = new Random(808);
        var points = new double[2000][];
        for (int k = 0; k < points.Length; k++)
        {
            points[k] = [18 + (random.NextDouble() * 35), 74 + (random.NextDouble() * 60)];
        }

        double[][] wgs = points.Select(p => Pair(ChinaDatum.GcjToWgs(new GeoPoint(p[0], p[1])))).ToArray();
        double[][] gcj = points.Select(p => Pair(ChinaDatum.BdToGcj(new GeoPoint(p[0], p[1])))).ToArray();
        (int exit, string json) = await RunAsync("node", "crosscheck.js", dir, JsonSerializer.Serialize(new { points, wgs, gcj }));
        Assert.True(exit == 0, json);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(points.Length, doc.RootElement.GetArrayLength());
        int i = 0, compared = 0;
        foreach (JsonElement result in doc.RootElement.EnumerateArray())
        {
            var p = new GeoPoint(points[i][0], points[i][1]);
            i++;
            foreach ((string library, double gcjToWgsAccuracy) in new[] { ("gcoord", 2e-6), ("coordtransform", 1e-4) })
            {
                JsonElement lib = result.GetProperty(library);
                Near(ChinaDatum.WgsToGcj(p), lib.GetProperty("wgsToGcj"), Agreement, $"{library} wgs→gcj {p}");
                Near(ChinaDatum.GcjToBd(p), lib.GetProperty("gcjToBd"), Agreement, $"{library} gcj→bd {p}");

                // Our exact inverses, sent forward by the library, land on the input.
                Near(p, lib.GetProperty("forwardOfOurWgs"), Agreement, $"{library} wgs→gcj of our gcj→wgs {p}");
                Near(p, lib.GetProperty("forwardOfOurGcj"), Agreement, $"{library} gcj→bd of our bd→gcj {p}");

                // The library's own inverses are approximations: gcoord iterates to 1e-6°, coordtransform
                // takes one step (metres off); both BD→GCJ take one step (up to about 0.1 m off).
                Near(ChinaDatum.GcjToWgs(p), lib.GetProperty("gcjToWgs"), gcjToWgsAccuracy, $"{library} gcj→wgs {p}");
                Near(ChinaDatum.BdToGcj(p), lib.GetProperty("bdToGcj"), 5e-6, $"{library} bd→gcj {p}");
                compared++;
            }
        }

        Assert.Equal(2 * points.Length, compared);
    }

    private static double[] Pair(GeoPoint p) => [p.LatitudeDegrees, p.LongitudeDegrees];

    private static GeoPoint Point(JsonElement pair) => new(pair[0].GetDouble(), pair[1].GetDouble());

    private static void Near(GeoPoint ours, JsonElement theirs, double tolerance, string what)
    {
        GeoPoint t = Point(theirs);
        Assert.True(Math.Abs(ours.LatitudeDegrees - t.LatitudeDegrees) <= tolerance && Math.Abs(ours.LongitudeDegrees - t.LongitudeDegrees) <= tolerance,
            $"{what}: ours {ours}, theirs {t}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory, string? stdin)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin != null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
