using System.Device.I2c;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A virtual 128×64 SSD1306 OLED on I2C: an <see cref="I2cDevice"/> that interprets the controller's
/// byte stream (control byte with Co and D/C bits, then commands or display data) into its 1 KB display
/// memory, with the addressing modes, column/page windows, segment and COM remap, start line, inverse,
/// entire-display-on and display on/off, and renders what the panel shows to a PNG. Unplugging it
/// (<see cref="Connected"/> = false) makes every transfer fail as a NACK does on Linux.
/// </summary>
/// <remarks>
/// The panel is mounted as on the common 0.96-inch modules: with segment remap (0xA1) and COM scan
/// remap (0xC8) set, memory column 0 of page 0 is the top-left corner.
/// </remarks>
/// <example><code>
/// var oled = new VirtualSsd1306();
/// using var display = new OledStatusDisplay(() => oled, "virtual SSD1306");
/// display.Show(status);
/// File.WriteAllBytes("status.png", oled.ToPng(scale: 4));
/// </code></example>
public sealed class VirtualSsd1306 : I2cDevice
{
    /// <summary>Width of the panel in pixels.</summary>
    public const int WidthPixels = 128;

    /// <summary>Height of the panel in pixels.</summary>
    public const int HeightPixels = 64;

    private const int Pages = HeightPixels / 8;

    // Argument bytes after each command byte that takes any (SSD1306 datasheet, section 9).
    private static readonly Dictionary<byte, int> ArgumentCounts = new()
    {
        [0x20] = 1, [0x21] = 2, [0x22] = 2, [0x26] = 6, [0x27] = 6, [0x29] = 5, [0x2A] = 5,
        [0x81] = 1, [0x8D] = 1, [0xA3] = 2, [0xA8] = 1, [0xD3] = 1, [0xD5] = 1, [0xD9] = 1, [0xDA] = 1, [0xDB] = 1,
    };

    private readonly object _gate = new();
    private readonly byte[] _ram = new byte[WidthPixels * Pages];
    private readonly List<byte> _pendingCommand = new(8);
    private int _addressingMode = 2; // reset: page addressing
    private int _columnStart;
    private int _columnEnd = WidthPixels - 1;
    private int _pageStart;
    private int _pageEnd = Pages - 1;
    private int _column;
    private int _page;

    /// <summary>A display at <paramref name="address"/> on <paramref name="busId"/>.</summary>
    public VirtualSsd1306(int busId = 1, int address = 0x3C)
    {
        ConnectionSettings = new I2cConnectionSettings(busId, address);
    }

    /// <inheritdoc/>
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Whether the module answers; false makes every transfer throw <see cref="IOException"/> (a NACK).</summary>
    public bool Connected { get; set; } = true;

    /// <summary>Whether the panel is on (0xAF) or off (0xAE, the reset state).</summary>
    public bool DisplayOn { get; private set; }

    /// <summary>Whether the panel shows memory inverted (0xA7).</summary>
    public bool Inverse { get; private set; }

    /// <summary>Whether every pixel is lit regardless of memory (0xA5).</summary>
    public bool EntireDisplayOn { get; private set; }

    /// <summary>Whether the charge pump is enabled (0x8D 0x14); without it a real panel stays dark.</summary>
    public bool ChargePumpOn { get; private set; }

    /// <summary>Whether segment remap is set (0xA1).</summary>
    public bool SegmentRemap { get; private set; }

    /// <summary>Whether COM scan is remapped (0xC8).</summary>
    public bool ComScanRemap { get; private set; }

    /// <summary>Display start line (0x40–0x7F).</summary>
    public int StartLine { get; private set; }

    /// <summary>Contrast (0x81).</summary>
    public int Contrast { get; private set; } = 0x7F;

    /// <summary>I2C write transactions received.</summary>
    public long Writes { get; private set; }

    /// <summary>Command bytes received (command codes and their arguments).</summary>
    public long CommandBytes { get; private set; }

    /// <summary>Display data bytes received.</summary>
    public long DataBytes { get; private set; }

    /// <summary>Command codes this model does not know (ignored, as the controller does).</summary>
    public long UnknownCommands { get; private set; }

    /// <summary>Transfers refused because the module was not <see cref="Connected"/>.</summary>
    public long NackedTransfers { get; private set; }

    /// <summary>Whether the panel lights the pixel at (<paramref name="xPixels"/>, <paramref name="yPixels"/>) from the top left.</summary>
    public bool IsLit(int xPixels, int yPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(xPixels);
        ArgumentOutOfRangeException.ThrowIfNegative(yPixels);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(xPixels, WidthPixels);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(yPixels, HeightPixels);
        lock (_gate)
        {
            if (!DisplayOn || !ChargePumpOn)
            {
                return false;
            }

            if (EntireDisplayOn)
            {
                return true;
            }

            int column = SegmentRemap ? xPixels : WidthPixels - 1 - xPixels;
            int row = ((ComScanRemap ? yPixels : HeightPixels - 1 - yPixels) + StartLine) % HeightPixels;
            bool bit = (_ram[(row / 8 * WidthPixels) + column] & (1 << (row % 8))) != 0;
            return bit ^ Inverse;
        }
    }

    /// <summary>A copy of the display memory (8 pages of 128 column bytes), as written.</summary>
    public byte[] SnapshotMemory()
    {
        lock (_gate)
        {
            return (byte[])_ram.Clone();
        }
    }

    /// <summary>What the panel shows, as an 8-bit grayscale PNG, each pixel <paramref name="scale"/>×<paramref name="scale"/> (lit white on black).</summary>
    public byte[] ToPng(int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 16);
        int width = WidthPixels * scale;
        var pixels = new byte[width * HeightPixels * scale];
        for (int y = 0; y < HeightPixels; y++)
        {
            for (int x = 0; x < WidthPixels; x++)
            {
                if (!IsLit(x, y))
                {
                    continue;
                }

                for (int dy = 0; dy < scale; dy++)
                {
                    pixels.AsSpan((((y * scale) + dy) * width) + (x * scale), scale).Fill(0xFF);
                }
            }
        }

        return PngEncoder.EncodeGray8(pixels, width, HeightPixels * scale);
    }

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            Answer();
            Writes++;
            int i = 0;
            while (i < buffer.Length)
            {
                byte control = buffer[i++];
                bool continuation = (control & 0x80) != 0;
                bool data = (control & 0x40) != 0;
                // Co = 1: one byte follows, then another control byte; Co = 0: the rest is all of one kind.
                int end = continuation ? Math.Min(i + 1, buffer.Length) : buffer.Length;
                for (; i < end; i++)
                {
                    if (data)
                    {
                        WriteData(buffer[i]);
                    }
                    else
                    {
                        WriteCommandByte(buffer[i]);
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Reads the status byte: bit 6 set while the display is off (as the controller reports).</summary>
    public override byte ReadByte()
    {
        lock (_gate)
        {
            Answer();
            return (byte)(DisplayOn ? 0x00 : 0x40);
        }
    }

    /// <inheritdoc/>
    public override void Read(Span<byte> buffer) => buffer.Fill(ReadByte());

    /// <inheritdoc/>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void Answer()
    {
        if (!Connected)
        {
            NackedTransfers++;
            // What System.Device.Gpio's Linux bus reports for a NACK (EREMOTEIO, errno 121).
            throw new IOException("Error 121 performing I2C data transfer.");
        }
    }

    private void WriteData(byte value)
    {
        DataBytes++;
        _ram[(_page * WidthPixels) + _column] = value;
        switch (_addressingMode)
        {
            case 0: // horizontal: along the column window, then the next page
                if (++_column > _columnEnd)
                {
                    _column = _columnStart;
                    _page = _page >= _pageEnd ? _pageStart : _page + 1;
                }

                break;
            case 1: // vertical: down the page window, then the next column
                if (++_page > _pageEnd)
                {
                    _page = _pageStart;
                    _column = _column >= _columnEnd ? _columnStart : _column + 1;
                }

                break;
            default: // page: along the page, wrapping to its start
                _column = (_column + 1) % WidthPixels;
                break;
        }
    }

    private void WriteCommandByte(byte value)
    {
        CommandBytes++;
        _pendingCommand.Add(value);
        byte code = _pendingCommand[0];
        if (ArgumentCounts.TryGetValue(code, out int arguments) && _pendingCommand.Count <= arguments)
        {
            return; // wait for the arguments
        }

        Execute(code);
        _pendingCommand.Clear();
    }

    private void Execute(byte code)
    {
        List<byte> c = _pendingCommand;
        switch (code)
        {
            case 0xAE or 0xAF: DisplayOn = code == 0xAF; break;
            case 0xA6 or 0xA7: Inverse = code == 0xA7; break;
            case 0xA4 or 0xA5: EntireDisplayOn = code == 0xA5; break;
            case 0xA0 or 0xA1: SegmentRemap = code == 0xA1; break;
            case 0xC0 or 0xC8: ComScanRemap = code == 0xC8; break;
            case >= 0x40 and <= 0x7F: StartLine = code - 0x40; break;
            case >= 0x00 and <= 0x0F: _column = (_column & 0xF0) | code; break;             // page mode: lower column nibble
            case >= 0x10 and <= 0x1F: _column = ((code & 0x07) << 4) | (_column & 0x0F); break; // page mode: upper nibble
            case >= 0xB0 and <= 0xB7: _page = code - 0xB0; break;                              // page mode: page
            case 0x20: _addressingMode = c[1] & 0x03; break;
            case 0x21:
                _columnStart = _column = c[1] & 0x7F;
                _columnEnd = c[2] & 0x7F;
                break;
            case 0x22:
                _pageStart = _page = c[1] & 0x07;
                _pageEnd = c[2] & 0x07;
                break;
            case 0x81: Contrast = c[1]; break;
            case 0x8D: ChargePumpOn = (c[1] & 0x04) != 0; break;
            case 0x26 or 0x27 or 0x29 or 0x2A or 0x2E or 0x2F or 0xA3: break; // scrolling: not modelled, the status screen never scrolls
            case 0xA8 or 0xD3 or 0xD5 or 0xD9 or 0xDA or 0xDB or 0xE3: break; // timing and panel wiring: no visible effect here
            default: UnknownCommands++; break;
        }
    }
}
