using System.Text;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

/// <summary>The parts GnssReceiver is composed of, each on its own (no source loop, no wall clock).</summary>
public class ReceiverPartsTests
{
    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>A source that records what is written to it.</summary>
    private sealed class RecordingSource : GnssSource
    {
        public List<string> Written { get; } = [];

        public override string Name => "recording";

        public override string Path => "recording";

        public override bool CanWrite => true;

        public override string NoDataHint => " from recording (check the wiring)";

        public override ValueTask OpenAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => ValueTask.FromResult(0);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            Written.Add(Encoding.ASCII.GetString(data.Span));
            return ValueTask.CompletedTask;
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static readonly DateTime T0 = new(2026, 5, 1, 10, 51, 53, DateTimeKind.Utc);

    [Fact]
    public void The_pacer_releases_each_fix_when_as_much_wall_time_as_receiver_time_has_passed()
    {
        var clock = new ManualClock();
        var pacer = new ReplayPacer(clock);
        Assert.Equal(TimeSpan.Zero, pacer.WaitFor(T0)); // the first fix starts the pacing
        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(800), pacer.WaitFor(T0.AddSeconds(1)));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, pacer.WaitFor(T0.AddSeconds(2))); // late already: no wait
        Assert.Equal(TimeSpan.FromMilliseconds(1800), pacer.WaitFor(T0.AddSeconds(5)));

        // A capture's time jumping back, or more than an hour ahead, starts the pacing again there.
        Assert.Equal(TimeSpan.Zero, pacer.WaitFor(T0.AddSeconds(-30)));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.WaitFor(T0.AddSeconds(-29)));
        Assert.Equal(TimeSpan.Zero, pacer.WaitFor(T0.AddHours(2)));
        Assert.Equal(TimeSpan.FromSeconds(10), pacer.WaitFor(T0.AddHours(2).AddSeconds(10)));
    }

    [Fact]
    public void The_watchdog_says_once_per_quiet_spell_why_no_fixes_come()
    {
        var clock = new ManualClock();
        var counters = new GnssReceiverCounters();
        var watchdog = new ReceiverWatchdog(new RecordingSource(), counters, TimeSpan.FromSeconds(5), clock);
        watchdog.Start(validSentences: 0);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Null(watchdog.Check());
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal("no valid sentences in 5 s from recording (check the wiring) (0 bytes, 0 rejected sentences)", watchdog.Check());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(watchdog.Check()); // said once for the spell

        // Valid sentences again, but none with time or position (a receiver sending only $GPTXT): a new
        // spell, said at the next check, counting the sentences since they came back.
        counters.Update(Statistics(validSentences: 3), acceptedOther: 0);
        watchdog.ValidSentencesArrived(validBefore: 0);
        Assert.Equal("3 valid sentences in 5 s but none with time or position (only $GPTXT or proprietary) from recording", watchdog.Check());
        Assert.Null(watchdog.Check());
    }

    [Fact]
    public void The_watchdog_tells_a_receiver_sending_only_text_from_a_silent_one_and_says_when_navigation_is_back()
    {
        var clock = new ManualClock();
        var counters = new GnssReceiverCounters();
        var watchdog = new ReceiverWatchdog(new RecordingSource(), counters, TimeSpan.FromSeconds(2), clock);
        watchdog.Start(validSentences: 10);
        for (int i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(0.5));
            counters.Update(Statistics(validSentences: 10 + (3 * (i + 1))), acceptedOther: 0);
            watchdog.ValidSentencesArrived(validBefore: 10 + (3 * i));
        }

        Assert.Equal("12 valid sentences in 2 s but none with time or position (only $GPTXT or proprietary) from recording", watchdog.Check());
        Assert.Null(watchdog.Check());
        Assert.True(watchdog.NavigationArrived()); // ends the reported spell: say "receiving" again
        Assert.False(watchdog.NavigationArrived());
    }

    [Fact]
    public async Task Stopping_the_watchdog_ends_its_run_without_an_exception()
    {
        // A cancelled timer wait would end in an OperationCanceledException whose stack trace the runtime captures:
        // in the NativeAOT build a quarter of a one-shot `edgesdk fixes`. Stopping disposes the timer instead.
        var watchdog = new ReceiverWatchdog(new RecordingSource(), new GnssReceiverCounters(), TimeSpan.FromSeconds(5), TimeProvider.System);
        watchdog.Start(validSentences: 0);
        using var stop = new CancellationTokenSource();
        Task run = watchdog.RunAsync((_, _) => { }, stop.Token);
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.IsCompletedSuccessfully, $"{run.Status}");
    }

    // Parser statistics with a given number of framed sentences (valid $GPTXT lines).
    private static NmeaStatistics Statistics(long validSentences)
    {
        var parser = new NmeaParser();
        byte[] line = Encoding.ASCII.GetBytes(NmeaChecksum.Append("$GPTXT,01,01,02,ANTENNA OK") + "\r\n");
        for (long i = 0; i < validSentences; i++)
        {
            parser.Feed(line, 0, line.Length);
            while (parser.Read() != NmeaSentenceType.None)
            {
            }
        }

        return parser.Statistics;
    }

    [Fact]
    public void The_pipeline_turns_bytes_into_fixes_and_counts_every_kind_of_sentence()
    {
        var counters = new GnssReceiverCounters();
        var statuses = new List<string>();
        var watchdog = new ReceiverWatchdog(new RecordingSource(), counters, TimeSpan.FromSeconds(5), new ManualClock());
        var pipeline = new ReceiverPipeline(new GnssReceiverOptions(), counters, watchdog, "test", (_, text) => statuses.Add(text), logger: null) { KeepSentences = true };
        string text = string.Concat(
            NmeaChecksum.Append("$GNRMC,105153.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A") + "\r\n",
            NmeaChecksum.Append("$GNGGA,105153.00,3958.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,") + "\r\n",
            NmeaChecksum.Append("$GPTXT,01,01,02,ANTENNA OK") + "\r\n",                                   // valid, not navigation
            NmeaChecksum.Append("$GNGGA,105154.00,39x8.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,") + "\r\n", // malformed
            "$GNRMC,105154.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A*00\r\n",                          // wrong checksum
            "\u0001\u0002garbage\r\n",
            NmeaChecksum.Append("$GNRMC,105155.00,A,3958.100,N,11620.000,E,0.0,0.0,010526,,,A") + "\r\n");
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        pipeline.Feed(bytes, bytes.Length);
        Assert.Single(pipeline.Fixes); // 10:51:53, ended by the next time
        pipeline.Complete();
        Assert.Equal([53, 55], pipeline.Fixes.Select(f => f.TimeUtc!.Value.Second));
        Assert.Equal(4, pipeline.Sentences.Count); // the valid ones, as text
        Assert.Equal(
            (bytes.LongLength, 5L, 3L, 1L, 1L, 1L, 2L),
            (counters.BytesRead, counters.ValidSentences, counters.NavigationSentences, counters.OtherSentences, counters.MalformedSentences, counters.RejectedSentences, counters.Fixes));
        Assert.True(counters.IgnoredBytes > 0);
        Assert.Empty(statuses);
    }

    [Fact]
    public void A_fault_while_fusing_is_counted_said_once_and_the_pipeline_goes_on()
    {
        var counters = new GnssReceiverCounters();
        var statuses = new List<string>();
        var watchdog = new ReceiverWatchdog(new RecordingSource(), counters, TimeSpan.FromSeconds(5), new ManualClock());
        var pipeline = new ReceiverPipeline(new GnssReceiverOptions(), counters, watchdog, "test", (_, text) => statuses.Add(text), logger: null);
        pipeline.BeforeFusion = s => { if (s is GgaSentence) throw new InvalidOperationException("boom"); };
        var text = new StringBuilder();
        for (int second = 50; second < 53; second++)
        {
            text.Append(NmeaChecksum.Append($"$GNRMC,1051{second}.00,A,3958.000,N,11620.000,E,0.0,0.0,010526,,,A")).Append("\r\n")
                .Append(NmeaChecksum.Append($"$GNGGA,1051{second}.00,3958.000,N,11620.000,E,1,08,0.9,50.0,M,-8.0,M,,")).Append("\r\n");
        }

        byte[] bytes = Encoding.ASCII.GetBytes(text.ToString());
        pipeline.Feed(bytes, bytes.Length);
        pipeline.Complete();
        Assert.Equal(3, counters.FusionFaults);
        Assert.Equal([50, 51, 52], pipeline.Fixes.Select(f => f.TimeUtc!.Value.Second)); // each epoch's RMC still makes its fix
        Assert.Equal(["skipped an epoch that failed to fuse (InvalidOperationException: boom); further failures are only counted"], statuses);
    }

    [Fact]
    public async Task Configuration_writes_the_vendors_commands_in_turn()
    {
        var source = new RecordingSource();
        await ReceiverConfiguration.ApplyAsync(source, new ReceiverSettings { UpdateRateHz = 5, Constellations = GnssConstellations.Gps | GnssConstellations.Beidou }, CasicCommandSet.Instance, CancellationToken.None);
        Assert.Equal(["$PCAS02,200*1D\r\n", "$PCAS04,3*1A\r\n"], source.Written);
    }
}
