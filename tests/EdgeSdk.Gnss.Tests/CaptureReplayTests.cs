namespace EdgeSdk.Gnss.Tests;

/// <summary>Every gpsd capture, replayed from a file: times, positions and skies equal gpsd's.</summary>
public class CaptureReplayTests
{
    public static TheoryData<string> AllCaptures => new(GpsdCaptures.All());

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public async Task Fixes_match_gpsd_epoch_by_epoch(string capture)
    {
        List<GnssFix> fixes = await ReplayAsync(capture);
        List<string> differences = CaptureComparison.Differences(capture, fixes);
        if (Environment.GetEnvironmentVariable("CAPTURE_DUMP") is string dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllLines(Path.Combine(dump, capture + ".diff"), differences);
        }
        Assert.True(differences.Count == 0, $"{differences.Count} differences:\n" + string.Join("\n", differences.Take(15)));
        Assert.NotEmpty(fixes);
    }

    internal static async Task<List<GnssFix>> ReplayAsync(string capture)
    {
        await using var receiver = new GnssReceiver(new StreamGnssSource(capture, new MemoryStream(Captures.Stream(capture))));
        return await receiver.ReadFixesAsync().ToListAsync();
    }
}
