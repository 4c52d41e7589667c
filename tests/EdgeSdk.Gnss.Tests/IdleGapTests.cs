using System.Text;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// A live receiver's epoch closed by the idle gap while the reader was starved (a busy machine): the rest of
/// that epoch arrives after the gap. It must not become a second fix (once seen as 21 fixes for 20 epochs).
/// </summary>
public class IdleGapTests
{
    private readonly NmeaParser _parser = new();
    private readonly EpochFusion _fusion = new();
    private readonly List<GnssFix> _fixes = [];

    private void Send(params string[] sentences)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(string.Concat(sentences.Select(s => NmeaChecksum.Append(s) + "\r\n")));
        _parser.Feed(bytes, 0, bytes.Length);
        while (_parser.Read() != NmeaSentenceType.None)
        {
            _fusion.Add(_parser.Current);
            while (_fusion.TryTakeFix(out GnssFix? fix))
            {
                _fixes.Add(fix);
            }
        }
    }

    private void IdleGap()
    {
        if (_fusion.AwaitsIdleGap && _fusion.FlushAfterIdleGap() is GnssFix fix)
        {
            _fixes.Add(fix);
        }
    }

    [Fact]
    public void The_rest_of_an_epoch_after_the_idle_gap_is_late_and_makes_no_second_fix()
    {
        Send("$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,1.94,286.35,050826,,,A,V");
        IdleGap(); // the reader was starved mid-epoch
        Send("$GNGGA,055234.000,4739.71890,N,12219.58362,W,1,14,0.9,76.5,M,-21.6,M,,",
            "$GPGSV,1,1,01,02,20,056,27,1");
        IdleGap(); // the real gap before the next epoch
        Send("$GNRMC,055235.000,A,4739.71900,N,12219.58362,W,1.94,286.35,050826,,,A,V",
            "$GNGGA,055235.000,4739.71900,N,12219.58362,W,1,14,0.9,76.5,M,-21.6,M,,");
        IdleGap();

        Assert.Equal([new DateTime(2026, 8, 5, 5, 52, 34, DateTimeKind.Utc), new DateTime(2026, 8, 5, 5, 52, 35, DateTimeKind.Utc)],
            _fixes.Select(f => f.TimeUtc).ToArray());
        Assert.Equal(2, _fusion.LateSentences); // the GGA and the GSV
    }

    [Fact]
    public void Sentences_before_the_time_in_the_next_burst_are_not_stragglers()
    {
        // A receiver that starts its epoch with the sky (GSV, then RMC): after a real gap the next burst is new.
        Send("$GPGSV,1,1,01,02,20,056,27,1", "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,1.94,286.35,050826,,,A,V");
        IdleGap();
        IdleGap();
        Send("$GPGSV,1,1,01,02,21,056,28,1", "$GNRMC,055235.000,A,4739.71900,N,12219.58362,W,1.94,286.35,050826,,,A,V");
        IdleGap();

        Assert.Equal(2, _fixes.Count);
        Assert.All(_fixes, f => Assert.Single(f.Satellites));
        Assert.Equal(0, _fusion.LateSentences);
    }

    [Fact]
    public void A_receiver_that_repeats_its_time_after_a_real_gap_still_gets_a_fix_per_burst()
    {
        // Some receivers repeat their last time when they lose lock: each burst after a silence is an epoch.
        for (int burst = 0; burst < 3; burst++)
        {
            Send("$GNRMC,055234.000,V,,,,,,,050826,,,N,V", "$GNGGA,055234.000,,,,,0,00,99.9,,,,,,");
            IdleGap();
            IdleGap(); // nothing arrives in this gap: the stragglers' window ends
        }

        Assert.Equal(3, _fixes.Count);
        Assert.Equal(0, _fusion.LateSentences);
    }
}
