namespace EdgeSdk.Cli.Tests;

/// <summary>Issue 19, item 1 through the CLI: one checksum-valid sentence with an impossible date does not stop <c>edgesdk fixes</c>.</summary>
public class HostileInputTests
{
    // gpsd's tcp-torture.log epoch (BSD-2-Clause, the GPSD project), then the RMC of 31 February
    // 1999 and ZDA of year 9999 just before midnight, then a GGA after midnight and a good epoch.
    private const string Hostile =
        FixesCommandTests.Epoch
        + "$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,310299,01,W,A*2B\r\n"
        + "$GPZDA,235959.00,31,12,9999,00,00*66\r\n"
        + "$GPGGA,000001.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*76\r\n"
        + "$GPGGA,193223.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7F\r\n"
        + "$GPRMC,193223.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2F\r\n";

    [Fact]
    public async Task Fixes_rejects_impossible_dates_counts_them_and_keeps_going()
    {
        var result = await EdgeSdkProcess.RunAsync("fixes", stdin: Hostile);

        Assert.Equal(0, result.ExitCode);
        string[] times = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("{\"class\":\"TPV\"", StringComparison.Ordinal))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.TryGetProperty("time", out var t) ? t.GetString()! : "-")
            .ToArray();
        // The bad RMC and the ZDA are dropped; the GGA after midnight gets the next day of the last real date.
        Assert.Equal(["2007-12-23T19:32:21.000Z", "2007-12-24T00:00:01.000Z", "2007-12-23T19:32:23.000Z"], times);
        Assert.Contains("2 malformed", result.StdErr);
        Assert.DoesNotContain("un-representable", result.StdErr);
        Assert.DoesNotContain("fusion faults", result.StdErr);
    }
}
