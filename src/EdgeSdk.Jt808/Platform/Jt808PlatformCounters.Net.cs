#nullable enable
using System.Threading;

namespace EdgeSdk.Jt808;

/// <summary>What a <see cref="Jt808Platform"/> saw and did, over all terminals; safe to read while it runs. .NET only.</summary>
public sealed class Jt808PlatformCounters
{
    private readonly long[] _frames = new long[(int)Jt808DecodeResult.TooLong + 1];
    private long _connectionsAccepted;
    private long _connectionsRefused;
    private long _connectionsClosed;
    private long _answersSent;
    private long _answersSuppressed;
    private long _answersFailed;
    private long _commandsSent;
    private long _commandsAnswered;
    private long _commandsTimedOut;
    private long _responsesUnmatched;
    private long _receivedDropped;
    private long _beforeAuthentication;
    private long _authenticationsRefused;
    private long _subpackagesReceived;
    private long _subpackagesInvalid;
    private long _subpackagesDuplicate;
    private long _subpackageMessagesEvicted;
    private long _bytesDiscarded;
    private long _framesOverflowed;

    /// <summary>TCP connections accepted.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>TCP connections closed at once because <see cref="Jt808PlatformOptions.MaxTerminals"/> were connected.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>Accepted connections that have ended.</summary>
    public long ConnectionsClosed => Interlocked.Read(ref _connectionsClosed);

    /// <summary>Answers (0x8001, 0x8100) sent.</summary>
    public long AnswersSent => Interlocked.Read(ref _answersSent);

    /// <summary>Answers not sent because <see cref="Jt808PlatformOptions.AnswerFilter"/> said so.</summary>
    public long AnswersSuppressed => Interlocked.Read(ref _answersSuppressed);

    /// <summary>Answers that could not be encoded (a damaged frame's phone number with non-digit nibbles), so not sent.</summary>
    public long AnswersFailed => Interlocked.Read(ref _answersFailed);

    /// <summary>Commands sent to terminals.</summary>
    public long CommandsSent => Interlocked.Read(ref _commandsSent);

    /// <summary>Commands whose answer arrived.</summary>
    public long CommandsAnswered => Interlocked.Read(ref _commandsAnswered);

    /// <summary>Commands whose answer did not arrive within the timeout.</summary>
    public long CommandsTimedOut => Interlocked.Read(ref _commandsTimedOut);

    /// <summary>Terminal answers (0x0001, 0x0104, 0x0201) whose sequence number matched no waiting command (late or duplicate).</summary>
    public long ResponsesUnmatched => Interlocked.Read(ref _responsesUnmatched);

    /// <summary>Received messages dropped from the stream because nobody read it and it was full (oldest first).</summary>
    public long ReceivedDropped => Interlocked.Read(ref _receivedDropped);

    /// <summary>Heartbeats, reports and batches from a connection that had not authenticated (answered with failure).</summary>
    public long BeforeAuthentication => Interlocked.Read(ref _beforeAuthentication);

    /// <summary>Authentications refused (wrong code, or unknown code when those are not accepted).</summary>
    public long AuthenticationsRefused => Interlocked.Read(ref _authenticationsRefused);

    /// <summary>Sub-package frames received (each package counts once).</summary>
    public long SubpackagesReceived => Interlocked.Read(ref _subpackagesReceived);

    /// <summary>Sub-packages refused: package count or index impossible, or a count that differs from the other packages' (answered with result 2).</summary>
    public long SubpackagesInvalid => Interlocked.Read(ref _subpackagesInvalid);

    /// <summary>Sub-packages received twice for a message still being assembled (acknowledged again, kept once).</summary>
    public long SubpackagesDuplicate => Interlocked.Read(ref _subpackagesDuplicate);

    /// <summary>Incomplete long messages dropped because a terminal had <see cref="Jt808PlatformOptions.MaxPendingSubpackageMessages"/> others pending.</summary>
    public long SubpackageMessagesEvicted => Interlocked.Read(ref _subpackageMessagesEvicted);

    /// <summary>Bytes outside frames, or of frames too long to be valid, that the frame readers dropped.</summary>
    public long BytesDiscarded => Interlocked.Read(ref _bytesDiscarded);

    /// <summary>Frames that grew past the largest valid size without a closing flag.</summary>
    public long FramesOverflowed => Interlocked.Read(ref _framesOverflowed);

    /// <summary>Frames that ended with <paramref name="result"/>.</summary>
    /// <param name="result">The decode result.</param>
    /// <returns>The count; 0 for a value outside the enum.</returns>
    public long Frames(Jt808DecodeResult result)
    {
        int i = (int)result;
        return i >= 0 && i < _frames.Length ? Interlocked.Read(ref _frames[i]) : 0;
    }

    /// <summary>All frames read, decoded or refused.</summary>
    public long FramesTotal
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _frames.Length; i++)
            {
                sum += Interlocked.Read(ref _frames[i]);
            }

            return sum;
        }
    }

    internal void Frame(Jt808DecodeResult result) => Interlocked.Increment(ref _frames[(int)result]);

    internal void ConnectionAccepted() => Interlocked.Increment(ref _connectionsAccepted);

    internal void ConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);

    internal void ConnectionClosed() => Interlocked.Increment(ref _connectionsClosed);

    internal void AnswerSent() => Interlocked.Increment(ref _answersSent);

    internal void AnswerFailed() => Interlocked.Increment(ref _answersFailed);

    internal void AnswerSuppressed() => Interlocked.Increment(ref _answersSuppressed);

    internal void CommandSent() => Interlocked.Increment(ref _commandsSent);

    internal void CommandAnswered() => Interlocked.Increment(ref _commandsAnswered);

    internal void CommandTimedOut() => Interlocked.Increment(ref _commandsTimedOut);

    internal void ResponseUnmatched() => Interlocked.Increment(ref _responsesUnmatched);

    internal void ReceivedDrop() => Interlocked.Increment(ref _receivedDropped);

    internal void BeforeAuthenticationSeen() => Interlocked.Increment(ref _beforeAuthentication);

    internal void AuthenticationRefused() => Interlocked.Increment(ref _authenticationsRefused);

    internal void SubpackageReceived() => Interlocked.Increment(ref _subpackagesReceived);

    internal void Subpackage(Jt808AssembleResult result, long evicted)
    {
        if (result == Jt808AssembleResult.Invalid)
        {
            Interlocked.Increment(ref _subpackagesInvalid);
        }
        else if (result == Jt808AssembleResult.Duplicate)
        {
            Interlocked.Increment(ref _subpackagesDuplicate);
        }

        Interlocked.Add(ref _subpackageMessagesEvicted, evicted);
    }

    internal void ReaderDropped(long bytes, long frames)
    {
        Interlocked.Add(ref _bytesDiscarded, bytes);
        Interlocked.Add(ref _framesOverflowed, frames);
    }
}
