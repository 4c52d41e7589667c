namespace EdgeSdk.Rdss;

/// <summary>What an <see cref="RdssTerminal"/> has done and refused, for logs and health checks (thread-safe reads).</summary>
public sealed class RdssTerminalCounters
{
    internal long _sent, _refused, _noFeedback, _tooLong, _invalidDestination, _queueFull, _unsupported, _closed;
    internal long _transmissions, _retries, _intervalWaits, _feedbackTimeouts, _received, _receivedDropped, _unexpectedFeedback;

    /// <summary>Messages the terminal confirmed sent.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages the terminal refused on every attempt.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Messages given up because the terminal never answered FKI.</summary>
    public long NoFeedback => Interlocked.Read(ref _noFeedback);

    /// <summary>Messages refused before queueing as too long for the card's level.</summary>
    public long TooLong => Interlocked.Read(ref _tooLong);

    /// <summary>Messages refused before queueing for a destination that is no user ID.</summary>
    public long InvalidDestination => Interlocked.Read(ref _invalidDestination);

    /// <summary>Messages refused because the send queue was full.</summary>
    public long QueueFull => Interlocked.Read(ref _queueFull);

    /// <summary>Messages refused for an encoding the protocol lacks.</summary>
    public long UnsupportedEncoding => Interlocked.Read(ref _unsupported);

    /// <summary>Messages still queued when the terminal was disposed.</summary>
    public long Closed => Interlocked.Read(ref _closed);

    /// <summary>Send sentences written to the terminal (first attempts and retries).</summary>
    public long Transmissions => Interlocked.Read(ref _transmissions);

    /// <summary>Transmissions after the first for the same message.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Times the terminal said the service interval was not over (FKI frequency flag N, or BDS-3 reason 1) and the send waited.</summary>
    public long IntervalWaits => Interlocked.Read(ref _intervalWaits);

    /// <summary>Commands the terminal did not answer within the feedback timeout.</summary>
    public long FeedbackTimeouts => Interlocked.Read(ref _feedbackTimeouts);

    /// <summary>Messages received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Received messages dropped (oldest first) because nobody read them and the buffer was full.</summary>
    public long ReceivedDropped => Interlocked.Read(ref _receivedDropped);

    /// <summary>FKI sentences that answered no pending command.</summary>
    public long UnexpectedFeedback => Interlocked.Read(ref _unexpectedFeedback);
}
