using System.Text;

namespace EdgeSdk.Gnss.Tests;

public class RealtimeReplayTests
{
    [Fact]
    public async Task Realtime_replay_gives_the_same_fixes_as_a_fast_one()
    {
        // Three 5 Hz epochs (0.4 s of receiver time).
        string text = string.Join("\r\n", Captures.ValidSentences("quectel-l76k-nmea.log").Skip(9).Take(3 * 16)) + "\r\n";
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        List<GnssFix> fast = await ReadAsync(bytes, realtime: false);
        List<GnssFix> paced = await ReadAsync(bytes, realtime: true);
        Assert.True(fast.Count >= 3);
        Assert.Equal(fast.Select(f => (f.TimeUtc, f.LatitudeDegrees, f.LongitudeDegrees)), paced.Select(f => (f.TimeUtc, f.LatitudeDegrees, f.LongitudeDegrees)));
    }

    private static async Task<List<GnssFix>> ReadAsync(byte[] bytes, bool realtime)
    {
        await using var receiver = new GnssReceiver(new StreamGnssSource("l76k", new MemoryStream(bytes)), new GnssReceiverOptions { Realtime = realtime });
        return await receiver.ReadFixesAsync().ToListAsync();
    }
}
