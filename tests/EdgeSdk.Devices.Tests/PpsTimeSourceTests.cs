using System.Device.Gpio;
using EdgeSdk.Nmea;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Devices.Tests;

public sealed class PpsTimeSourceTests
{
    private static readonly DateTime Start = new(2026, 3, 18, 6, 0, 0, DateTimeKind.Utc); // campus-loop's start

    [Fact]
    public async Task A_constant_offset_injected_by_the_virtual_pps_is_measured_exactly_from_the_simulators_epochs()
    {
        using var rig = new Rig(windowSamples: 16);
        var pps = new VirtualPpsGenerator(rig.Driver, rig.Clock, offsetSeconds: 0.000_250);

        await GnssSimulator.RunAsync(Options(30), pps.CreateEpochStream(rig.Deliver));

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(30, pps.Pulses);
        Assert.Equal(30, status.Pulses);
        Assert.Equal(30, status.Samples);
        Assert.Equal(0, status.PulsesWithoutTime);
        Assert.Equal(0, status.TimesWithoutPulse);
        Assert.Equal(0, status.RejectedSentences);
        Assert.Equal(PpsTimeState.Locked, status.State);
        Assert.Equal(16, status.WindowSamples);
        Assert.Equal(0.000_250, status.MeanOffsetSeconds, 12);
        Assert.Equal(0, status.RmsJitterSeconds, 12);
        Assert.Equal(0, status.DriftPartsPerMillion, 9);
        Assert.Equal(Start.AddSeconds(29), status.LastSample!.TrueTimeUtc);
        Assert.Equal(Start.AddSeconds(29).AddTicks(2500), status.LastSample.SystemTimeUtc);
        Assert.Equal(0.000_250, status.MedianOffsetSeconds, 12);
        Assert.Equal("PPS on GPIO 18: locked, offset 250.0 us (median 250.0 us), jitter 0.0 us RMS, drift 0.00 ppm over 16 samples", status.Message);

        // Every sample reached the queue, in order, one per simulated second.
        var samples = new List<TimeSample>();
        while (rig.Source.Samples.TryRead(out TimeSample? s))
        {
            samples.Add(s);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => Start.AddSeconds(i)), samples.Select(s => s.TrueTimeUtc));
        Assert.All(samples, s => Assert.Equal(0.000_250, s.OffsetSeconds, 12));
    }

    [Fact]
    public async Task Injected_jitter_and_drift_are_measured_over_the_window()
    {
        using var rig = new Rig(windowSamples: 64);
        var pps = new VirtualPpsGenerator(rig.Driver, rig.Clock, offsetSeconds: -0.0012, jitterRmsSeconds: 0.000_020, driftPartsPerMillion: 15, seed: 7);

        await GnssSimulator.RunAsync(Options(64), pps.CreateEpochStream(rig.Deliver));

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(64, status.Samples);
        Assert.Equal(64, status.WindowSamples);
        // The window holds every pulse, so the mean is the mean of what was injected, to the clock's 100 ns tick.
        Assert.Equal(pps.InjectedMeanOffsetSeconds, status.MeanOffsetSeconds, 9);
        // -1.2 ms plus 15 ppm over 31.5 s on average = -0.7275 ms, give or take the jitter's mean (20 µs / √64).
        Assert.InRange(status.MeanOffsetSeconds, -0.000_7275 - 0.000_008, -0.000_7275 + 0.000_008);
        // The slope's uncertainty is 20 µs / √(Σ(t-t̄)²) ≈ 0.14 ppm.
        Assert.InRange(status.DriftPartsPerMillion, 14.5, 15.5);
        // Residuals about the fitted line: the drawn jitter, less the two fitted parameters' share.
        Assert.InRange(status.RmsJitterSeconds, 0.85 * pps.InjectedRmsJitterSeconds, 1.0 * pps.InjectedRmsJitterSeconds);
        Assert.InRange(pps.InjectedRmsJitterSeconds, 0.000_015, 0.000_025);
    }

    [Fact]
    public async Task At_5_hz_only_the_epochs_at_the_top_of_a_second_are_pulsed_and_paired()
    {
        using var rig = new Rig();
        var pps = new VirtualPpsGenerator(rig.Driver, rig.Clock, offsetSeconds: -0.000_040, nmeaDelaySeconds: 0.1);

        await GnssSimulator.RunAsync(new SimulationOptions { Scenario = "campus-loop", DurationSeconds = 10, RateHz = 5 }, pps.CreateEpochStream(rig.Deliver));

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(50, pps.Epochs);
        Assert.Equal(10, pps.Pulses);
        Assert.Equal(10, rig.Driver.PpsPulses);
        Assert.Equal(10, status.Samples);
        Assert.Equal(0, status.PulsesWithoutTime);
        Assert.Equal(0, status.TimesWithoutPulse);
        Assert.Equal(-0.000_040, status.MedianOffsetSeconds, 12);
    }

    // The simulator's own PPS (SimulationOptions.Gpio), not the VirtualPpsGenerator: a receiver raises the pulse at the
    // top of second N and then sends the sentences naming N, and PpsTimeSource pairs a time with the pulse before it.
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task The_simulators_pulse_for_second_n_comes_before_the_first_sentence_of_second_n_and_pairs_with_it(int rateHz)
    {
        const int Seconds = 10;
        using var rig = new Rig();
        TimeSpan period = TimeSpan.FromSeconds(1.0 / rateHz);
        var pulsesBeforeEpoch = new List<long>();
        // The wire's clock: epoch i's sentences arrive 100 ms after its time, then the clock moves on to epoch i+1's
        // time. A pulse is stamped with whatever the clock reads when the simulator raises it, so the order is not assumed.
        rig.Clock.SetUtcNow(Start);
        using var wire = new EpochTap(epoch =>
        {
            DateTime time = Start + (period * pulsesBeforeEpoch.Count);
            pulsesBeforeEpoch.Add(rig.Driver.PpsPulses);
            rig.Clock.SetUtcNow(time.AddMilliseconds(100));
            rig.Deliver(epoch);
            rig.Clock.SetUtcNow(time + period);
        });

        await GnssSimulator.RunAsync(new SimulationOptions { Scenario = "campus-loop", DurationSeconds = Seconds, RateHz = rateHz, Gpio = rig.Driver }, wire);

        // Epoch i lies in second i / rate: by its first sentence that second's pulse was raised, the next one's not yet.
        Assert.Equal(Seconds * rateHz, pulsesBeforeEpoch.Count);
        Assert.Equal(Enumerable.Range(0, Seconds * rateHz).Select(i => (long)((i / rateHz) + 1)), pulsesBeforeEpoch);
        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(Seconds, status.Pulses);
        Assert.Equal(Seconds, status.Samples);
        Assert.Equal(0, status.PulsesWithoutTime);
        Assert.Equal(0, status.TimesWithoutPulse);
        var samples = new List<TimeSample>();
        while (rig.Source.Samples.TryRead(out TimeSample? s))
        {
            samples.Add(s);
        }

        // Each second's time paired with that second's pulse: stamped at the top of the same second, offset exactly 0.
        Assert.Equal(Enumerable.Range(0, Seconds).Select(i => Start.AddSeconds(i)), samples.Select(s => s.TrueTimeUtc));
        Assert.Equal(samples.Select(s => s.TrueTimeUtc), samples.Select(s => s.SystemTimeUtc));
    }

    [Fact]
    public void A_pin_without_pulses_says_so_with_the_pin_and_the_fix()
    {
        using var rig = new Rig(start: false);
        Assert.Equal(PpsTimeState.NotStarted, rig.Source.GetStatus().State);
        rig.Source.Start();
        Assert.Equal(PpsTimeState.WaitingForPulse, rig.Source.GetStatus().State);

        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        rig.Source.AddSentence(Rmc(Start, 'A'));

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(PpsTimeState.NoPulse, status.State);
        Assert.Equal(
            "PPS on GPIO 18: no pulse for 5 s; check the receiver's PPS output is wired to GPIO 18 (BCM numbering) with a common ground, and that the receiver has a fix (most give no PPS without one)",
            status.Message);
        Assert.Equal(0, status.Pulses);
        Assert.Equal(0, status.Samples);
        Assert.Equal(1, status.TimesWithoutPulse);
        Assert.True(double.IsNaN(status.MeanOffsetSeconds));

        // Pulses come back (the wire reseated): the source locks without a restart. Between the first pulse and
        // its NMEA time it is still waiting, not short of time.
        rig.Clock.SetUtcNow(Start.AddSeconds(10));
        rig.Driver.PulsePps();
        rig.Clock.SetUtcNow(Start.AddSeconds(10.2));
        Assert.Equal("PPS on GPIO 18: waiting for the NMEA time of the first pulse", rig.Source.GetStatus().Message);
        rig.Source.AddSentence(Rmc(Start.AddSeconds(10), 'A'));
        PpsTimeStatus locked = rig.Source.GetStatus();
        Assert.Equal(PpsTimeState.Locked, locked.State);
        Assert.Equal(1, locked.Samples);
        Assert.Equal("PPS on GPIO 18: locked, offset 0.0 us (jitter and drift from the second sample on)", locked.Message);
        Assert.True(double.IsNaN(locked.RmsJitterSeconds));
    }

    [Fact]
    public void Nmea_without_time_makes_no_sample_and_a_pulse_without_time_is_counted_not_used()
    {
        using var rig = new Rig();
        rig.Source.Start();

        // Second 0: RMC status V (no fix, time not trusted) and an RMC with empty time and date.
        Second(rig, Start, Rmc(Start, 'V') + "\r\n" + NmeaChecksum.Append("$GNRMC,,V,,,,,,,,,,N,V"));
        // Second 1: ZDA without its date; GGA only names a time of day.
        Second(rig, Start.AddSeconds(1), NmeaChecksum.Append("$GNZDA,060001.00,,,,00,00") + "\r\n" +
            NmeaChecksum.Append("$GNGGA,060001.00,2934.1000,N,10629.8000,E,1,08,1.0,250.0,M,-25.0,M,,"));
        // Second 2: a garbage line and a line with a bad checksum, then nothing.
        Second(rig, Start.AddSeconds(2), "$GNRMC,garbage*00\r\n\u0001\u0002binary\r\n");
        PpsTimeStatus noTime = rig.Source.GetStatus();
        Assert.Equal(PpsTimeState.NoNmeaTime, noTime.State);
        Assert.StartsWith("PPS on GPIO 18: 3 pulses but no NMEA time named them within 900 ms", noTime.Message, StringComparison.Ordinal);

        // Seconds 3–5: good RMC and ZDA; the rest keeps working.
        for (int i = 3; i < 6; i++)
        {
            DateTime t = Start.AddSeconds(i);
            Second(rig, t, Rmc(t, 'A') + "\r\n" + Zda(t));
        }

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(6, status.Pulses);
        Assert.Equal(3, status.Samples);
        Assert.Equal(3, status.PulsesWithoutTime); // seconds 0–2, counted when the next pulse came
        Assert.Equal(3, status.SentencesWithoutTime); // RMC V, RMC without time or date, ZDA without date
        Assert.Equal(1, status.RejectedSentences); // the bad checksum; the binary bytes are not a sentence (skipped)
        Assert.Equal(0, status.TimesWithoutPulse); // each second's ZDA repeats its RMC's second
        Assert.Equal(PpsTimeState.Locked, status.State);
        Assert.Equal(Start.AddSeconds(5), status.LastSample!.TrueTimeUtc);
    }

    [Fact]
    public void A_time_too_late_after_its_pulse_and_a_time_without_a_pulse_are_counted_not_used()
    {
        using var rig = new Rig();
        rig.Source.Start();

        // The pulse, then the sentence 950 ms later (more than 900 ms): it may name the next second.
        rig.Clock.SetUtcNow(Start);
        rig.Driver.PulsePps();
        rig.Clock.SetUtcNow(Start.AddMilliseconds(950));
        rig.Source.AddSentence(Rmc(Start, 'A'));
        // A time with no pulse at all.
        rig.Clock.SetUtcNow(Start.AddSeconds(1.3));
        rig.Source.AddSentence(Rmc(Start.AddSeconds(1), 'A'));
        // 5 Hz: the epochs between seconds are not paired and not counted.
        rig.Source.AddSentence(Rmc(Start.AddSeconds(1.2), 'A'));

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(0, status.Samples);
        Assert.Equal(1, status.PulsesWithoutTime);
        Assert.Equal(2, status.TimesWithoutPulse);
        Assert.Equal(0, status.SentencesWithoutTime);
    }

    [Fact]
    public void One_late_wake_up_moves_the_mean_and_the_jitter_not_the_median()
    {
        using var rig = new Rig(windowSamples: 8);
        for (int i = 0; i < 8; i++)
        {
            DateTime t = Start.AddSeconds(i);
            Second(rig, t, Rmc(t, 'A'), pulseLate: TimeSpan.FromMilliseconds(i == 5 ? 5 : 0.1));
        }

        PpsTimeStatus status = rig.Source.GetStatus();
        Assert.Equal(8, status.Samples);
        Assert.Equal(0.000_1, status.MedianOffsetSeconds, 12);
        Assert.Equal(((7 * 0.000_1) + 0.005) / 8, status.MeanOffsetSeconds, 12);
        Assert.InRange(status.RmsJitterSeconds, 0.001, 0.002); // the one outlier, spread by the fit
    }

    [Fact]
    public void A_full_sample_queue_drops_the_oldest_and_counts_them()
    {
        using var rig = new Rig(queueCapacity: 4);
        rig.Source.Start();
        for (int i = 0; i < 10; i++)
        {
            DateTime t = Start.AddSeconds(i);
            Second(rig, t, Rmc(t, 'A'));
        }

        Assert.Equal(6, rig.Source.GetStatus().DroppedSamples);
        var kept = new List<DateTime>();
        while (rig.Source.Samples.TryRead(out TimeSample? s))
        {
            kept.Add(s.TrueTimeUtc);
        }

        Assert.Equal(Enumerable.Range(6, 4).Select(i => Start.AddSeconds(i)), kept);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_name()
    {
        using var gpio = new GpioController(new VirtualGpioDriver());
        ArgumentException e = Assert.Throws<ArgumentException>(() => new PpsTimeSource(gpio, new PpsTimeSourceOptions { MaxNmeaDelay = TimeSpan.FromSeconds(1) }));
        Assert.Equal("MaxNmeaDelay 1000 ms: must be above 0 and below 1000 ms (the next pulse)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new PpsTimeSource(gpio, new PpsTimeSourceOptions { WindowSamples = 1 }));
        Assert.Equal("WindowSamples 1: must be 2 to 1024", e.Message);
    }

    [Fact]
    public void A_pin_the_chip_does_not_have_is_a_clear_error()
    {
        using var gpio = new GpioController(new VirtualGpioDriver(pinCount: 20, ppsPin: 18, buttonPin: 17));
        using var source = new PpsTimeSource(gpio, new PpsTimeSourceOptions { PpsPin = 40 });
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(source.Start);
        Assert.StartsWith("PPS on GPIO 40: cannot watch the pin (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("check the pin number (BCM numbering) and that this user may use /dev/gpiochip* (group gpio)", e.Message, StringComparison.Ordinal);
    }

    private static SimulationOptions Options(int seconds) => new()
    {
        Scenario = "campus-loop",
        DurationSeconds = seconds,
    };

    // One second as a receiver sends it: the pulse at the top of the second, the sentences 200 ms later.
    private static void Second(Rig rig, DateTime second, string sentences, TimeSpan pulseLate = default)
    {
        rig.Clock.SetUtcNow(second + pulseLate);
        rig.Driver.PulsePps();
        rig.Clock.SetUtcNow(second.AddMilliseconds(200));
        rig.Source.AddSentence(sentences + "\r\n");
    }

    private static string Rmc(DateTime t, char status) => NmeaChecksum.Append(FormattableString.Invariant(
        $"$GNRMC,{t:HHmmss.ff},{status},2934.1000,N,10629.8000,E,0.5,90.0,{t:ddMMyy},,,A,V"));

    private static string Zda(DateTime t) => NmeaChecksum.Append(FormattableString.Invariant($"$GNZDA,{t:HHmmss.ff},{t:dd},{t:MM},{t:yyyy},00,00"));

    // The simulator writes then flushes each epoch: every flush hands on the bytes written since the last one.
    private sealed class EpochTap(Action<byte[]> onEpoch) : MemoryStream
    {
        private int _handedOn;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            byte[] epoch = GetBuffer().AsSpan(_handedOn, (int)Length - _handedOn).ToArray();
            _handedOn = (int)Length;
            onEpoch(epoch);
            return Task.CompletedTask;
        }
    }

    private sealed class Rig : IDisposable
    {
        public Rig(int windowSamples = 16, int queueCapacity = 64, bool start = true)
        {
            Driver = new VirtualGpioDriver();
            Clock = new SimulatedSystemClock(Start.AddSeconds(-1));
            Gpio = new GpioController(Driver);
            Source = new PpsTimeSource(Gpio, new PpsTimeSourceOptions { PpsPin = Driver.PpsPin, WindowSamples = windowSamples, SampleQueueCapacity = queueCapacity }, Clock);
            if (start)
            {
                Source.Start();
            }
        }

        public VirtualGpioDriver Driver { get; }

        public SimulatedSystemClock Clock { get; }

        public GpioController Gpio { get; }

        public PpsTimeSource Source { get; }

        public void Deliver(byte[] epoch)
        {
            Source.AddNmea(epoch, 0, epoch.Length);
        }

        public void Dispose()
        {
            Source.Dispose();
            Gpio.Dispose();
        }
    }
}
