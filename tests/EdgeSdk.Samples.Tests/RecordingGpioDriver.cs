using System.Device.Gpio;

namespace EdgeSdk.Samples.Tests;

/// <summary>
/// A GPIO driver that passes everything to another chip (the simulator's virtual one) and tells
/// the test about every output write, in the order the program made them.
/// </summary>
public sealed class RecordingGpioDriver(GpioDriver chip, Action<int, PinValue> written) : GpioDriver
{
    private readonly GpioController _chip = new(chip);

    protected override int PinCount => _chip.PinCount;

    protected override void OpenPin(int pinNumber) => _chip.OpenPin(pinNumber);

    protected override void ClosePin(int pinNumber) => _chip.ClosePin(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _chip.SetPinMode(pinNumber, mode);

    protected override PinMode GetPinMode(int pinNumber) => _chip.GetPinMode(pinNumber);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => _chip.IsPinModeSupported(pinNumber, mode);

    protected override PinValue Read(int pinNumber) => _chip.Read(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        _chip.Write(pinNumber, value);
        written(pinNumber, value);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
        => _chip.WaitForEvent(pinNumber, eventTypes, cancellationToken);

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        => _chip.RegisterCallbackForPinValueChangedEvent(pinNumber, eventTypes, callback);

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
        => _chip.UnregisterCallbackForPinValueChangedEvent(pinNumber, callback);

    protected override void Dispose(bool disposing)
    {
        _chip.Dispose();
        base.Dispose(disposing);
    }
}
