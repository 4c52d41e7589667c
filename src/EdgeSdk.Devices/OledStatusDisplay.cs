using System.Device.I2c;
using Iot.Device.Ssd13xx;
using Iot.Device.Ssd13xx.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ssd1306Cmd = Iot.Device.Ssd13xx.Commands.Ssd1306Commands;

namespace EdgeSdk.Devices;

/// <summary>
/// A tracker's status on a 128×64 SSD1306 OLED over I2C, drawn through the Iot.Device.Ssd13xx binding.
/// A display that is absent or stops answering never stops the program: <see cref="Show"/> returns false,
/// <see cref="State"/> becomes <see cref="DisplayState.NotConnected"/> with a <see cref="StatusMessage"/>
/// naming the bus, the address and the fix, and the next update tries again (so a display plugged in
/// later starts working).
/// </summary>
/// <example><code>
/// using var display = new OledStatusDisplay(new I2cConnectionSettings(busId: 1, deviceAddress: 0x3C));
/// if (!display.Show(TrackerStatus.FromFix(fix, "TRUCK 7", queueDepth: 12, broker: BrokerLinkState.Connected)))
///     Console.WriteLine(display.StatusMessage);
/// </code></example>
public sealed class OledStatusDisplay : IDisposable
{
    /// <summary>The usual I2C address of SSD1306 modules (0x3D when the module's address pad is moved).</summary>
    public const int DefaultI2cAddress = 0x3C;

    // Power-on sequence of a 128x64 module with the internal charge pump, upright (segment and COM
    // scan remapped, as the usual 0.96" modules are wired). One table, sent in order.
    private static readonly ICommand[] InitSequence =
    [
        new SetDisplayOff(),
        new Ssd1306Cmd.SetDisplayClockDivideRatioOscillatorFrequency(0x00, 0x08),
        new SetMultiplexRatio(MonochromeFrame.HeightPixels - 1),
        new Ssd1306Cmd.SetDisplayOffset(0),
        new Ssd1306Cmd.SetDisplayStartLine(0),
        new Ssd1306Cmd.SetChargePump(true),
        new Ssd1306Cmd.SetMemoryAddressingMode(Ssd1306Cmd.SetMemoryAddressingMode.AddressingMode.Horizontal),
        new Ssd1306Cmd.SetSegmentReMap(true),
        new Ssd1306Cmd.SetComOutputScanDirection(false),
        new Ssd1306Cmd.SetComPinsHardwareConfiguration(true, false),
        new SetContrastControlForBank0(0x8F),
        new Ssd1306Cmd.SetPreChargePeriod(0x01, 0x0F),
        new Ssd1306Cmd.SetVcomhDeselectLevel(Ssd1306Cmd.SetVcomhDeselectLevel.DeselectLevel.Vcc0_77),
        new Ssd1306Cmd.EntireDisplayOn(false),
        new Ssd1306Cmd.SetNormalDisplay(),
        new SetDisplayOn(),
    ];

    // Before every frame: the whole screen as the write window, so the frame's 1024 bytes fill it exactly.
    private static readonly ICommand[] FrameWindow =
    [
        new Ssd1306Cmd.SetColumnAddress(0, MonochromeFrame.WidthPixels - 1),
        new Ssd1306Cmd.SetPageAddress(Ssd1306Cmd.PageAddress.Page0, Ssd1306Cmd.PageAddress.Page7),
    ];

    private readonly Func<I2cDevice> _open;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private Ssd1306? _display;
    private long _nextUpdateTicks;
    private long _framesShown;
    private long _failedUpdates;

    /// <summary>A display on <paramref name="settings"/>' bus and address (Linux: /dev/i2c-<c>busId</c>).</summary>
    public OledStatusDisplay(I2cConnectionSettings settings, ILogger<OledStatusDisplay>? logger = null)
        : this(() => I2cDevice.Create(settings), Describe(settings), logger)
    {
    }

    /// <summary>
    /// A display on the device <paramref name="open"/> returns (called again after a failure);
    /// <paramref name="deviceName"/> names it in <see cref="StatusMessage"/>.
    /// </summary>
    public OledStatusDisplay(Func<I2cDevice> open, string deviceName, ILogger<OledStatusDisplay>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceName);
        _open = open;
        DeviceName = deviceName;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        StatusMessage = $"{deviceName}: nothing shown yet";
    }

    /// <summary>The display's name in messages, e.g. "SSD1306 on I2C bus 1 at 0x3C".</summary>
    public string DeviceName { get; }

    /// <summary>State after the last update.</summary>
    public DisplayState State { get; private set; } = DisplayState.NotStarted;

    /// <summary>One line for the user: what the display is doing, or why it is not and how to fix it.</summary>
    public string StatusMessage { get; private set; }

    /// <summary>Frames that reached the display.</summary>
    public long FramesShown => Interlocked.Read(ref _framesShown);

    /// <summary>Updates that failed because the display did not answer.</summary>
    public long FailedUpdates => Interlocked.Read(ref _failedUpdates);

    /// <summary>
    /// Least time between updates that <see cref="IsUpdateDue"/> asks for: a full frame is ~25 ms of a
    /// 400 kHz bus, and a person reads a status line no faster than once a second. Default 1000 ms.
    /// </summary>
    public int UpdateIntervalMilliseconds { get; init; } = 1000;

    /// <summary>
    /// Whether <see cref="UpdateIntervalMilliseconds"/> has passed since the last <see cref="Show"/>:
    /// callers with a fast stream of fixes (10 Hz receivers) check it before building a status.
    /// </summary>
    public bool IsUpdateDue => Environment.TickCount64 >= Interlocked.Read(ref _nextUpdateTicks);

    /// <summary>The last frame drawn (whether or not it reached the display).</summary>
    public MonochromeFrame Frame { get; } = new();

    /// <summary>
    /// Draws <paramref name="status"/> and sends it to the display. Returns false, with
    /// <see cref="State"/> and <see cref="StatusMessage"/> saying why, when the display did not answer;
    /// never throws for a missing or failing display.
    /// </summary>
    public bool Show(TrackerStatus status) => ShowLines(StatusScreen.FormatLines(status));

    /// <summary>
    /// Draws eight text <paramref name="lines"/> (row 0 inverted as a title; see <see cref="StatusScreen.RenderLines"/>)
    /// and sends them, as <see cref="Show"/> does for a tracker's status: other screens (e.g. <see cref="BikeScreen"/>)
    /// use the same display. Never throws for a missing or failing display.
    /// </summary>
    public bool ShowLines(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            Interlocked.Exchange(ref _nextUpdateTicks, Environment.TickCount64 + UpdateIntervalMilliseconds);
            StatusScreen.RenderLines(lines, Frame);
            try
            {
                Ssd1306 display = _display ??= Start();
                Send(display, FrameWindow);
                display.SendData(Frame.Pages);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
            {
                // IOException: NACK (absent, unpowered, wrong address) or no /dev/i2c-N; the others: no
                // permission on the bus, no I2C on this platform, a bus number the OS rejects.
                Stop();
                Interlocked.Increment(ref _failedUpdates);
                string message = $"{DeviceName}: not answering ({ex.Message.TrimEnd('.')}); check VCC/GND/SDA/SCL wiring, " +
                    "that I2C is enabled (raspi-config) and the address (i2cdetect -y <bus>); the tracker keeps running without it";
                if (State != DisplayState.NotConnected)
                {
                    DevicesLog.DisplayNotConnected(_logger, message);
                }

                State = DisplayState.NotConnected;
                StatusMessage = message;
                return false;
            }

            Interlocked.Increment(ref _framesShown);
            if (State != DisplayState.Showing)
            {
                DevicesLog.DisplayShowing(_logger, DeviceName);
            }

            State = DisplayState.Showing;
            StatusMessage = $"{DeviceName}: showing status";
            return true;
        }
    }

    /// <summary>Turns the display off (best effort) and releases the I2C device.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_display is not null)
            {
                try
                {
                    _display.SendCommand(new SetDisplayOff());
                }
                catch (IOException)
                {
                    // Already gone: nothing to turn off.
                }
            }

            Stop();
        }
    }

    private static string Describe(I2cConnectionSettings settings) =>
        $"SSD1306 on I2C bus {settings.BusId} at 0x{settings.DeviceAddress:X2}";

    private static void Send(Ssd1306 display, ICommand[] commands)
    {
        foreach (ICommand command in commands)
        {
            // The binding takes a display's own commands and the commands the SSD13xx family shares
            // through separate overloads.
            if (command is ISsd1306Command own)
            {
                display.SendCommand(own);
            }
            else
            {
                display.SendCommand((ISharedCommand)command);
            }
        }
    }

    private Ssd1306 Start()
    {
        PlainImageFactory.RegisterIfNoneRegistered();
        I2cDevice device = _open();
        try
        {
            var display = new Ssd1306(device, MonochromeFrame.WidthPixels, MonochromeFrame.HeightPixels);
            Send(display, InitSequence);
            return display;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private void Stop()
    {
        _display?.Dispose();
        _display = null;
    }
}
