using System.Runtime.CompilerServices;

namespace EdgeSdk.Can;

/// <summary>
/// Replays a candump log (<c>candump -l</c>) from a file or stream, fast or at the recorded pace. Lines that are not
/// frames are counted (<see cref="MalformedLines"/>, <see cref="ErrorFrames"/>), never thrown.
/// </summary>
public sealed class CandumpFileSource : ICanFrameSource
{
    private readonly Func<Stream> _open;
    private readonly TimeProvider _time;

    /// <summary>Replays a file.</summary>
    /// <param name="path">Path of the log file.</param>
    /// <param name="pace">Fast, or at the recorded pace.</param>
    /// <param name="timeProvider">Clock for the recorded pace (default: the system clock).</param>
    public CandumpFileSource(string path, CandumpReplayPace pace = CandumpReplayPace.Fast, TimeProvider? timeProvider = null)
        : this(() => File.OpenRead(path), pace, timeProvider)
    {
    }

    /// <summary>Replays a stream (e.g. stdin); the source does not dispose it.</summary>
    /// <param name="stream">The log text.</param>
    /// <param name="pace">Fast, or at the recorded pace.</param>
    /// <param name="timeProvider">Clock for the recorded pace (default: the system clock).</param>
    public CandumpFileSource(Stream stream, CandumpReplayPace pace = CandumpReplayPace.Fast, TimeProvider? timeProvider = null)
        : this(() => new NonClosingStream(stream), pace, timeProvider)
    {
    }

    private CandumpFileSource(Func<Stream> open, CandumpReplayPace pace, TimeProvider? timeProvider)
    {
        _open = open;
        Pace = pace;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The replay pace.</summary>
    public CandumpReplayPace Pace { get; }

    /// <summary>Frames handed out.</summary>
    public long Frames { get; private set; }

    /// <summary>Lines that are not in the candump format (garbage).</summary>
    public long MalformedLines { get; private set; }

    /// <summary>CAN error frames (skipped).</summary>
    public long ErrorFrames { get; private set; }

    /// <summary>Empty and comment lines.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Line number (1-based) of the first malformed line, 0 when none.</summary>
    public long FirstMalformedLine { get; private set; }

    /// <inheritdoc />
    public async IAsyncEnumerable<CanFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(_open());
        long lineNumber = 0;
        long firstRecorded = 0;
        long startTimestamp = 0;
        bool first = true;
        string? line;
        while ((line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)) != null)
        {
            lineNumber++;
            switch (CandumpFormat.TryParseLine(line, out CanFrame frame))
            {
                case CandumpLineStatus.Blank:
                    BlankLines++;
                    continue;
                case CandumpLineStatus.ErrorFrame:
                    ErrorFrames++;
                    continue;
                case CandumpLineStatus.Malformed:
                    MalformedLines++;
                    if (FirstMalformedLine == 0)
                    {
                        FirstMalformedLine = lineNumber;
                    }

                    continue;
            }

            if (Pace == CandumpReplayPace.Recorded)
            {
                if (first)
                {
                    firstRecorded = frame.TimestampMicroseconds;
                    startTimestamp = _time.GetTimestamp();
                    first = false;
                }
                else
                {
                    TimeSpan due = TimeSpan.FromTicks((frame.TimestampMicroseconds - firstRecorded) * 10);
                    TimeSpan wait = due - _time.GetElapsedTime(startTimestamp);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            Frames++;
            yield return frame;
        }
    }

    // Lets the StreamReader be disposed without closing a stream the caller owns (stdin).
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
