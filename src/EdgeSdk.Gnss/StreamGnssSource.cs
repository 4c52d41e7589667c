namespace EdgeSdk.Gnss;

/// <summary>
/// A finite source over a stream: a recorded file, stdin, or any <see cref="Stream"/> an app
/// already has (a pipe, a Bluetooth socket). Reads as fast as the stream allows; pacing by the
/// sentence times is the receiver's job (<see cref="GnssReceiverOptions.Realtime"/>).
/// </summary>
public sealed class StreamGnssSource : GnssSource
{
    private readonly Func<Stream> _open;
    private readonly string _path;
    private Stream? _stream;

    /// <summary>Creates a source that opens its stream with <paramref name="open"/> when opened.</summary>
    /// <param name="path">Name shown to users (file path or "stdin").</param>
    /// <param name="open">Opens the stream; may throw <see cref="IOException"/> naming the resource.</param>
    public StreamGnssSource(string path, Func<Stream> open)
    {
        _path = path;
        _open = open;
    }

    /// <summary>Creates a source over an already open stream (not disposed by the source).</summary>
    public StreamGnssSource(string path, Stream stream)
        : this(path, () => new NonClosingStream(stream))
    {
    }

    /// <inheritdoc />
    public override string Name => _path == "stdin" ? "stdin" : $"file {_path}";

    /// <inheritdoc />
    public override string Path => _path;

    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        _stream ??= _open();
        ReportStatus(GnssStatusKind.Opened, $"reading {Name}");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_stream == null)
        {
            await OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        // A regular file (seekable) is read at once on the caller's thread, from the page cache, as C tools do: its
        // asynchronous read is a hop through the thread pool on Linux, whose worker start-up and spinning were about
        // a tenth of a one-shot `edgesdk fixes` on a 7,500-line file. Pipes and stdin stay asynchronous.
        return _stream is FileStream { CanSeek: true } file
            ? file.Read(buffer.Span)
            : await _stream!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (_stream != null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
    }

    /// <summary>Lets the caller keep ownership of a stream it passed in.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
