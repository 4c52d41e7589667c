using System.Text;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// Issue 19, item 1: nothing a receiver sends ends the receiver loop. Impossible dates are rejected by the
/// parser and counted; a fault while fusing one epoch is counted in <see cref="GnssReceiverCounters.FusionFaults"/>,
/// said once, and the next epochs still give fixes.
/// </summary>
public class ReceiverResilienceTests
{
    // Epochs of gpsd's tcp-torture.log (BSD-2-Clause, the GPSD project), the second one with a date of 31 February.
    private const string Epoch1 =
        "$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7D\r\n" +
        "$GPRMC,193221.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2D\r\n";

    private const string Epoch2BadDate =
        "$GPGGA,193222.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7E\r\n" +
        "$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,310299,01,W,A*2B\r\n";

    private const string Epoch2 =
        "$GPGGA,193222.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7E\r\n" +
        "$GPRMC,193222.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2E\r\n";

    private const string Epoch3 =
        "$GPGGA,193223.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7F\r\n" +
        "$GPRMC,193223.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2F\r\n";

    private static GnssReceiver Receiver(string text) =>
        new(new StreamGnssSource("hostile.nmea", new MemoryStream(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public async Task An_rmc_dated_31_february_is_counted_as_malformed_and_the_stream_goes_on()
    {
        await using GnssReceiver receiver = Receiver(Epoch1 + Epoch2BadDate + Epoch3);
        List<GnssFix> fixes = await receiver.ReadFixesAsync().ToListAsync();

        // The bad RMC is dropped; its epoch keeps the GGA and the date carried from the epoch before.
        Assert.Equal(
            ["2007-12-23T19:32:21.0000000Z", "2007-12-23T19:32:22.0000000Z", "2007-12-23T19:32:23.0000000Z"],
            fixes.Select(f => f.TimeUtc!.Value.ToString("O")));
        Assert.Equal(1, receiver.Counters.MalformedSentences);
        Assert.Equal(6, receiver.Counters.ValidSentences);
        Assert.Equal(0, receiver.Counters.FusionFaults);
        Assert.StartsWith("end of file hostile.nmea:", receiver.StatusText);
        Assert.Equal(GnssStatusKind.Ended, receiver.StatusKind);
    }

    [Fact]
    public async Task A_zda_of_year_9999_before_midnight_wraps_from_the_last_real_date()
    {
        // The case: year 9999 and a time of day wrapping past midnight once threw from AddDays.
        string text = "$GPRMC,235958.00,A,2037.7279,N,08704.0848,W,00.1,201.8,311299,01,W,A*23\r\n"
            + "$GPZDA,235959.00,31,12,9999,00,00*66\r\n"
            + "$GPGGA,000001.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*76\r\n";
        await using GnssReceiver receiver = Receiver(text);
        List<GnssFix> fixes = await receiver.ReadFixesAsync().ToListAsync();

        Assert.Equal(
            ["1999-12-31T23:59:58.0000000Z", "2000-01-01T00:00:01.0000000Z"],
            fixes.Where(f => f.TimeUtc != null).Select(f => f.TimeUtc!.Value.ToString("O")));
        Assert.Equal(1, receiver.Counters.MalformedSentences);
        Assert.Equal(0, receiver.Counters.FusionFaults);
    }

    [Fact]
    public async Task A_fault_while_fusing_one_epoch_is_counted_said_once_and_the_loop_goes_on()
    {
        await using GnssReceiver receiver = Receiver(Epoch1 + Epoch2 + Epoch3);
        receiver.BeforeFusion = s =>
        {
            if (s is GgaSentence { TimeUtc.Second: 22 } || s is RmcSentence { TimeUtc.Second: 22 })
            {
                throw new InvalidOperationException("injected fault");
            }
        };
        var statuses = new List<string>();
        receiver.StatusChanged += (_, e) => statuses.Add(e.Text);

        List<GnssFix> fixes = await receiver.ReadFixesAsync().ToListAsync();

        Assert.Equal(
            ["2007-12-23T19:32:21.0000000Z", "2007-12-23T19:32:23.0000000Z"],
            fixes.Select(f => f.TimeUtc!.Value.ToString("O")));
        Assert.Equal(2, receiver.Counters.FusionFaults);
        Assert.Equal(0, receiver.Counters.MalformedSentences);
        Assert.Single(statuses, s => s.StartsWith("skipped an epoch that failed to fuse (InvalidOperationException: injected fault)", StringComparison.Ordinal));
        Assert.EndsWith(", 2 fixes, 2 fusion faults", receiver.StatusText);
    }
}
