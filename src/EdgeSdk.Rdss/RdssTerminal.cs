using System.IO.Ports;
using System.Threading.Channels;
using EdgeSdk.Nmea;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeSdk.Rdss;

/// <summary>
/// A BeiDou RDSS user terminal on a serial port (or any duplex stream): send text or bytes, receive messages,
/// read the card. Sends go through one bounded queue and leave no faster than the card's service interval
/// (a send before it expires waits in the queue; it is never refused silently); each is confirmed by the
/// terminal's <c>$BDFKI</c>, retried when the terminal refuses or stays silent, and ends in a typed
/// <see cref="RdssSendResult"/>. The payload length is checked against the card's level before queueing.
/// </summary>
/// <example>
/// <code>
/// await using var terminal = RdssTerminal.OpenSerial("/dev/ttyUSB1", 115200);
/// RdssCardInfo card = await terminal.GetCardInfoAsync(ct);
/// RdssSendResult r = await terminal.SendTextAsync(0179773, "到达拉萨", ct);
/// await foreach (RdssMessage m in terminal.Messages.ReadAllAsync(ct)) Console.WriteLine(m.Text);
/// </code>
/// </example>
public sealed class RdssTerminal : IAsyncDisposable
{
    private const int MaxUserId = 9_999_999;
    private const int MaxIntervalWaits = 20; // a terminal that says "wait" forever is a refusal, not a queue

    private readonly Stream _stream;
    private readonly SerialPort? _port;
    private readonly string _name;
    private readonly RdssTerminalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Channel<Pending> _queue;
    private readonly Channel<RdssMessage> _messages;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _cardLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly RdssParser _parser;
    private readonly NmeaWriter _writer = new(4096);
    private readonly RdssTxaSentence _txa = new();
    private readonly RdssTcqSentence _tcq = new();
    private readonly RdssIcaSentence _ica = new();
    private readonly Task _readLoop;
    private readonly Task _sendLoop;
    private TaskCompletionSource<Feedback>? _feedback;
    private TaskCompletionSource<RdssCardInfo>? _cardAnswer;
    private long _nextSendTimestamp;
    private int _pending;
    private int _disposed;

    /// <summary>Starts talking to a terminal over <paramref name="stream"/> (read and written; disposed with the terminal).</summary>
    /// <param name="stream">The terminal's byte stream.</param>
    /// <param name="name">The port's name for messages (e.g. <c>/dev/ttyUSB1</c>).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="logger">Optional logger; silent by default.</param>
    public RdssTerminal(Stream stream, string name, RdssTerminalOptions? options = null, ILogger<RdssTerminal>? logger = null)
        : this(stream, null, name, options, logger)
    {
    }

    private RdssTerminal(Stream stream, SerialPort? port, string name, RdssTerminalOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _port = port;
        _name = name;
        _options = options ?? new RdssTerminalOptions();
        _time = _options.TimeProvider;
        _parser = new RdssParser(new NmeaReader(4096) { AcceptEightBitBytes = _options.AcceptEightBitPayloads });
        _log = logger ?? NullLogger.Instance;
        _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
        _messages = Channel.CreateBounded<RdssMessage>(
            new BoundedChannelOptions(Math.Max(1, _options.ReceiveCapacity)) { SingleWriter = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref Counters._receivedDropped));
        _readLoop = Task.Run(() => ReadLoopAsync(_stop.Token));
        _sendLoop = Task.Run(() => SendLoopAsync(_stop.Token));
    }

    /// <summary>
    /// Opens a terminal on a serial port (8N1, no handshake). Throws <see cref="RdssTerminalException"/> with one
    /// line naming the port and the fix when it cannot be opened.
    /// </summary>
    public static RdssTerminal OpenSerial(string portName, int baudRate = 115200, RdssTerminalOptions? options = null, ILogger<RdssTerminal>? logger = null)
    {
        if (OperatingSystem.IsLinux() && !File.Exists(portName))
        {
            // Linux SerialPort reports a missing device as "access denied": name the real problem.
            throw new RdssTerminalException($"cannot open the RDSS terminal at {portName}: it does not exist; check the port name (ls /dev/ttyUSB* /dev/ttyACM*) and that the terminal is plugged in");
        }

        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            string fix = e is UnauthorizedAccessException ? "add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again" : "check the port name (ls /dev/ttyUSB* /dev/ttyACM*) and that the terminal is plugged in";
            throw new RdssTerminalException($"cannot open the RDSS terminal at {portName}: {e.Message.TrimEnd('.')}; {fix}", e);
        }

        return new RdssTerminal(port.BaseStream, port, portName, options, logger);
    }

    /// <summary>The port's name.</summary>
    public string Name => _name;

    /// <summary>What the terminal has done and refused.</summary>
    public RdssTerminalCounters Counters { get; } = new();

    /// <summary>Framing and decoding counters of the terminal's output (unknown sentences, bad checksums, invalid fields).</summary>
    public NmeaStatistics SentenceStatistics => _parser.Statistics;

    /// <summary>The card, once read by <see cref="GetCardInfoAsync"/> (sends read it first when needed).</summary>
    public RdssCardInfo? Card { get; private set; }

    /// <summary>
    /// Messages received, oldest first (bounded: see <see cref="RdssTerminalOptions.ReceiveCapacity"/>). Completes
    /// when the terminal is disposed; when the terminal goes away (the port closes or reading fails) it completes with
    /// an <see cref="RdssTerminalException"/> naming the port, which reading the rest (<c>ReadAllAsync</c>) throws.
    /// </summary>
    public ChannelReader<RdssMessage> Messages => _messages.Reader;

    /// <summary>Sends queued and not finished yet.</summary>
    public int PendingSends => Volatile.Read(ref _pending);

    // A send is on the wire waiting for its $BDFKI: a test driving a simulated clock advances it only when this is false.
    internal bool AwaitingFeedback => Volatile.Read(ref _feedback) != null;

    // The clock reading (TimeProvider timestamp) before which the next send does not leave.
    internal long NextSendTimestamp => Volatile.Read(ref _nextSendTimestamp);

    /// <summary>
    /// Asks the card for its information (<c>$CCICA</c> → <c>$BDICI</c>), retrying as <see cref="RdssTerminalOptions.MaxRetries"/>
    /// says. Throws <see cref="RdssTerminalException"/> when the terminal never answers.
    /// </summary>
    public async Task<RdssCardInfo> GetCardInfoAsync(CancellationToken cancellationToken = default)
    {
        await _cardLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (int attempt = 0; attempt <= _options.MaxRetries; attempt++)
            {
                var answer = new TaskCompletionSource<RdssCardInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _cardAnswer, answer);
                _ica.CheckType = 0;
                _ica.FrameNumber = 0;
                await WriteSentenceAsync(_ica, cancellationToken).ConfigureAwait(false);
                try
                {
                    RdssCardInfo card = await answer.Task.WaitAsync(_options.FeedbackTimeout, _time, cancellationToken).ConfigureAwait(false);
                    Card = card;
                    return card;
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref Counters._feedbackTimeouts);
                }
            }

            throw new RdssTerminalException(
                $"the RDSS terminal at {_name} did not answer the card check ($CCICA) within {_options.FeedbackTimeout.TotalSeconds:0.#} s, {_options.MaxRetries + 1} times; check the baud rate, that a card is inserted and that the port is the terminal's RDSS port");
        }
        finally
        {
            Volatile.Write(ref _cardAnswer, null);
            _cardLock.Release();
        }
    }

    /// <summary>Sends <paramref name="text"/> as a mixed (GB18030) message.</summary>
    public Task<RdssSendResult> SendTextAsync(int destinationUserId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(destinationUserId, RdssText.ToBytes(text ?? string.Empty), RdssPayloadEncoding.Mixed, cancellationToken);

    /// <summary>
    /// Queues <paramref name="payload"/> for <paramref name="destinationUserId"/> and completes when the terminal
    /// has sent it, refused it or stayed silent (after the retries). Checks the destination, the encoding and the
    /// length (reading the card first if needed) before queueing; those refusals return at once. Cancelling stops
    /// the wait, not the send.
    /// </summary>
    public async Task<RdssSendResult> SendAsync(int destinationUserId, byte[] payload, RdssPayloadEncoding encoding = RdssPayloadEncoding.Code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (destinationUserId < 1 || destinationUserId > MaxUserId)
        {
            Interlocked.Increment(ref Counters._invalidDestination);
            return new RdssSendResult(RdssSendStatus.InvalidDestination, 0, -1, $"{destinationUserId} is not a BeiDou user ID (1 to {MaxUserId})");
        }

        if (!WireEncodingExists(encoding))
        {
            Interlocked.Increment(ref Counters._unsupported);
            return new RdssSendResult(RdssSendStatus.UnsupportedEncoding, 0, -1, $"{encoding} has no code in protocol {_options.Protocol}; use Code or Mixed");
        }

        RdssCardInfo card = Card ?? await GetCardInfoAsync(cancellationToken).ConfigureAwait(false);
        int bits = payload.Length * 8;
        if (bits > card.MaxMessageBits)
        {
            Interlocked.Increment(ref Counters._tooLong);
            return new RdssSendResult(RdssSendStatus.TooLong, 0, -1, $"{bits} bits is longer than the {card.MaxMessageBits} bits card {card.UserId} (level {card.CommunicationLevel}) may send; split the message");
        }

        var pending = new Pending(destinationUserId, payload, encoding);
        // The count, not the channel, bounds the queue: it includes the send in progress, so the limit is exact.
        if (Interlocked.Increment(ref _pending) > Math.Max(1, _options.QueueCapacity) || !_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref Counters._queueFull);
            return new RdssSendResult(RdssSendStatus.QueueFull, 0, -1, $"{_options.QueueCapacity} sends are already pending (service interval {Card?.ServiceInterval.TotalSeconds:0} s); send less often");
        }

        return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the loops; queued sends end as <see cref="RdssSendStatus.Closed"/> (counted); closes the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        // Close the port first: a serial read does not always wake up on cancellation alone.
        await _stream.DisposeAsync().ConfigureAwait(false);
        _port?.Dispose();
        try
        {
            await Task.WhenAll(_readLoop, _sendLoop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
        {
        }

        while (_queue.Reader.TryRead(out Pending? left))
        {
            Finish(left, new RdssSendResult(RdssSendStatus.Closed, 0, -1, "the terminal was closed before this message was sent"));
        }

        _messages.Writer.TryComplete();
        _stop.Dispose();
        _writeLock.Dispose();
        _cardLock.Dispose();
    }

    private bool WireEncodingExists(RdssPayloadEncoding encoding) => encoding switch
    {
        RdssPayloadEncoding.Chinese or RdssPayloadEncoding.Code or RdssPayloadEncoding.Mixed => true,
        RdssPayloadEncoding.CompressedChinese or RdssPayloadEncoding.CompressedCode => _options.Protocol == RdssProtocol.Bds3,
        _ => false,
    };

    private async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (Pending p in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                RdssSendResult result;
                try
                {
                    result = await TransmitAsync(p, ct).ConfigureAwait(false);
                }
                catch (RdssTerminalException e) when (!ct.IsCancellationRequested)
                {
                    // The port went away mid-send: this message ends with the reason; the ones behind it stay queued.
                    Interlocked.Increment(ref Counters._noFeedback);
                    result = new RdssSendResult(RdssSendStatus.NoFeedback, 0, -1, e.Message);
                }
                catch (Exception) when (ct.IsCancellationRequested)
                {
                    Finish(p, new RdssSendResult(RdssSendStatus.Closed, 0, -1, "the terminal was closed while this message was being sent"));
                    return;
                }

                Finish(p, result);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<RdssSendResult> TransmitAsync(Pending p, CancellationToken ct)
    {
        int attempts = 0, failures = 0, waits = 0, reason = -1;
        while (true)
        {
            await WaitForIntervalAsync(ct).ConfigureAwait(false);
            var feedback = new TaskCompletionSource<Feedback>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _feedback, feedback);
            await WriteSendAsync(p, ct).ConfigureAwait(false);
            attempts++;
            Interlocked.Increment(ref Counters._transmissions);
            if (attempts > 1)
            {
                Interlocked.Increment(ref Counters._retries);
            }

            Feedback? fb;
            try
            {
                fb = await feedback.Task.WaitAsync(_options.FeedbackTimeout, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                fb = null;
            }
            finally
            {
                Volatile.Write(ref _feedback, null);
            }

            if (fb == null)
            {
                Interlocked.Increment(ref Counters._feedbackTimeouts);
                RdssLog.NoFeedback(_log, _name, _options.FeedbackTimeout, attempts);
                if (++failures > _options.MaxRetries)
                {
                    Interlocked.Increment(ref Counters._noFeedback);
                    return new RdssSendResult(RdssSendStatus.NoFeedback, attempts, reason,
                        $"the RDSS terminal at {_name} did not confirm the send ($BDFKI) within {_options.FeedbackTimeout.TotalSeconds:0.#} s, {attempts} times; check its antenna and power");
                }

                continue;
            }

            reason = fb.ReasonCode;
            if (fb.Executed)
            {
                Interlocked.Increment(ref Counters._sent);
                SetNextSend(Card?.ServiceInterval ?? TimeSpan.Zero);
                return new RdssSendResult(RdssSendStatus.Sent, attempts, reason, $"sent to {p.Destination} ({p.Payload.Length * 8} bits)");
            }

            if (fb.IntervalNotOver && ++waits <= MaxIntervalWaits)
            {
                // The card's interval is not over (its clock, or a send by another program): wait as told, then again.
                Interlocked.Increment(ref Counters._intervalWaits);
                SetNextSend(fb.WaitSeconds > 0 ? TimeSpan.FromSeconds(fb.WaitSeconds) : Card?.ServiceInterval ?? TimeSpan.FromSeconds(1));
                continue;
            }

            if (++failures > _options.MaxRetries || fb.IntervalNotOver)
            {
                Interlocked.Increment(ref Counters._refused);
                return new RdssSendResult(RdssSendStatus.Refused, attempts, reason, $"the RDSS terminal at {_name} refused the send (FKI reason {reason}: {Reason(reason)})");
            }

            SetNextSend(Card?.ServiceInterval ?? TimeSpan.Zero);
        }
    }

    private static string Reason(int code) => code switch
    {
        1 => "service interval not over",
        2 => "transmit inhibited",
        3 => "radio silence",
        4 => "power not locked: check the antenna's view of the sky",
        5 => "no IC card module",
        6 => "no permission (card level or length)",
        _ => "unknown reason",
    };

    private void SetNextSend(TimeSpan after)
    {
        long next = _time.GetTimestamp() + (long)((after + _options.IntervalMargin).TotalSeconds * _time.TimestampFrequency);
        Volatile.Write(ref _nextSendTimestamp, next);
    }

    private async Task WaitForIntervalAsync(CancellationToken ct)
    {
        long next = Volatile.Read(ref _nextSendTimestamp);
        long now = _time.GetTimestamp();
        if (next > now)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)(next - now) / _time.TimestampFrequency), _time, ct).ConfigureAwait(false);
        }
    }

    private async Task WriteSendAsync(Pending p, CancellationToken ct)
    {
        RdssSentence sentence;
        RdssPayload payload;
        if (_options.Protocol == RdssProtocol.Bds3)
        {
            _tcq.DestinationUserId = p.Destination;
            _tcq.Encoding = p.Encoding;
            payload = _tcq.Payload;
            sentence = _tcq;
        }
        else
        {
            _txa.DestinationUserId = p.Destination;
            _txa.CommunicationType = 1;
            _txa.Encoding = p.Encoding;
            payload = _txa.Payload;
            sentence = _txa;
        }

        payload.Set(p.Payload, 0, p.Payload.Length);
        payload.HasMixedMarker = p.Encoding == RdssPayloadEncoding.Mixed;
        await WriteSentenceAsync(sentence, ct).ConfigureAwait(false);
    }

    private async Task WriteSentenceAsync(RdssSentence sentence, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            int n = sentence.Encode(_writer);
            try
            {
                await _stream.WriteAsync(_writer.Buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                await _stream.FlushAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new RdssTerminalException($"cannot write to the RDSS terminal at {_name}: {e.Message}; check that it is still plugged in", e);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int n = await _stream.ReadAsync(buffer, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    RdssLog.EndOfStream(_log, _name);
                    Lost("the port closed");
                    return;
                }

                _parser.Feed(buffer, 0, n);
                while (_parser.Read() != NmeaSentenceType.None)
                {
                    Handle();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            if (!ct.IsCancellationRequested)
            {
                RdssLog.ReadFailed(_log, e, _name);
                Lost(e.Message.TrimEnd('.'), e);
            }
        }
    }

    // The terminal went away (unplugged, its pty peer closed): a reader of Messages must learn it instead of waiting
    // forever, so the channel ends with the reason. Not on Dispose, which ends it without an error.
    private void Lost(string reason, Exception? cause = null)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        string message = $"the RDSS terminal at {_name} went away ({reason}); check that it is still plugged in and powered";
        _messages.Writer.TryComplete(cause is null ? new RdssTerminalException(message) : new RdssTerminalException(message, cause));
    }

    private void Handle()
    {
        switch (_parser.CurrentKind)
        {
            case RdssSentenceKind.Ici:
                RdssIciSentence ici = _parser.Ici;
                var card = new RdssCardInfo(
                    ici.UserId,
                    TimeSpan.FromSeconds(Math.Max(0, ici.ServiceIntervalSeconds)),
                    ici.CommunicationLevel,
                    _options.LengthLimits.MaxBits(_options.Protocol, ici.CommunicationLevel),
                    Math.Max(0, ici.SubordinateCount),
                    ici.EncryptionFlag == 'E');
                Volatile.Read(ref _cardAnswer)?.TrySetResult(card);
                break;
            case RdssSentenceKind.Fki:
                RdssFkiSentence fki = _parser.Fki;
                if (fki.Command.Matches("TXA") || fki.Command.Matches("TCQ"))
                {
                    bool intervalNotOver = fki.Protocol == RdssProtocol.V21 ? fki.FrequencyOk == 0 : fki.ReasonCode == 1;
                    var fb = new Feedback(fki.Executed == 1, intervalNotOver, fki.ReasonCode, fki.WaitSeconds);
                    if (Volatile.Read(ref _feedback)?.TrySetResult(fb) != true)
                    {
                        Interlocked.Increment(ref Counters._unexpectedFeedback);
                    }
                }

                break;
            case RdssSentenceKind.Txr:
                Deliver(_parser.Txr.SenderUserId, _parser.Txr.Encoding, _parser.Txr.Payload);
                break;
            case RdssSentenceKind.Tci:
                Deliver(_parser.Tci.SenderUserId, _parser.Tci.Encoding, _parser.Tci.Payload);
                break;
        }
    }

    private void Deliver(int sender, RdssPayloadEncoding encoding, RdssPayload payload)
    {
        byte[] bytes = payload.Bytes.AsSpan(0, payload.Length).ToArray();
        string? text = encoding is RdssPayloadEncoding.Chinese or RdssPayloadEncoding.Mixed ? RdssText.ToText(bytes) : null;
        Interlocked.Increment(ref Counters._received);
        _messages.Writer.TryWrite(new RdssMessage(sender, encoding, bytes, text, _time.GetUtcNow()));
    }

    private void Finish(Pending p, RdssSendResult result)
    {
        Interlocked.Decrement(ref _pending);
        if (result.Status == RdssSendStatus.Closed)
        {
            Interlocked.Increment(ref Counters._closed);
        }

        p.Result.TrySetResult(result);
    }

    private sealed record Feedback(bool Executed, bool IntervalNotOver, int ReasonCode, int WaitSeconds);

    private sealed class Pending(int destination, byte[] payload, RdssPayloadEncoding encoding)
    {
        public int Destination { get; } = destination;

        public byte[] Payload { get; } = payload;

        public RdssPayloadEncoding Encoding { get; } = encoding;

        public TaskCompletionSource<RdssSendResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
