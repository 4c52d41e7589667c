using System.Device.Gpio;
using System.Text;
using System.Threading.Channels;
using EdgeSdk.Nmea;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeSdk.Devices;

/// <summary>
/// A time source from a GNSS receiver's pulse-per-second output on a GPIO pin and its NMEA time: each
/// rising edge is read against the system clock (<see cref="TimeProvider"/>) and paired with the UTC
/// second the receiver names for it, giving a <see cref="TimeSample"/> (system time at the edge, true time,
/// offset). <see cref="GetStatus"/> gives the system clock's mean offset, RMS jitter and drift over a window;
/// <see cref="Samples"/> feeds chrony (<see cref="ChronySockClient"/>).
/// </summary>
/// <remarks>
/// <para><b>The pairing rule.</b> A receiver raises PPS at the start of a UTC second and then, 50–500 ms later,
/// sends that epoch's sentences, whose time names the second the pulse started: the pulse marks the second the
/// <i>next</i> NMEA time names. So a whole-second time from RMC (status A, with date) or ZDA (time and date)
/// pairs with the latest unpaired pulse when it arrives at most <see cref="PpsTimeSourceOptions.MaxNmeaDelay"/>
/// after it. The other sentences of the same epoch name the same second and are not counted again.</para>
/// <para><b>Bad input.</b> A pulse that no time names in time is counted (<see cref="PpsTimeStatus.PulsesWithoutTime"/>)
/// and not used; a time with no pulse before it is counted (<see cref="PpsTimeStatus.TimesWithoutPulse"/>); a
/// sentence without a valid time makes no sample (<see cref="PpsTimeStatus.SentencesWithoutTime"/>); a silent pin
/// turns the state to <see cref="PpsTimeState.NoPulse"/> with a message naming the pin. Nothing here throws for
/// bad input.</para>
/// <para><b>Accuracy.</b> The edge is timestamped in user space when System.Device.Gpio's event reaches the
/// callback, so scheduling latency (tens of µs to a ms on a busy Pi) is part of the jitter. The kernel's
/// pps-gpio driver timestamps in the interrupt; where it is available, chrony can read <c>/dev/pps0</c> itself.</para>
/// </remarks>
/// <example><code>
/// using var gpio = new GpioController();
/// using var pps = new PpsTimeSource(gpio, new PpsTimeSourceOptions { PpsPin = 18 });
/// pps.Start();
/// await foreach (string line in receiver.ReadSentencesAsync(ct)) pps.AddSentence(line);
/// </code></example>
public sealed class PpsTimeSource : IDisposable
{
    private readonly GpioController _gpio;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly NmeaParser _parser = new();
    private readonly Channel<TimeSample> _samples;
    private readonly TimeSample[] _window;
    private readonly PinChangeEventHandler _onEdge;
    private int _windowCount;
    private int _windowNext;
    private bool _started;
    private bool _openedPin;
    private bool _disposed;
    private DateTime _startedAtUtc;
    private DateTime? _pendingPulseUtc;
    private DateTime? _lastPulseUtc;
    private DateTime _lastNamedUtc;
    private TimeSample? _lastSample;
    private long _pulses;
    private long _sampleCount;
    private long _pulsesWithoutTime;
    private long _timesWithoutPulse;
    private long _sentencesWithoutTime;
    private long _droppedSamples;
    private PpsTimeState _loggedState;

    /// <summary>A time source on <paramref name="gpio"/>'s pin <see cref="PpsTimeSourceOptions.PpsPin"/>, read against <paramref name="clock"/> (the system clock by default).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public PpsTimeSource(GpioController gpio, PpsTimeSourceOptions? options = null, TimeProvider? clock = null, ILogger<PpsTimeSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        Options = options ?? new PpsTimeSourceOptions();
        Options.Validate();
        _gpio = gpio;
        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _window = new TimeSample[Options.WindowSamples];
        _samples = Channel.CreateBounded<TimeSample>(
            new BoundedChannelOptions(Options.SampleQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = false },
            _ => Interlocked.Increment(ref _droppedSamples));
        _onEdge = (_, _) => AddPulse(_clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The settings.</summary>
    public PpsTimeSourceOptions Options { get; }

    /// <summary>
    /// Every sample as it is made, for a consumer such as chrony's feed. Bounded by
    /// <see cref="PpsTimeSourceOptions.SampleQueueCapacity"/>: when full the oldest is dropped and counted
    /// (<see cref="PpsTimeStatus.DroppedSamples"/>). Completed by <see cref="Dispose"/>.
    /// </summary>
    public ChannelReader<TimeSample> Samples => _samples.Reader;

    /// <summary>
    /// Opens the PPS pin as an input (unless the caller opened it) and watches its rising edges.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pin cannot be opened or watched; the message names the pin and the fix.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            int pin = Options.PpsPin;
            try
            {
                if (!_gpio.IsPinOpen(pin))
                {
                    _gpio.OpenPin(pin, PinMode.Input);
                    _openedPin = true;
                }

                _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising, _onEdge);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or PlatformNotSupportedException or NotSupportedException)
            {
                throw new InvalidOperationException(
                    $"PPS on GPIO {pin}: cannot watch the pin ({e.Message}); check the pin number (BCM numbering) and that this user may use /dev/gpiochip* (group gpio)", e);
            }

            _started = true;
            _startedAtUtc = _clock.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>
    /// A rising edge seen at system time <paramref name="systemTimeUtc"/>. Called by the pin's event; public for
    /// edges timestamped elsewhere (a kernel PPS device, a capture). A previous pulse still unpaired is counted
    /// as without time.
    /// </summary>
    public void AddPulse(DateTime systemTimeUtc)
    {
        lock (_gate)
        {
            _pulses++;
            if (_pendingPulseUtc.HasValue)
            {
                _pulsesWithoutTime++;
            }

            _pendingPulseUtc = systemTimeUtc;
            _lastPulseUtc = systemTimeUtc;
        }
    }

    /// <summary>
    /// Bytes from the receiver, as they arrive (any chunking): each RMC or ZDA time is paired with the pulse
    /// before it; other sentences are ignored, undecodable lines counted in <see cref="PpsTimeStatus.RejectedSentences"/>.
    /// </summary>
    public void AddNmea(byte[] data, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        DateTime arrivalUtc = _clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            _parser.Feed(data, offset, count);
            NmeaSentenceType type;
            while ((type = _parser.Read()) != NmeaSentenceType.None)
            {
                if (type == NmeaSentenceType.Rmc)
                {
                    RmcSentence rmc = _parser.Rmc;
                    Named(rmc.Status == 'A' ? Combine(rmc.Date, rmc.TimeUtc) : null, arrivalUtc);
                }
                else if (type == NmeaSentenceType.Zda)
                {
                    Named(Combine(_parser.Zda.Date, _parser.Zda.TimeUtc), arrivalUtc);
                }
            }
        }
    }

    /// <summary>One sentence, as <c>GnssReceiver.ReadSentencesAsync</c> yields it (with or without its line end).</summary>
    public void AddSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        byte[] line = Encoding.ASCII.GetBytes(sentence.EndsWith('\n') ? sentence : sentence + "\r\n");
        AddNmea(line, 0, line.Length);
    }

    /// <summary>
    /// A UTC time the receiver named, arriving now (for callers with their own parser). Only whole seconds
    /// pair with pulses; a repeat of the last named second is ignored.
    /// </summary>
    public void AddNmeaTime(DateTime namedUtc)
    {
        DateTime arrivalUtc = _clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            Named(namedUtc, arrivalUtc);
        }
    }

    /// <summary>The state, counters and statistics now.</summary>
    public PpsTimeStatus GetStatus()
    {
        DateTime now = _clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            (double mean, double jitter, double drift) = Statistics();
            double sincePulse = _lastPulseUtc.HasValue ? (now - _lastPulseUtc.Value).TotalSeconds : double.NaN;
            PpsTimeState state = StateAt(now);
            string message = MessageFor(state, now, mean, jitter, drift);
            if (state != _loggedState)
            {
                _loggedState = state;
                PpsLog.StateChanged(_logger, message);
            }

            return new PpsTimeStatus
            {
                State = state,
                Message = message,
                Pulses = _pulses,
                Samples = _sampleCount,
                PulsesWithoutTime = _pulsesWithoutTime,
                TimesWithoutPulse = _timesWithoutPulse,
                SentencesWithoutTime = _sentencesWithoutTime,
                RejectedSentences = _parser.Statistics.Rejected,
                DroppedSamples = Interlocked.Read(ref _droppedSamples),
                WindowSamples = _windowCount,
                MeanOffsetSeconds = mean,
                MedianOffsetSeconds = Median(),
                RmsJitterSeconds = jitter,
                DriftPartsPerMillion = drift,
                LastSample = _lastSample,
                SecondsSinceLastPulse = sincePulse,
            };
        }
    }

    /// <summary>Stops watching the pin (closing it if <see cref="Start"/> opened it) and completes <see cref="Samples"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_started)
            {
                try
                {
                    _gpio.UnregisterCallbackForPinValueChangedEvent(Options.PpsPin, _onEdge);
                    if (_openedPin && _gpio.IsPinOpen(Options.PpsPin))
                    {
                        _gpio.ClosePin(Options.PpsPin);
                    }
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
                {
                    // The controller went first (disposed by its owner): nothing left to release.
                }
            }
        }

        _samples.Writer.TryComplete();
    }

    // Date and time of an RMC/ZDA, or null when either is missing: a time without its date cannot be
    // given to chrony (it would be a day's guess).
    private static DateTime? Combine(NmeaDate date, NmeaTime time) =>
        date.IsValid && time.IsValid
            ? new DateTime(date.Year, date.Month, date.Day, time.Hour, time.Minute, time.Second, time.Millisecond, DateTimeKind.Utc)
            : null;

    private void Named(DateTime? namedUtc, DateTime arrivalUtc)
    {
        if (namedUtc is not DateTime named)
        {
            _sentencesWithoutTime++;
            return;
        }

        // Only the epoch at the top of a second follows a pulse (a 5 Hz receiver names .2, .4, ... too);
        // its other sentences repeat the second already handled.
        if (named.Ticks % TimeSpan.TicksPerSecond != 0 || named == _lastNamedUtc)
        {
            return;
        }

        _lastNamedUtc = named;
        if (_pendingPulseUtc is not DateTime pulse)
        {
            _timesWithoutPulse++;
            return;
        }

        _pendingPulseUtc = null;
        TimeSpan delay = arrivalUtc - pulse;
        if (delay < TimeSpan.Zero || delay > Options.MaxNmeaDelay)
        {
            _pulsesWithoutTime++;
            _timesWithoutPulse++;
            return;
        }

        var sample = new TimeSample(pulse, named);
        _lastSample = sample;
        _sampleCount++;
        _window[_windowNext] = sample;
        _windowNext = (_windowNext + 1) % _window.Length;
        _windowCount = Math.Min(_windowCount + 1, _window.Length);
        _samples.Writer.TryWrite(sample);
        PpsLog.Sample(_logger, sample);
    }

    // Least squares line offset = a + b·t through the window: the mean offset, the RMS of the residuals
    // (jitter) and the slope (drift). Times are taken from the oldest sample so the sums stay small.
    private (double Mean, double Jitter, double Drift) Statistics()
    {
        int n = _windowCount;
        if (n == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        int first = (_windowNext - n + _window.Length) % _window.Length;
        DateTime t0 = _window[first].TrueTimeUtc;
        double sumT = 0, sumY = 0;
        for (int i = 0; i < n; i++)
        {
            TimeSample s = _window[(first + i) % _window.Length];
            sumT += (s.TrueTimeUtc - t0).TotalSeconds;
            sumY += s.OffsetSeconds;
        }

        double meanT = sumT / n, meanY = sumY / n;
        if (n < 2)
        {
            return (meanY, double.NaN, double.NaN);
        }

        double stt = 0, sty = 0;
        for (int i = 0; i < n; i++)
        {
            TimeSample s = _window[(first + i) % _window.Length];
            double dt = (s.TrueTimeUtc - t0).TotalSeconds - meanT;
            stt += dt * dt;
            sty += dt * (s.OffsetSeconds - meanY);
        }

        double slope = stt > 0 ? sty / stt : 0;
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            TimeSample s = _window[(first + i) % _window.Length];
            double residual = s.OffsetSeconds - meanY - (slope * ((s.TrueTimeUtc - t0).TotalSeconds - meanT));
            squares += residual * residual;
        }

        return (meanY, Math.Sqrt(squares / n), slope * 1e6);
    }

    private double Median()
    {
        if (_windowCount == 0)
        {
            return double.NaN;
        }

        var offsets = new double[_windowCount];
        for (int i = 0; i < _windowCount; i++)
        {
            offsets[i] = _window[i].OffsetSeconds; // the window's order does not matter for a median
        }

        Array.Sort(offsets);
        int middle = _windowCount / 2;
        return _windowCount % 2 == 1 ? offsets[middle] : (offsets[middle - 1] + offsets[middle]) / 2;
    }

    private PpsTimeState StateAt(DateTime now)
    {
        if (!_started && _pulses == 0)
        {
            return PpsTimeState.NotStarted;
        }

        if (_lastPulseUtc is not DateTime lastPulse)
        {
            return now - _startedAtUtc > Options.NoPulseTimeout ? PpsTimeState.NoPulse : PpsTimeState.WaitingForPulse;
        }

        if (now - lastPulse > Options.NoPulseTimeout)
        {
            return PpsTimeState.NoPulse;
        }

        if (_lastSample is null)
        {
            // Before the first sample, a pulse whose time may still come is not yet a missing time.
            bool missed = _pulsesWithoutTime > 0 || (_pendingPulseUtc is DateTime pending && now - pending > Options.MaxNmeaDelay);
            return missed ? PpsTimeState.NoNmeaTime : PpsTimeState.WaitingForPulse;
        }

        return now - _lastSample.SystemTimeUtc > Options.NoPulseTimeout ? PpsTimeState.NoNmeaTime : PpsTimeState.Locked;
    }

    private string MessageFor(PpsTimeState state, DateTime now, double mean, double jitter, double drift)
    {
        int pin = Options.PpsPin;
        return state switch
        {
            PpsTimeState.NotStarted => FormattableString.Invariant($"PPS on GPIO {pin}: not started"),
            PpsTimeState.WaitingForPulse => FormattableString.Invariant(
                $"PPS on GPIO {pin}: {(_pulses == 0 ? "waiting for the first pulse" : "waiting for the NMEA time of the first pulse")}"),
            PpsTimeState.Locked when _windowCount < 2 => FormattableString.Invariant(
                $"PPS on GPIO {pin}: locked, offset {mean * 1e6:F1} us (jitter and drift from the second sample on)"),
            PpsTimeState.NoPulse => FormattableString.Invariant(
                $"PPS on GPIO {pin}: no pulse for {(now - (_lastPulseUtc ?? _startedAtUtc)).TotalSeconds:F0} s; check the receiver's PPS output is wired to GPIO {pin} (BCM numbering) with a common ground, and that the receiver has a fix (most give no PPS without one)"),
            PpsTimeState.NoNmeaTime => FormattableString.Invariant(
                $"PPS on GPIO {pin}: {_pulses} pulses but no NMEA time named them within {Options.MaxNmeaDelay.TotalMilliseconds:F0} ms; check the NMEA source sends RMC (status A) or ZDA with time and date"),
            _ => FormattableString.Invariant(
                $"PPS on GPIO {pin}: locked, offset {mean * 1e6:F1} us (median {Median() * 1e6:F1} us), jitter {jitter * 1e6:F1} us RMS, drift {drift:F2} ppm over {_windowCount} samples"),
        };
    }
}
