using System.Diagnostics;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// Stream over a non-blocking pty master: writes wait (asynchronously) while the reader drains a full
/// buffer, and drop once the wait exceeds the terminal's write timeout; reads return what the program on
/// the slave side wrote (a simulated device that answers commands, such as the RDSS terminal), waiting
/// while there is nothing yet or no program has the port open.
/// </summary>
internal sealed class PtyStream(PseudoTerminal owner, int fd) : Stream
{
    private const int WouldBlock = 11; // EAGAIN
    private const int NoReader = 5; // EIO: nobody has the slave side open (yet, or any more)
    private bool _dropping;
    private int _fd = fd;

    public override bool CanRead => _fd >= 0;

    public override bool CanSeek => false;

    public override bool CanWrite => _fd >= 0;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var waited = Stopwatch.StartNew();
        while (!buffer.IsEmpty)
        {
            int written = PseudoTerminal.WriteBytes(_fd, buffer.Span, out int errno);
            if (written > 0)
            {
                buffer = buffer[written..];
                _dropping = false;
                waited.Restart();
                continue;
            }

            if (errno != WouldBlock)
            {
                throw new IOException($"cannot write to the virtual serial port {owner.DevicePath} (errno {errno})");
            }

            if (_dropping || waited.Elapsed > owner.WriteTimeout)
            {
                _dropping = true;
                owner.DroppedBytes += buffer.Length;
                return;
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_fd < 0, this);
            int read = PseudoTerminal.ReadBytes(_fd, buffer.Span, out int errno);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            if (read < 0 && errno != WouldBlock && errno != NoReader)
            {
                throw new IOException($"cannot read from the virtual serial port {owner.DevicePath} (errno {errno})");
            }

            // Non-blocking master: poll. A device answering commands needs no finer grain than a UART byte time.
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_fd >= 0)
        {
            PseudoTerminal.CloseDescriptor(_fd);
            _fd = -1;
        }

        base.Dispose(disposing);
    }
}
