using System.Device.Gpio;
using EdgeSdk.Gnss;

namespace StudentGnssLed;

/// <summary>
/// Blinks an LED as many times as gpsd's mode number, then pauses: 1 blink = no fix,
/// 2 blinks = 2D fix, 3 blinks = 3D fix; dark while nothing has been heard from the receiver.
/// </summary>
public sealed class FixLed
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly BlinkTiming _timing;
    private int _mode; // FixMode, read by the blink loop, written by the fix loop

    public FixLed(GpioController gpio, int pin, BlinkTiming? timing = null)
    {
        _gpio = gpio;
        _pin = pin;
        _timing = timing ?? BlinkTiming.Default;
        _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
    }

    /// <summary>The fix state the next cycle shows.</summary>
    public FixMode Mode
    {
        get => (FixMode)Volatile.Read(ref _mode);
        set => Volatile.Write(ref _mode, (int)value);
    }

    /// <summary>Raised at the start of each cycle with the mode it blinks.</summary>
    public event Action<FixMode>? CycleStarted;

    /// <summary>Blinks per cycle for a mode: its gpsd number (1 none, 2 2D, 3 3D), 0 when unknown.</summary>
    public static int BlinksFor(FixMode mode) => mode == FixMode.Unknown ? 0 : (int)mode;

    /// <summary>Blinks until cancelled, then leaves the LED off.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                FixMode mode = Mode;
                CycleStarted?.Invoke(mode);
                for (int i = 0; i < BlinksFor(mode); i++)
                {
                    _gpio.Write(_pin, PinValue.High);
                    await Task.Delay(_timing.On, cancellationToken);
                    _gpio.Write(_pin, PinValue.Low);
                    await Task.Delay(_timing.Off, cancellationToken);
                }

                await Task.Delay(_timing.Pause, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _gpio.Write(_pin, PinValue.Low);
        }
    }
}
