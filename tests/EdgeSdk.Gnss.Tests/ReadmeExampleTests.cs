using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

/// <summary>The README's quick start, on a capture file instead of a serial port.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Quick_start_prints_positions_and_beidou_counts()
    {
        var output = new List<string>();
        await using var receiver = GnssReceiver.Open(Captures.PathOf("quectel-l76k-nmea.log"));
        await foreach (GnssFix fix in receiver.ReadFixesAsync(CancellationToken.None))
        {
            if (fix.HasPosition)
            {
                output.Add($"{fix.TimeUtc:O} {fix.LatitudeDegrees:F7} {fix.LongitudeDegrees:F7} " +
                           $"{fix.Mode} {fix.SatellitesUsed} used, {fix.SatellitesUsedBy(GnssSystem.Beidou)} BeiDou");
            }
        }

        Assert.Equal("2026-08-05T05:52:34.2000000Z 47.6619817 -122.3263937 ThreeD 14 used, 3 BeiDou", output[1]);
        Assert.Equal(0, receiver.Counters.RejectedSentences);
        Assert.Equal(receiver.Counters.Fixes, output.Count);
    }
}
