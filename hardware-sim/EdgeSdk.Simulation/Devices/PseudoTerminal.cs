using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A virtual serial port: a pseudo-terminal pair opened with libc's <c>openpty</c> (no socat needed).
/// Write the receiver's bytes to <see cref="Stream"/> (the master side); a program opens
/// <see cref="DevicePath"/> exactly like <c>/dev/ttyUSB0</c> (SerialPort, gpsd, minicom...).
/// </summary>
/// <remarks>
/// Like a UART with nobody listening, the port does not stall the simulator forever: when the
/// kernel buffer is full for longer than <see cref="WriteTimeout"/>, writes are dropped (and
/// counted in <see cref="DroppedBytes"/>) until the reader catches up. Linux only.
/// </remarks>
public sealed partial class PseudoTerminal : IDisposable
{
    private const int OpenNonBlocking = 0x800; // O_NONBLOCK on Linux x64, arm and arm64
    private const int GetFlags = 3, SetFlags = 4, SetNow = 0;
    private const int SetDescriptorFlags = 2, CloseOnExec = 1; // F_SETFD, FD_CLOEXEC
    private readonly PtyStream _stream;
    private bool _disposed;

    private PseudoTerminal(int master, string slavePath, string? linkPath)
    {
        SlavePath = slavePath;
        LinkPath = linkPath;
        _stream = new PtyStream(this, master);
    }

    /// <summary>The slave device, e.g. <c>/dev/pts/3</c>.</summary>
    public string SlavePath { get; }

    /// <summary>The stable symbolic link to <see cref="SlavePath"/>, when one was asked for.</summary>
    public string? LinkPath { get; }

    /// <summary>The path to give the reading program: <see cref="LinkPath"/> if set, else <see cref="SlavePath"/>.</summary>
    public string DevicePath => LinkPath ?? SlavePath;

    /// <summary>The master side: what is written here is read from <see cref="DevicePath"/>, and what a program writes there is read here.</summary>
    public Stream Stream => _stream;

    /// <summary>How long a write waits for the reader to drain a full buffer before dropping. Default 2 s.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes dropped because no reader drained the port in time.</summary>
    public long DroppedBytes { get; internal set; }

    /// <summary>
    /// Opens a new pseudo-terminal in raw mode (no echo, no line editing), optionally linking
    /// <paramref name="linkPath"/> to its slave device (an existing link there is replaced).
    /// </summary>
    /// <exception cref="IOException">openpty failed, or <paramref name="linkPath"/> exists and is not a symbolic link.</exception>
    public static PseudoTerminal Open(string? linkPath = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("pseudo-terminals are supported on Linux only; use a file or tcp:// output instead");
        }

        if (OpenPty(out int master, out int slave, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero) != 0)
        {
            throw new IOException($"cannot open a pseudo-terminal (openpty: {new Win32Exception(Marshal.GetLastPInvokeError()).Message})");
        }

        try
        {
            string slavePath = SlaveName(slave);
            MakeRaw(slave);
            // The reader opens the slave by path; keeping our own descriptor would only hide hang-ups.
            _ = Close(slave);
            slave = -1;
            if (FcntlInt(master, SetFlags, FcntlInt(master, GetFlags, 0) | OpenNonBlocking) < 0)
            {
                throw new IOException("cannot make the pseudo-terminal non-blocking");
            }

            // openpty's descriptors are inherited by child processes: a program started after this (a CLI under test)
            // would hold the master open, and closing it here would no longer hang up the slave's reader.
            if (FcntlInt(master, SetDescriptorFlags, CloseOnExec) < 0)
            {
                throw new IOException("cannot mark the pseudo-terminal close-on-exec");
            }

            if (linkPath != null)
            {
                linkPath = Path.GetFullPath(linkPath);
                FileSystemInfo existing = new FileInfo(linkPath);
                if (existing.Exists || Directory.Exists(linkPath))
                {
                    if (existing.LinkTarget == null)
                    {
                        throw new IOException($"cannot link the virtual serial port at {linkPath}: a file is already there (remove it or pick another path)");
                    }

                    existing.Delete();
                }

                File.CreateSymbolicLink(linkPath, slavePath);
            }

            return new PseudoTerminal(master, slavePath, linkPath);
        }
        catch
        {
            if (slave >= 0)
            {
                _ = Close(slave);
            }

            _ = Close(master);
            throw;
        }
    }

    /// <summary>Closes the master side (readers then see a hang-up) and removes the link.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Dispose();
        if (LinkPath != null && new FileInfo(LinkPath).LinkTarget == SlavePath)
        {
            File.Delete(LinkPath);
        }
    }

    internal static int WriteBytes(int fd, ReadOnlySpan<byte> bytes, out int errno)
    {
        nint written = Write(fd, bytes, bytes.Length);
        errno = written < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)written;
    }

    internal static int ReadBytes(int fd, Span<byte> bytes, out int errno)
    {
        nint read = Read(fd, bytes, bytes.Length);
        errno = read < 0 ? Marshal.GetLastPInvokeError() : 0;
        return (int)read;
    }

    internal static void CloseDescriptor(int fd) => _ = Close(fd);

    private static string SlaveName(int slave)
    {
        var buffer = new byte[256];
        int error = TtyNameR(slave, buffer, buffer.Length);
        if (error != 0)
        {
            throw new IOException($"cannot name the pseudo-terminal (ttyname_r error {error})");
        }

        return Encoding.ASCII.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
    }

    private static void MakeRaw(int fd)
    {
        var termios = new byte[256]; // struct termios is 60 bytes on Linux; room to spare
        if (TcGetAttr(fd, termios) != 0)
        {
            throw new IOException("cannot read the pseudo-terminal settings (tcgetattr)");
        }

        CfMakeRaw(termios);
        if (TcSetAttr(fd, SetNow, termios) != 0)
        {
            throw new IOException("cannot set the pseudo-terminal to raw mode (tcsetattr)");
        }
    }

    [LibraryImport("libc", EntryPoint = "openpty", SetLastError = true)]
    private static partial int OpenPty(out int master, out int slave, IntPtr name, IntPtr termios, IntPtr window);

    [LibraryImport("libc", EntryPoint = "ttyname_r")]
    private static partial int TtyNameR(int fd, [Out] byte[] buffer, nint length);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int TcGetAttr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int TcSetAttr(int fd, int when, byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw([In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlInt(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, Span<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
