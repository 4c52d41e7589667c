using System.Device.Gpio;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A virtual GPIO chip for <see cref="GpioController"/>: pins with modes and values, edge events and
/// <see cref="GpioDriver.WaitForEvent"/>. Two pins are wired to the simulated board: the receiver's
/// PPS output (<see cref="PpsPin"/>, a rising then falling edge at the top of each simulated second)
/// and a push button (<see cref="ButtonPin"/>, active low: reads High when released, Low when pressed).
/// Tests and programs can also drive any input with <see cref="SetInput"/>.
/// </summary>
/// <example><code>
/// var driver = new VirtualGpioDriver();
/// using var gpio = new GpioController(driver);
/// gpio.OpenPin(driver.ButtonPin, PinMode.InputPullUp);
/// gpio.RegisterCallbackForPinValueChangedEvent(driver.ButtonPin, PinEventTypes.Falling, (_, e) => Console.WriteLine("pressed"));
/// </code></example>
public sealed class VirtualGpioDriver : GpioDriver
{
    private readonly object _gate = new();
    private readonly Pin[] _pins;

    /// <summary>Creates a chip with <paramref name="pinCount"/> pins, the PPS and button on the given pins.</summary>
    public VirtualGpioDriver(int pinCount = 28, int ppsPin = 18, int buttonPin = 17)
    {
        if (pinCount < 1 || ppsPin < 0 || ppsPin >= pinCount || buttonPin < 0 || buttonPin >= pinCount || ppsPin == buttonPin)
        {
            throw new ArgumentException("the PPS and button pins must be distinct pins below pinCount");
        }

        _pins = Enumerable.Range(0, pinCount).Select(_ => new Pin()).ToArray();
        PpsPin = ppsPin;
        ButtonPin = buttonPin;
        _pins[buttonPin].Driven = PinValue.High; // released
        _pins[ppsPin].Driven = PinValue.Low;
    }

    /// <summary>Pin carrying the receiver's pulse-per-second.</summary>
    public int PpsPin { get; }

    /// <summary>Pin of the push button (active low).</summary>
    public int ButtonPin { get; }

    /// <summary>Number of PPS pulses sent so far.</summary>
    public long PpsPulses { get; private set; }

    /// <inheritdoc/>
    protected override int PinCount => _pins.Length;

    /// <summary>Sends one PPS pulse: the PPS pin goes High (rising edge) then Low (falling edge).</summary>
    public void PulsePps()
    {
        SetInput(PpsPin, PinValue.High);
        SetInput(PpsPin, PinValue.Low);
        PpsPulses++;
    }

    /// <summary>Presses the button (its pin goes Low: a falling edge).</summary>
    public void PressButton() => SetInput(ButtonPin, PinValue.Low);

    /// <summary>Releases the button (its pin goes High: a rising edge).</summary>
    public void ReleaseButton() => SetInput(ButtonPin, PinValue.High);

    /// <summary>Drives a pin from outside the program, as wiring would; raises the edge events of a change.</summary>
    public void SetInput(int pinNumber, PinValue value)
    {
        Pin pin = PinAt(pinNumber);
        List<PinChangeEventHandler> handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            PinValue before = ValueOf(pin);
            pin.Driven = value;
            PinValue after = ValueOf(pin);
            if (before == after)
            {
                return;
            }

            edge = after == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = pin.Callbacks.Where(c => (c.Events & edge) != 0).Select(c => c.Handler).ToList();
            foreach (TaskCompletionSource<PinEventTypes> waiter in pin.Waiters.Where(w => (w.Events & edge) != 0).Select(w => w.Completion).ToList())
            {
                waiter.TrySetResult(edge);
            }

            pin.Waiters.RemoveAll(w => w.Completion.Task.IsCompleted);
        }

        foreach (PinChangeEventHandler handler in handlers)
        {
            handler(this, new PinValueChangedEventArgs(edge, pinNumber));
        }
    }

    /// <inheritdoc/>
    protected override void OpenPin(int pinNumber) => PinAt(pinNumber);

    /// <inheritdoc/>
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Callbacks.Clear();
        }
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Mode = mode;
        }
    }

    /// <inheritdoc/>
    protected override PinMode GetPinMode(int pinNumber) => PinAt(pinNumber).Mode;

    /// <inheritdoc/>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    /// <inheritdoc/>
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return ValueOf(PinAt(pinNumber));
        }
    }

    /// <inheritdoc/>
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Output = value;
        }
    }

    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            PinAt(pinNumber).Waiters.Add((eventTypes, completion));
        }

        try
        {
            completion.Task.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = completion.Task.Result, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                PinAt(pinNumber).Waiters.RemoveAll(w => w.Completion == completion);
            }

            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    /// <inheritdoc/>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc/>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            PinAt(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    // What a read sees: an output pin reads back what was written; an input reads the external
    // level, or its pull resistor when nothing drives it.
    private static PinValue ValueOf(Pin pin) => pin.Mode == PinMode.Output
        ? pin.Output
        : pin.Driven ?? (pin.Mode == PinMode.InputPullUp ? PinValue.High : PinValue.Low);

    private Pin PinAt(int pinNumber) => pinNumber >= 0 && pinNumber < _pins.Length
        ? _pins[pinNumber]
        : throw new ArgumentOutOfRangeException(nameof(pinNumber), $"pin {pinNumber} does not exist: this virtual chip has pins 0–{_pins.Length - 1}");

    private sealed class Pin
    {
        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Output { get; set; } = PinValue.Low;

        public PinValue? Driven { get; set; }

        public List<(PinEventTypes Events, PinChangeEventHandler Handler)> Callbacks { get; } = new();

        public List<(PinEventTypes Events, TaskCompletionSource<PinEventTypes> Completion)> Waiters { get; } = new();
    }
}
