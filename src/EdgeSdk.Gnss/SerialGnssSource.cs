using System.IO.Ports;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// A serial port source (<c>serial:/dev/ttyUSB0?baud=9600</c>) over System.IO.Ports. With
/// <c>baud=auto</c> it tries <see cref="AutoBaudRates"/> until valid sentences arrive. When the
/// device disappears (USB unplugged) it reports it and reopens the same path when it returns.
/// </summary>
public sealed class SerialGnssSource : GnssSource
{
    /// <summary>Rates tried by <c>baud=auto</c>, most common first (CASIC/u-blox 9600, Quectel 115200).</summary>
    public static readonly IReadOnlyList<int> AutoBaudRates = [9600, 115200, 38400, 4800, 19200, 57600, 230400, 460800, 921600];

    private readonly string _portName;
    private readonly bool _auto;
    private SerialPort? _port;
    private Stream? _stream;
    private volatile bool _disposed; // set by DisposeAsync, possibly while a read waits to reopen

    /// <summary>Creates a source for <paramref name="portName"/> at <paramref name="baudRate"/> (0: detect).</summary>
    public SerialGnssSource(string portName, int baudRate)
    {
        _portName = portName;
        _auto = baudRate <= 0;
        BaudRate = _auto ? AutoBaudRates[0] : baudRate;
    }

    /// <summary>The current (or detected) baud rate.</summary>
    public int BaudRate { get; private set; }

    /// <summary>How long each rate is listened to while detecting the baud rate.</summary>
    public TimeSpan ProbeTime { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How often a vanished device's path is checked for its return.</summary>
    public TimeSpan ReopenInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Number of times the device vanished and was reopened.</summary>
    public int Reopens { get; private set; }

    /// <inheritdoc />
    public override string Name => _auto ? $"serial {_portName} (baud=auto, {BaudRate})" : $"serial {_portName} at {BaudRate} baud";

    /// <inheritdoc />
    public override string Path => _portName;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override string NoDataHint => _auto ? $" from {_portName} at any baud rate" : $" at {BaudRate} baud — try baud=auto";

    /// <inheritdoc />
    public override async ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_stream != null)
        {
            return;
        }

        if (!File.Exists(_portName) && !OperatingSystem.IsWindows())
        {
            throw new IOException($"serial port {_portName} does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)");
        }

        await OpenAtAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_disposed)
            {
                return 0; // disposed: the end of this source, never a reopen of a path that may now be another device
            }

            if (_stream == null)
            {
                await WaitAndReopenAsync(cancellationToken).ConfigureAwait(false);
                continue; // disposed while waiting, or reopened
            }

            try
            {
                int read = await _stream!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    return read;
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
            {
                // Unplugging a USB adapter surfaces as EIO on the open descriptor.
            }

            if (_disposed)
            {
                return 0;
            }

            ReportStatus(GnssStatusKind.ConnectionLost, $"device {_portName} disappeared; waiting for it to come back");
            Close();
        }
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        Stream stream = _stream ?? throw new IOException($"serial port {_portName} is not open");
        await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes the port's baud rate (after telling the receiver to switch, e.g. with
    /// <see cref="CasicCommandSet"/>'s baud command).
    /// </summary>
    public void ChangeBaudRate(int baudRate)
    {
        BaudRate = baudRate;
        if (_port != null)
        {
            _port.BaudRate = baudRate;
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _disposed = true;
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task OpenAtAsync(CancellationToken cancellationToken)
    {
        if (!_auto)
        {
            OpenPort(BaudRate);
            ReportStatus(GnssStatusKind.Opened, $"opened {Name}");
            return;
        }

        while (true)
        {
            foreach (int rate in AutoBaudRates)
            {
                OpenPort(rate);
                if (await ProbeAsync(cancellationToken).ConfigureAwait(false))
                {
                    ReportStatus(GnssStatusKind.Opened, $"opened {_portName}: valid sentences at {rate} baud");
                    return;
                }

                Close();
            }

            ReportStatus(GnssStatusKind.NoValidData, $"no valid sentences from {_portName} at any baud rate ({AutoBaudRates[0]}…{AutoBaudRates[^1]}); retrying — check wiring (TX→RX) and power");
        }
    }

    private void OpenPort(int rate)
    {
        var port = new SerialPort(_portName, rate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
        }
        catch (UnauthorizedAccessException ex)
        {
            port.Dispose();
            throw new IOException($"serial port {_portName}: permission denied — add your user to the dialout group (sudo usermod -aG dialout $USER) or check that no other program holds it", ex);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new IOException($"cannot open serial port {_portName} at {rate} baud: {ex.Message}", ex);
        }

        _port = port;
        _stream = port.BaseStream;
        BaudRate = rate;
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var reader = new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Required };
        byte[] buffer = new byte[1024];
        using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probe.CancelAfter(ProbeTime);
        try
        {
            while (reader.Statistics.Framed < 2)
            {
                int read = await _stream!.ReadAsync(buffer, probe.Token).ConfigureAwait(false);
                reader.Feed(buffer, 0, read);
                while (reader.Read())
                {
                    // Counting framed sentences is all the probe needs.
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task WaitAndReopenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(ReopenInterval, cancellationToken).ConfigureAwait(false);
            if (_disposed)
            {
                return; // ReadAsync ends the source
            }

            if (!File.Exists(_portName) && !OperatingSystem.IsWindows())
            {
                continue;
            }

            try
            {
                await OpenAtAsync(cancellationToken).ConfigureAwait(false);
                Reopens++;
                ReportStatus(GnssStatusKind.Reconnected, $"device {_portName} is back at {BaudRate} baud");
                return;
            }
            catch (IOException)
            {
                // Present but not ready yet (udev still setting permissions): try again.
            }
        }
    }

    private void Close()
    {
        try
        {
            _port?.Dispose();
        }
        catch (IOException)
        {
            // Closing a port whose device is gone may fail; it is gone either way.
        }

        _port = null;
        _stream = null;
    }
}
