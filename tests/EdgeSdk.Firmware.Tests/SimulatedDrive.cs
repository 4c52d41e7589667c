using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Simulation;
using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>The simulator's NMEA for a drive (CASIC receiver, Chongqing logistics scenario), and what both fusions make of NMEA bytes.</summary>
public static class SimulatedDrive
{
    public static async Task<byte[]> BytesAsync(int seconds, int seed = 14)
    {
        using var stream = new MemoryStream();
        SimulationSummary summary = await GnssSimulator.RunAsync(new SimulationOptions { DurationSeconds = seconds, Seed = seed }, stream);
        Assert.Equal(seconds, summary.Epochs);
        return stream.ToArray();
    }

    /// <summary>The fixes EdgeSdk.Gnss's EpochFusion makes of <paramref name="bytes"/>: the reference for the firmware's.</summary>
    public static List<GnssFix> Reference(byte[] bytes, bool skipCommentLines = false)
    {
        NmeaParser parser = Parser(bytes, skipCommentLines);
        var fusion = new EpochFusion { EarlyCloseAfter = 0 }; // the firmware closes epochs only on time or idle gap
        var fixes = new List<GnssFix>();
        while (parser.Read() != NmeaSentenceType.None)
        {
            fusion.Add(parser.Current);
            while (fusion.TryTakeFix(out GnssFix? fix))
            {
                fixes.Add(fix);
            }
        }

        if (fusion.Flush() is { } last)
        {
            fixes.Add(last);
        }

        return fixes;
    }

    /// <summary>The fixes the firmware's EpochFuser makes of <paramref name="bytes"/>, as EdgeSdk.Gnss fixes.</summary>
    public static List<GnssFix> Firmware(byte[] bytes, bool skipCommentLines = false)
    {
        NmeaParser parser = Parser(bytes, skipCommentLines);
        var fuser = new EpochFuser();
        var fixes = new List<GnssFix>();
        NmeaSentenceType type;
        while ((type = parser.Read()) != NmeaSentenceType.None)
        {
            if (fuser.Add(parser, type))
            {
                fixes.Add(Fixes.ToGnssFix(fuser.Fix));
            }
        }

        if (fuser.Flush())
        {
            fixes.Add(Fixes.ToGnssFix(fuser.Fix));
        }

        return fixes;
    }

    private static NmeaParser Parser(byte[] bytes, bool skipCommentLines)
    {
        var parser = new NmeaParser();
        parser.Reader.SkipCommentLines = skipCommentLines;
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        return parser;
    }

    /// <summary>Splits the drive before its <paramref name="epoch"/>-th epoch (0-based), at the first sentence type of an epoch.</summary>
    public static (byte[] Before, byte[] After) SplitAtEpoch(byte[] bytes, int epoch)
    {
        byte[] starter = bytes.AsSpan(0, 6).ToArray(); // e.g. "$GNGGA": the receiver's first sentence of each epoch
        int position = -1;
        for (int k = 0; k <= epoch; k++)
        {
            int next = bytes.AsSpan(position + 1).IndexOf(starter);
            Assert.True(next >= 0, $"the drive has fewer than {epoch + 1} epochs");
            position += 1 + next;
        }

        return (bytes[..position], bytes[position..]);
    }
}
