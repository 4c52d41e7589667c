using System;
using System.IO.Ports;
using EdgeSdk.Tracker;
using nanoFramework.Hardware.Esp32;

namespace EdgeSdk.Tracker.Board;

/// <summary>The GNSS module's UART on an ESP32 (nanoFramework.System.IO.Ports), with its pins routed to COM2.</summary>
public sealed class Esp32SerialLink : ISerialLink
{
    private readonly SerialPort _port;

    /// <summary>Routes <paramref name="rxPin"/>/<paramref name="txPin"/> to COM2 and opens it.</summary>
    /// <param name="rxPin">GPIO wired to the module's TX.</param>
    /// <param name="txPin">GPIO wired to the module's RX.</param>
    /// <param name="baudRate">The module's rate (ATGM336H and Quectel L76K: 9600 by default).</param>
    public Esp32SerialLink(int rxPin, int txPin, int baudRate)
    {
        Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
        Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
        // 50 ms: long enough to take a burst in few reads, short enough for the loop to send between bursts.
        _port = new SerialPort("COM2", baudRate) { ReadTimeout = 50 };
        _port.Open();
    }

    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            int available = _port.BytesToRead;
            return _port.Read(buffer, offset, available > 0 && available < count ? available : count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }
}
