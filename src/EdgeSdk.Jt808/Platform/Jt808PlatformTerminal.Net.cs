#nullable enable
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeSdk.Jt808;

/// <summary>
/// One terminal connection of a <see cref="Jt808Platform"/>: reads frames, answers them as the standard says, and
/// sends commands and matches the terminal's answers by sequence number. .NET only.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The connection loop (RunAsync) owns the stream and disposes it when it ends; the semaphore never allocates a wait handle.")]
public sealed class Jt808PlatformTerminal
{
    private readonly Jt808Platform _platform;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Jt808FrameReader _reader = new();
    private readonly Jt808Codec _decoder = new();
    private readonly Jt808Codec _encoder = new();
    private readonly Jt808SubpackageAssembler _assembler;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<Jt808Message>> _pending = new();
    private int _sequence = -1;
    private int _protocolVersion = 1;
    private volatile bool _authenticated;
    private volatile bool _registered;
    private volatile bool _closed;

    internal Jt808PlatformTerminal(Jt808Platform platform, Socket socket)
    {
        _platform = platform;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        RemoteEndPoint = socket.RemoteEndPoint;
        Jt808PlatformOptions o = platform.Options;
        _assembler = new Jt808SubpackageAssembler(o.MaxPendingSubpackageMessages, o.MaxPackagesPerMessage);
    }

    /// <summary>The terminal's TCP address.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>Phone number digits from the terminal's last readable header (12 in 2013, 20 in 2019), or null before the first frame.</summary>
    public string? Phone { get; private set; }

    /// <summary>True when the terminal uses the 2019 header; the platform answers in the layout the terminal uses.</summary>
    public bool Is2019 { get; private set; }

    /// <summary>True once this connection registered (0x0100 answered with result 0).</summary>
    public bool IsRegistered => _registered;

    /// <summary>True once this connection authenticated (0x0102 answered with result 0).</summary>
    public bool IsAuthenticated => _authenticated;

    /// <summary>True once the connection has ended.</summary>
    public bool IsClosed => _closed;

    internal Jt808PlatformCounters Counters => _platform.Counters;

    /// <summary>Sends a command and waits for the terminal's answer: 0x0104 for 0x8104/0x8106, 0x0201 for 0x8201, 0x0001 otherwise.</summary>
    /// <param name="messageId">The command's message id.</param>
    /// <param name="body">The body, or null for an empty one.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal's answer, matched by the command's sequence number.</returns>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="IOException">The connection is closed or closes while waiting.</exception>
    public async Task<Jt808Message> SendCommandAsync(int messageId, Jt808Body? body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var answer = new TaskCompletionSource<Jt808Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        int sequence = -1;
        try
        {
            sequence = await SendAsync(messageId, body, answer, cancellationToken).ConfigureAwait(false);
            Counters.CommandSent();
            Jt808Message response = await answer.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            Counters.CommandAnswered();
            return response;
        }
        catch (TimeoutException)
        {
            Counters.CommandTimedOut();
            throw new TimeoutException($"terminal {Phone} did not answer 0x{messageId:X4} (sequence {sequence}) within {timeout.TotalSeconds:0.###} s");
        }
        finally
        {
            if (sequence >= 0)
            {
                _pending.TryRemove(sequence, out _);
            }
        }
    }

    /// <summary>Closes the connection (the terminal sees the platform go away).</summary>
    public void Disconnect()
    {
        _closed = true;
        try
        {
            // A graceful close (FIN), so the terminal reads the end of the stream rather than a reset.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        _socket.Close();
    }

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int n = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                int offset = 0;
                while (offset < n)
                {
                    offset += _reader.Feed(buffer, offset, n - offset);
                    if (_reader.HasFrame)
                    {
                        await HandleFrameAsync(_reader.Frame, _reader.FrameLength, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Platform stopping.
        }
        catch (IOException)
        {
            // Terminal went away.
        }
        catch (SocketException)
        {
            // Terminal went away.
        }
        catch (ObjectDisposedException)
        {
            // Disconnected by the platform.
        }
        finally
        {
            _closed = true;
            Counters.ReaderDropped(_reader.BytesDiscarded, _reader.FramesOverflowed);
            await _stream.DisposeAsync().ConfigureAwait(false);
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException($"terminal {Phone} closed the connection before answering"));
            }

            _platform.Closed(this);
        }
    }

    private async Task HandleFrameAsync(byte[] frame, int length, CancellationToken cancellationToken)
    {
        DateTimeOffset at = DateTimeOffset.UtcNow;
        byte[] copy = new byte[length];
        Array.Copy(frame, copy, length);
        Jt808DecodeResult result = _decoder.TryDecode(frame, 0, length, out Jt808Message? message);
        Counters.Frame(result);
        if (message == null)
        {
            // The frame is refused, but its header is usually readable: answer "message error" so the terminal resends.
            int answerResult = -1;
            string? phone = null;
            // The damaged frame does not change who the connection is: the answer goes to the phone of the last good frame
            // (or, before any, to the one read from this frame).
            if (TryPeekHeader(copy, out int id, out phone, out int sequence, out bool v2019)
                && await AnswerGeneralAsync(null, sequence, id, Jt808GeneralResponse.ResultMessageError, cancellationToken, Phone ?? phone, Phone != null ? Is2019 : v2019).ConfigureAwait(false))
            {
                answerResult = Jt808GeneralResponse.ResultMessageError;
            }

            _platform.Publish(new Jt808ReceivedMessage(result, null, phone, RemoteEndPoint, copy, answerResult < 0 ? 0 : Jt808MessageIds.PlatformGeneralResponse, answerResult, at));
            return;
        }

        Jt808Header h = message.Header;
        NoteHeader(h.Phone, h.Is2019Layout, h.ProtocolVersion);
        if (h.IsSubpackage)
        {
            Counters.SubpackageReceived();
            long evicted = _assembler.MessagesEvicted;
            Jt808AssembleResult assembled = _assembler.TryAdd(message, out Jt808Message? complete);
            Counters.Subpackage(assembled, _assembler.MessagesEvicted - evicted);
            if (!IsTerminalAnswer(h.MessageId))
            {
                // Each package is acknowledged on its own (its sequence number), so the terminal can resend a lost one;
                // a package whose count or index is impossible is a message error.
                int packageResult = assembled == Jt808AssembleResult.Invalid ? Jt808GeneralResponse.ResultMessageError : Jt808GeneralResponse.ResultSuccess;
                await AnswerGeneralAsync(message, h.SequenceNumber, h.MessageId, packageResult, cancellationToken).ConfigureAwait(false);
            }

            if (assembled != Jt808AssembleResult.Complete)
            {
                return;
            }

            message = complete!;
            result = message.Body != null ? Jt808DecodeResult.Ok
                : message.Header.EncryptionMode == 0 && Jt808Codec.DecodeBody(message.Header.MessageId, message.BodyBytes, 0, message.BodyBytes.Length, message.Header.Is2019Layout, out _) < 0
                    ? Jt808DecodeResult.BodyMalformed : Jt808DecodeResult.UnknownMessageId;
            (int answeredWith, int code) = await DispatchAsync(message, result, answer: false, cancellationToken).ConfigureAwait(false);
            _platform.Publish(new Jt808ReceivedMessage(result, message, h.Phone, RemoteEndPoint, copy, answeredWith, code, at));
            return;
        }

        (int answer, int answerCode) = await DispatchAsync(message, result, answer: true, cancellationToken).ConfigureAwait(false);
        _platform.Publish(new Jt808ReceivedMessage(result, message, h.Phone, RemoteEndPoint, copy, answer, answerCode, at));
    }

    private static bool IsTerminalAnswer(int messageId) =>
        messageId is Jt808MessageIds.TerminalGeneralResponse or Jt808MessageIds.ParameterResponse or Jt808MessageIds.LocationQueryResponse;

    /// <summary>Acts on one whole message; returns the answer's message id and result (0, -1 when none).</summary>
    private async Task<(int Answer, int Result)> DispatchAsync(Jt808Message message, Jt808DecodeResult result, bool answer, CancellationToken cancellationToken)
    {
        Jt808Header h = message.Header;
        if (IsTerminalAnswer(h.MessageId))
        {
            CompletePending(message);
            return (0, -1);
        }

        int code;
        if (result == Jt808DecodeResult.UnknownMessageId)
        {
            code = Jt808GeneralResponse.ResultNotSupported;
        }
        else if (result == Jt808DecodeResult.BodyMalformed)
        {
            code = Jt808GeneralResponse.ResultMessageError;
        }
        else
        {
            switch (h.MessageId)
            {
                case Jt808MessageIds.Registration:
                    return answer ? await RegisterAsync(message, cancellationToken).ConfigureAwait(false) : (0, -1);
                case Jt808MessageIds.Authentication:
                    code = Authenticate((Jt808Authentication)message.Body!);
                    break;
                case Jt808MessageIds.Deregistration:
                    _platform.ForgetAuthenticationCode(h.Phone);
                    _registered = false;
                    _authenticated = false;
                    code = Jt808GeneralResponse.ResultSuccess;
                    break;
                case Jt808MessageIds.Heartbeat:
                case Jt808MessageIds.LocationReport:
                case Jt808MessageIds.LocationBatch:
                    code = Jt808GeneralResponse.ResultSuccess;
                    if (_platform.Options.RequireAuthentication && !_authenticated)
                    {
                        Counters.BeforeAuthenticationSeen();
                        code = Jt808GeneralResponse.ResultFailure;
                    }

                    break;
                default:
                    // A message the codec knows but a platform never receives (e.g. a platform command sent to it).
                    code = Jt808GeneralResponse.ResultNotSupported;
                    break;
            }
        }

        bool sent = answer && await AnswerGeneralAsync(message, h.SequenceNumber, h.MessageId, code, cancellationToken).ConfigureAwait(false);
        if (h.MessageId == Jt808MessageIds.Authentication && code == Jt808GeneralResponse.ResultSuccess)
        {
            // Only after the answer is on its way: a command sent to a terminal that has just authenticated must not
            // overtake the 0x8001 the terminal is waiting for.
            _authenticated = true;
            _platform.Changed();
        }

        return sent ? (Jt808MessageIds.PlatformGeneralResponse, code) : (0, -1);
    }

    private async Task<(int Answer, int Result)> RegisterAsync(Jt808Message message, CancellationToken cancellationToken)
    {
        Jt808Header h = message.Header;
        var registration = (Jt808Registration)message.Body!;
        int code = _platform.Options.RegistrationResult?.Invoke(h.Phone, registration) ?? Jt808RegistrationResponse.ResultSuccess;
        var response = new Jt808RegistrationResponse { AckSequenceNumber = h.SequenceNumber, Result = code };
        if (code == Jt808RegistrationResponse.ResultSuccess)
        {
            response.AuthenticationCode = System.Text.Encoding.ASCII.GetBytes(_platform.IssueAuthenticationCode(h.Phone));
            _registered = true;
        }

        if (!Allowed(message))
        {
            return (0, -1);
        }

        if (await SendAsync(Jt808MessageIds.RegistrationResponse, response, null, cancellationToken).ConfigureAwait(false) < 0)
        {
            Counters.AnswerFailed();
            return (0, -1);
        }

        Counters.AnswerSent();
        return (Jt808MessageIds.RegistrationResponse, code);
    }

    private int Authenticate(Jt808Authentication authentication)
    {
        string code = System.Text.Encoding.ASCII.GetString(authentication.AuthenticationCode);
        if (_platform.CheckAuthenticationCode(Phone!, code))
        {
            return Jt808GeneralResponse.ResultSuccess;
        }

        Counters.AuthenticationRefused();
        return Jt808GeneralResponse.ResultFailure;
    }

    private void CompletePending(Jt808Message message)
    {
        int ack = message.Body switch
        {
            Jt808GeneralResponse g => g.AckSequenceNumber,
            Jt808ParameterResponse p => p.AckSequenceNumber,
            Jt808LocationQueryResponse l => l.AckSequenceNumber,
            _ => -1,
        };
        if (ack >= 0 && _pending.TryRemove(ack, out TaskCompletionSource<Jt808Message>? waiting))
        {
            waiting.TrySetResult(message);
        }
        else
        {
            Counters.ResponseUnmatched();
        }
    }

    private bool Allowed(Jt808Message? message)
    {
        if (message != null && _platform.Options.AnswerFilter is { } filter && !filter(message))
        {
            Counters.AnswerSuppressed();
            return false;
        }

        return true;
    }

    private async Task<bool> AnswerGeneralAsync(Jt808Message? message, int sequence, int messageId, int result, CancellationToken cancellationToken, string? phone = null, bool? is2019 = null)
    {
        if (!Allowed(message))
        {
            return false;
        }

        var response = new Jt808GeneralResponse { AckSequenceNumber = sequence, AckMessageId = messageId, Result = result };
        if (await SendAsync(Jt808MessageIds.PlatformGeneralResponse, response, null, cancellationToken, phone, is2019).ConfigureAwait(false) < 0)
        {
            // Only a phone number with non-digit nibbles (read from a damaged header) cannot be written back.
            Counters.AnswerFailed();
            return false;
        }

        Counters.AnswerSent();
        return true;
    }

    /// <summary>
    /// Encodes (splitting into sub-packages when the body is long) and writes; registers <paramref name="answer"/> under the
    /// first sequence number before writing. Returns that sequence number, or -1 when an answer (no <paramref name="answer"/>)
    /// cannot be encoded; a command that cannot be encoded throws.
    /// </summary>
    private async Task<int> SendAsync(int messageId, Jt808Body? body, TaskCompletionSource<Jt808Message>? answer, CancellationToken cancellationToken, string? phone = null, bool? is2019 = null)
    {
        if (_closed)
        {
            throw new IOException($"terminal {Phone} is not connected");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int first = (_sequence + 1) & 0xFFFF;
            bool layout2019 = is2019 ?? Is2019;
            var header = Jt808Header.Create(messageId, phone ?? Phone ?? string.Empty, first, layout2019);
            header.ProtocolVersion = layout2019 ? _protocolVersion : 0;
            var message = new Jt808Message { Header = header, Body = body ?? Jt808EmptyBody.Instance };
            if (!_encoder.TryEncodePackages(message, _platform.Options.MaxBodyBytesPerPackage, out byte[][] frames))
            {
                if (answer == null)
                {
                    return -1;
                }

                throw new ArgumentException($"0x{messageId:X4} cannot be encoded for terminal {Phone}: the phone number is not digits", nameof(body));
            }

            _sequence = (first + frames.Length - 1) & 0xFFFF;
            if (answer != null)
            {
                _pending[first] = answer;
            }

            try
            {
                foreach (byte[] frame in frames)
                {
                    await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or IOException or SocketException or OperationCanceledException)
            {
                _pending.TryRemove(first, out _);
                if (ex is ObjectDisposedException)
                {
                    // The connection ended between the check above and the write.
                    throw new IOException($"terminal {Phone} is not connected", ex);
                }

                throw;
            }

            return first;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void NoteHeader(string phone, bool is2019, int protocolVersion)
    {
        Is2019 = is2019;
        _protocolVersion = is2019 ? protocolVersion : 0;
        if (Phone != phone)
        {
            Phone = phone;
            _platform.Identified(this);
        }
    }

    /// <summary>Reads id, phone, sequence and layout from a frame the codec refused: unescapes leniently, trusts no length or BCC.</summary>
    internal static bool TryPeekHeader(byte[] frame, out int messageId, out string phone, out int sequence, out bool is2019)
    {
        messageId = 0;
        phone = string.Empty;
        sequence = 0;
        is2019 = false;
        byte[] c = new byte[17];
        int n = 0;
        for (int i = 1; i < frame.Length - 1 && n < c.Length; i++)
        {
            byte v = frame[i];
            if (v == Jt808Codec.Escape && i + 2 < frame.Length && (frame[i + 1] == 1 || frame[i + 1] == 2))
            {
                v = frame[++i] == 2 ? Jt808Codec.Flag : Jt808Codec.Escape;
            }

            c[n++] = v;
        }

        if (n < 12)
        {
            return false;
        }

        messageId = Jt808Bytes.ReadUInt16(c, 0);
        int attributes = Jt808Bytes.ReadUInt16(c, 2);
        is2019 = (attributes & (1 << 14)) != 0 && n >= 17;
        int phoneBytes = is2019 ? 10 : 6;
        int p = is2019 ? 5 : 4;
        phone = Jt808Bytes.BcdToString(c, p, phoneBytes);
        sequence = Jt808Bytes.ReadUInt16(c, p + phoneBytes);
        return true;
    }
}
