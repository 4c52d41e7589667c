using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>
/// Where a receiver's bytes come from: a serial port, a TCP or UDP socket, a file or stdin.
/// A source delivers raw bytes; live sources (serial, TCP) survive the device or the
/// connection going away and come back on their own, reporting it through <see cref="StatusChanged"/>.
/// </summary>
/// <remarks>
/// Create one from a URI with <see cref="Parse"/>: <c>serial:/dev/ttyUSB0?baud=9600</c>
/// (<c>baud=auto</c> probes the common rates), <c>tcp://host:port</c>, <c>udp://:port</c>,
/// a file path or <c>file:path</c>, and <c>-</c> for stdin.
/// </remarks>
public abstract class GnssSource : IAsyncDisposable
{
    private GnssStatusKind _statusKind;
    private string _statusText = "not opened";

    /// <summary>Human-readable name of the resource, e.g. <c>serial /dev/ttyUSB0 at 9600 baud</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The device path or address gpsd clients see in <c>DEVICES</c>.</summary>
    public abstract string Path { get; }

    /// <summary>True for sources that end (files, stdin); live sources read forever.</summary>
    public virtual bool IsFinite => false;

    /// <summary>True when <see cref="WriteAsync"/> reaches the receiver (serial ports and TCP).</summary>
    public virtual bool CanWrite => false;

    /// <summary>
    /// Appended to "no valid sentences in N s" to help the user, e.g. <c> at 9600 baud — try baud=auto</c>.
    /// </summary>
    public virtual string NoDataHint => " from " + Name;

    /// <summary>What the last status reported says (opened, connection lost, reconnected, ...).</summary>
    public GnssStatusKind StatusKind => _statusKind;

    /// <summary>The last status reported, for people.</summary>
    public string StatusText => _statusText;

    /// <summary>Raised when the source's status changes; the argument holds the new kind and text.</summary>
    public event EventHandler<GnssStatusEventArgs>? StatusChanged;

    /// <summary>Optional logger for status changes; null is silent.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Opens the resource (again calls do nothing while it is open). Throws <see cref="IOException"/> with a one-line message naming the
    /// resource when it does not exist or cannot be opened.
    /// </summary>
    public abstract ValueTask OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the next bytes into <paramref name="buffer"/>. Returns 0 only at the end of a finite
    /// source; live sources wait, reconnecting when needed.
    /// </summary>
    public abstract ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes bytes (e.g. configuration sentences) to the receiver.</summary>
    /// <exception cref="NotSupportedException">The source is read-only (see <see cref="CanWrite"/>).</exception>
    public virtual ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        => throw new NotSupportedException($"{Name} is read-only: configuration needs a serial or TCP source");

    /// <summary>Releases the resource.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Records and raises a status change.</summary>
    /// <param name="kind">What it says, for programs.</param>
    /// <param name="text">The status line, for people.</param>
    protected void ReportStatus(GnssStatusKind kind, string text)
    {
        _statusKind = kind;
        _statusText = text;
        if (Logger != null)
        {
            GnssLog.SourceStatus(Logger, Path, text);
        }

        StatusChanged?.Invoke(this, new GnssStatusEventArgs(kind, text));
    }

    /// <summary>
    /// Creates a source from a URI: <c>serial:/dev/ttyUSB0?baud=9600</c> or <c>?baud=auto</c>,
    /// <c>tcp://host:port</c>, <c>udp://:port</c> or <c>udp://127.0.0.1:port</c>, <c>-</c> for stdin,
    /// <c>file:path</c> or a plain path. A bare device path (anything in <c>/dev/</c>, such as
    /// <c>/dev/ttyUSB0</c> or a Raspberry Pi's <c>/dev/serial0</c>, or a link into <c>/dev/</c>) is a
    /// serial port at 9600 baud; a directory is refused with a message saying so.
    /// </summary>
    /// <exception cref="ArgumentException">The URI is malformed; the message says what is wrong.</exception>
    /// <exception cref="IOException">The URI names a file that does not exist, or a directory.</exception>
    public static GnssSource Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (uri == "-")
        {
            return new StreamGnssSource("stdin", () => Console.OpenStandardInput());
        }

        if (uri.StartsWith("serial:", StringComparison.Ordinal) || IsDevicePath(uri))
        {
            string rest = uri.StartsWith("serial:", StringComparison.Ordinal) ? uri["serial:".Length..] : uri;
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                rest = rest[2..];
            }

            int query = rest.IndexOf('?', StringComparison.Ordinal);
            string path = query < 0 ? rest : rest[..query];
            string baud = query < 0 ? "9600" : QueryValue(rest[(query + 1)..], "baud") ?? "9600";
            if (path.Length == 0)
            {
                throw new ArgumentException($"serial source '{uri}' names no device; use serial:/dev/ttyUSB0?baud=9600");
            }

            if (baud == "auto")
            {
                return new SerialGnssSource(path, 0);
            }

            if (!int.TryParse(baud, NumberStyles.None, CultureInfo.InvariantCulture, out int rate) || rate <= 0)
            {
                throw new ArgumentException($"serial source '{uri}': baud must be a number or 'auto', not '{baud}'");
            }

            return new SerialGnssSource(path, rate);
        }

        if (uri.StartsWith("tcp://", StringComparison.Ordinal))
        {
            (string host, int port) = HostAndPort(uri, uri["tcp://".Length..], requireHost: true);
            return new TcpGnssSource(host, port);
        }

        if (uri.StartsWith("udp://", StringComparison.Ordinal))
        {
            (string host, int port) = HostAndPort(uri, uri["udp://".Length..], requireHost: false);
            return new UdpGnssSource(host, port);
        }

        string file = uri.StartsWith("file:", StringComparison.Ordinal) ? uri["file:".Length..] : uri;
        if (file.StartsWith("//", StringComparison.Ordinal))
        {
            file = file[2..];
        }

        if (uri.Contains("://", StringComparison.Ordinal) && !uri.StartsWith("file:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unknown source '{uri}': use serial:/dev/ttyUSB0?baud=9600, tcp://host:port, udp://:port, a file or -");
        }

        // A missing file is reported now, not when the first reader (or gpsd client) arrives.
        if (Directory.Exists(file))
        {
            throw new IOException($"'{file}' is a directory, not a capture file or a serial port: give a file, serial:/dev/ttyUSB0?baud=9600, or - for stdin");
        }

        if (!File.Exists(file))
        {
            throw new IOException($"file '{file}' does not exist");
        }

        return new StreamGnssSource(file, () => OpenFile(file));
    }

    // Serial ports are not all /dev/tty*: a Raspberry Pi's UART is /dev/serial0 (a link to ttyAMA0 or ttyS0),
    // udev rules make /dev/gps0, the simulator's pty links live anywhere. Character devices live in /dev, so
    // a path there, or a link that ends there, is a port; the process's own streams (/dev/stdin, /dev/fd/N)
    // are not. A missing /dev path is still a port, so the error says "serial port ... does not exist".
    private static bool IsDevicePath(string path)
    {
        static bool InDev(string p) => p.StartsWith("/dev/", StringComparison.Ordinal)
            && !p.StartsWith("/dev/std", StringComparison.Ordinal) && !p.StartsWith("/dev/fd/", StringComparison.Ordinal);

        if (InDev(path))
        {
            return !Directory.Exists(path);
        }

        if (!System.IO.Path.IsPathRooted(path) || path.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: true } target && InDev(target.FullName);
        }
        catch (IOException)
        {
            return false; // a link loop or an unreadable link: treated as a file, whose open then says why
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            // Unbuffered: the receiver reads in blocks larger than a FileStream buffer would be.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"file '{path}' does not exist", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"file '{path}' cannot be read: permission denied", ex);
        }
    }

    private static string? QueryValue(string query, string key)
    {
        foreach (string pair in query.Split('&'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == key)
            {
                return pair[(eq + 1)..];
            }
        }

        return null;
    }

    private static (string Host, int Port) HostAndPort(string uri, string rest, bool requireHost)
    {
        rest = rest.TrimEnd('/');
        int colon = rest.LastIndexOf(':');
        string host = colon < 0 ? string.Empty : rest[..colon].Trim('[', ']');
        string portText = colon < 0 ? rest : rest[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException($"source '{uri}' needs a port number 1-65535, e.g. {(requireHost ? "tcp://127.0.0.1:2947" : "udp://:10110")}");
        }

        if (requireHost && host.Length == 0)
        {
            throw new ArgumentException($"source '{uri}' needs a host, e.g. tcp://127.0.0.1:{port}");
        }

        return (host, port);
    }
}
