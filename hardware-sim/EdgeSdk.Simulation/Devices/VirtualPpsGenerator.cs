using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A receiver's pulse-per-second on a <see cref="VirtualGpioDriver"/>'s PPS pin, driven by the simulator's
/// epochs and offset from the "system clock" by a chosen error: put <see cref="CreateEpochStream"/> between
/// <see cref="GnssSimulator.RunAsync"/> and the program, and for every epoch at the top of a UTC second T it
/// waits until the system clock reads T + e (the injected error: <c>offset + drift·t + jitter</c>, jitter
/// Gaussian), raises the PPS pin (a rising then falling edge), waits the NMEA delay, and hands the epoch's
/// sentences on. A program that timestamps the edge and pairs it with the NMEA time measures e.
/// </summary>
/// <remarks>
/// With a <see cref="SimulatedSystemClock"/> the waits set that clock (no real time passes: deterministic and
/// exact to the clock's 100 ns tick). With a real clock (<see cref="TimeProvider.System"/>) the waits are real
/// delays (a sleep, then a spin of the last 3 ms), so the scenario's start time must be now-ish
/// (<c>scenario with { StartTimeUtc = ... }</c>) and the measured error also holds the thread's scheduling latency. Leave <see cref="SimulationOptions.Gpio"/> unset: the simulator
/// would pulse the pin a second time, after the sentences.
/// </remarks>
/// <example><code>
/// var gpio = new VirtualGpioDriver();
/// var clock = new SimulatedSystemClock(start);
/// var pps = new VirtualPpsGenerator(gpio, clock, offsetSeconds: 0.000_250, jitterRmsSeconds: 0.000_010);
/// await GnssSimulator.RunAsync(options, pps.CreateEpochStream(bytes => timeSource.AddNmea(bytes, 0, bytes.Length)));
/// </code></example>
public sealed class VirtualPpsGenerator
{
    private static readonly TimeSpan SpinBeforeEdge = TimeSpan.FromMilliseconds(3);
    private readonly VirtualGpioDriver _gpio;
    private readonly TimeProvider _clock;
    private readonly Random _random;
    private readonly NmeaParser _parser = new();
    private DateTime _firstSecondUtc;
    private DateTime _lastSecondUtc;
    private NmeaDate _date;
    private double _sumOffset;
    private double _sumJitterSquares;

    /// <summary>
    /// A generator on <paramref name="gpio"/>'s <see cref="VirtualGpioDriver.PpsPin"/>, timed against <paramref name="clock"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public VirtualPpsGenerator(VirtualGpioDriver gpio, TimeProvider clock, double offsetSeconds = 0, double jitterRmsSeconds = 0,
        double driftPartsPerMillion = 0, double nmeaDelaySeconds = 0.25, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(clock);
        if (!double.IsFinite(offsetSeconds) || Math.Abs(offsetSeconds) >= 86_400)
        {
            throw new ArgumentException($"offsetSeconds {offsetSeconds}: must be finite and within a day", nameof(offsetSeconds));
        }

        if (!(jitterRmsSeconds >= 0 && jitterRmsSeconds <= 0.05))
        {
            throw new ArgumentException($"jitterRmsSeconds {jitterRmsSeconds}: must be 0 to 0.05 s (more would reorder pulses and sentences)", nameof(jitterRmsSeconds));
        }

        if (!(Math.Abs(driftPartsPerMillion) <= 500))
        {
            throw new ArgumentException($"driftPartsPerMillion {driftPartsPerMillion}: must be within ±500 ppm", nameof(driftPartsPerMillion));
        }

        if (!(nmeaDelaySeconds > 0 && nmeaDelaySeconds < 0.8))
        {
            throw new ArgumentException($"nmeaDelaySeconds {nmeaDelaySeconds}: must be above 0 and below 0.8 s", nameof(nmeaDelaySeconds));
        }

        _gpio = gpio;
        _clock = clock;
        _random = new Random(seed);
        OffsetSeconds = offsetSeconds;
        JitterRmsSeconds = jitterRmsSeconds;
        DriftPartsPerMillion = driftPartsPerMillion;
        NmeaDelaySeconds = nmeaDelaySeconds;
    }

    /// <summary>Constant error of the system clock injected at every pulse, seconds (positive: the clock is ahead).</summary>
    public double OffsetSeconds { get; }

    /// <summary>Standard deviation of the Gaussian jitter added to each pulse, seconds.</summary>
    public double JitterRmsSeconds { get; }

    /// <summary>How fast the injected error grows, parts per million of elapsed time.</summary>
    public double DriftPartsPerMillion { get; }

    /// <summary>Time from a pulse to its epoch's sentences, seconds.</summary>
    public double NmeaDelaySeconds { get; }

    /// <summary>Pulses raised.</summary>
    public long Pulses { get; private set; }

    /// <summary>Epochs handed on (pulsed or not: a 5 Hz receiver's epochs between seconds get no pulse).</summary>
    public long Epochs { get; private set; }

    /// <summary>The error injected at the last pulse, seconds; NaN before the first.</summary>
    public double LastInjectedOffsetSeconds { get; private set; } = double.NaN;

    /// <summary>Mean of every injected error, seconds; NaN before the first pulse.</summary>
    public double InjectedMeanOffsetSeconds => Pulses == 0 ? double.NaN : _sumOffset / Pulses;

    /// <summary>RMS of the Gaussian jitter actually drawn (not the setting), seconds; NaN before the first pulse.</summary>
    public double InjectedRmsJitterSeconds => Pulses == 0 ? double.NaN : Math.Sqrt(_sumJitterSquares / Pulses);

    /// <summary>
    /// A stream to give <see cref="GnssSimulator.RunAsync"/> as its output: each write is one epoch, which is
    /// pulsed (at the top of a second) and passed to <paramref name="deliver"/> when the clock reaches its arrival time.
    /// </summary>
    public Stream CreateEpochStream(Action<byte[]> deliver)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        return new EpochStream(this, deliver);
    }

    /// <summary>
    /// One epoch's bytes: pulses if the epoch starts a second, then delivers them at pulse + NMEA delay.
    /// Bytes without a time (a boot banner, a corrupted epoch) are delivered at once.
    /// </summary>
    public async Task HandleEpochAsync(byte[] epoch, Action<byte[]> deliver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        ArgumentNullException.ThrowIfNull(deliver);
        Epochs++;
        if (EpochTime(epoch) is DateTime second && second.Ticks % TimeSpan.TicksPerSecond == 0 && second > _lastSecondUtc)
        {
            if (Pulses == 0)
            {
                _firstSecondUtc = second;
            }

            _lastSecondUtc = second;
            double jitter = JitterRmsSeconds > 0 ? Gaussian() * JitterRmsSeconds : 0;
            double error = OffsetSeconds + (DriftPartsPerMillion * 1e-6 * (second - _firstSecondUtc).TotalSeconds) + jitter;
            DateTime edge = second.AddTicks((long)Math.Round(error * TimeSpan.TicksPerSecond));
            await WaitUntilAsync(edge, cancellationToken).ConfigureAwait(false);
            _gpio.PulsePps();
            Pulses++;
            LastInjectedOffsetSeconds = (edge - second).Ticks / (double)TimeSpan.TicksPerSecond; // as the clock can show it
            _sumOffset += LastInjectedOffsetSeconds;
            _sumJitterSquares += jitter * jitter;
            await WaitUntilAsync(edge.AddTicks((long)Math.Round(NmeaDelaySeconds * TimeSpan.TicksPerSecond)), cancellationToken).ConfigureAwait(false);
        }

        deliver(epoch);
    }

    // The epoch's UTC time from its first RMC/ZDA (with date) or GGA/GNS (with the last date seen), or null.
    private DateTime? EpochTime(byte[] epoch)
    {
        _parser.Feed(epoch, 0, epoch.Length);
        NmeaTime time = default;
        NmeaSentenceType type;
        while ((type = _parser.Read()) != NmeaSentenceType.None)
        {
            (NmeaTime t, NmeaDate d) = type switch
            {
                NmeaSentenceType.Rmc => (_parser.Rmc.TimeUtc, _parser.Rmc.Date),
                NmeaSentenceType.Zda => (_parser.Zda.TimeUtc, _parser.Zda.Date),
                NmeaSentenceType.Gga => (_parser.Gga.TimeUtc, default(NmeaDate)),
                NmeaSentenceType.Gns => (_parser.Gns.TimeUtc, default(NmeaDate)),
                _ => (default(NmeaTime), default(NmeaDate)),
            };
            _date = d.IsValid ? d : _date;
            time = !time.IsValid ? t : time;
        }

        return time.IsValid && _date.IsValid
            ? new DateTime(_date.Year, _date.Month, _date.Day, time.Hour, time.Minute, time.Second, time.Millisecond, DateTimeKind.Utc)
            : null;
    }

    private async Task WaitUntilAsync(DateTime systemUtc, CancellationToken cancellationToken)
    {
        if (_clock is SimulatedSystemClock simulated)
        {
            simulated.SetUtcNow(new DateTimeOffset(systemUtc, TimeSpan.Zero));
            return;
        }

        // A timer wakes up late by up to a scheduler tick or more (milliseconds on a busy machine), which would
        // all be measured as jitter: sleep to just before the edge, then spin the last few milliseconds.
        TimeSpan due = systemUtc - _clock.GetUtcNow().UtcDateTime - SpinBeforeEdge;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, _clock, cancellationToken).ConfigureAwait(false);
        }

        var spinner = default(SpinWait);
        while (_clock.GetUtcNow().UtcDateTime < systemUtc)
        {
            cancellationToken.ThrowIfCancellationRequested();
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    // Box–Muller: one standard normal draw from two uniforms (the seeded Random keeps runs reproducible).
    private double Gaussian()
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // The simulator's output: every write is one epoch.
    private sealed class EpochStream(VirtualPpsGenerator owner, Action<byte[]> deliver) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            owner.HandleEpochAsync(buffer.AsSpan(offset, count).ToArray(), deliver).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            owner.HandleEpochAsync(buffer.AsSpan(offset, count).ToArray(), deliver, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(owner.HandleEpochAsync(buffer.ToArray(), deliver, cancellationToken));
    }
}
