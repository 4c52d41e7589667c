using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Rdss;

/// <summary>
/// A simulated BeiDou RDSS user terminal on a serial line: answers <c>$CCICA</c> with <c>$BDICI</c>; takes
/// <c>$CCTXA</c> (2.1) and <c>$CCTCQ</c> (BDS-3) sends, refusing with <c>$BDFKI</c> those before the card's
/// service interval is over (frequency flag N / reason 1, with the seconds left) and those longer than the
/// card allows (reason 6), confirming the others (<c>$BDFKI</c> Y) and handing them to the
/// <see cref="SimulatedRdssNetwork"/>; writes messages for its card as <c>$BDTXR</c> (or <c>$BDTCI</c>).
/// Created by <see cref="SimulatedRdssNetwork.OpenTerminal"/> or <see cref="SimulatedRdssNetwork.Attach"/>.
/// </summary>
public sealed class SimulatedRdssTerminal : IAsyncDisposable
{
    private readonly SimulatedRdssNetwork _network;
    private readonly Stream _stream;
    private readonly PseudoTerminal? _pty;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly RdssParser _parser = new(new NmeaReader(4096) { AcceptEightBitBytes = true }); // a terminal takes Chinese-mode (raw GB2312) sends
    private readonly NmeaWriter _writer = new(4096);
    private readonly RdssFkiSentence _fki = new();
    private readonly RdssIciSentence _ici = new();
    private readonly RdssTxrSentence _txr = new();
    private readonly RdssTciSentence _tci = new();
    private readonly Task _loop;
    private long _lastAcceptedTimestamp = long.MinValue;
    private long _cardChecks, _accepted, _refusedInterval, _refusedLength, _received, _ignored;

    internal SimulatedRdssTerminal(SimulatedRdssNetwork network, SimulatedRdssCard card, Stream stream, PseudoTerminal? pty)
    {
        _network = network;
        Card = card;
        _stream = stream;
        _pty = pty;
        _time = network.Options.TimeProvider;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>The card.</summary>
    public SimulatedRdssCard Card { get; }

    /// <summary>The device path to open (the pseudo-terminal's), or null when attached to a stream.</summary>
    public string? DevicePath => _pty?.DevicePath;

    /// <summary><c>$CCICA</c> card checks answered.</summary>
    public long CardChecks => Interlocked.Read(ref _cardChecks);

    /// <summary>Sends confirmed and handed to the network.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Sends refused because the service interval was not over.</summary>
    public long RefusedInterval => Interlocked.Read(ref _refusedInterval);

    /// <summary>Sends refused as longer than the card allows.</summary>
    public long RefusedLength => Interlocked.Read(ref _refusedLength);

    /// <summary>Messages for this card written to the host.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Sentences from the host this terminal does not act on (and rejected lines).</summary>
    public long Ignored => Interlocked.Read(ref _ignored) + _parser.Statistics.Rejected;

    internal CancellationToken Stopping => _stop.Token;

    /// <summary>Stops the terminal, leaves the network and closes its line.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _network.Leave(this);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_pty != null)
        {
            _pty.Dispose();
        }
        else
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes a message for this card to the host; false when the terminal is closed.</summary>
    internal async Task<bool> ReceiveAsync(int from, RdssPayloadEncoding encoding, byte[] payload, bool mixedMarker)
    {
        DateTimeOffset now = _time.GetUtcNow();
        RdssSentence sentence;
        if (Card.Protocol == RdssProtocol.Bds3)
        {
            _tci.SenderUserId = from;
            _tci.ReceiverUserId = Card.UserId;
            _tci.TimeUtc = new NmeaTime(now.Hour, now.Minute, now.Second, 0);
            _tci.Encoding = encoding;
            _tci.Flag = 0;
            _tci.Payload.Set(payload, 0, payload.Length);
            _tci.Payload.HasMixedMarker = mixedMarker;
            sentence = _tci;
        }
        else
        {
            _txr.InformationType = 1;
            _txr.SenderUserId = from;
            _txr.Encoding = encoding;
            _txr.SendTimeHhmm = (now.Hour * 100) + now.Minute;
            _txr.Payload.Set(payload, 0, payload.Length);
            _txr.Payload.HasMixedMarker = mixedMarker;
            sentence = _txr;
        }

        if (!await WriteAsync(sentence).ConfigureAwait(false))
        {
            return false;
        }

        Interlocked.Increment(ref _received);
        return true;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int n = await _stream.ReadAsync(buffer, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                _parser.Feed(buffer, 0, n);
                while (_parser.Read() != NmeaSentenceType.None)
                {
                    await HandleAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The host side went away; the terminal stops like a powered-off one.
        }
    }

    private async Task HandleAsync()
    {
        switch (_parser.CurrentKind)
        {
            case RdssSentenceKind.Ica:
                Interlocked.Increment(ref _cardChecks);
                _ici.UserId = Card.UserId;
                _ici.SerialNumber = 0;
                _ici.BroadcastId = 0;
                _ici.UserFeature = 3;
                _ici.ServiceIntervalSeconds = (int)Math.Ceiling(Card.ServiceInterval.TotalSeconds);
                _ici.CommunicationLevel = Card.CommunicationLevel;
                _ici.EncryptionFlag = 'N';
                _ici.SubordinateCount = Card.SubordinateCount;
                await WriteAsync(_ici).ConfigureAwait(false);
                break;
            case RdssSentenceKind.Txa:
                RdssTxaSentence txa = _parser.Txa;
                await SendAsync(RdssProtocol.V21, "TXA", txa.DestinationUserId, txa.Encoding, txa.Payload).ConfigureAwait(false);
                break;
            case RdssSentenceKind.Tcq:
                RdssTcqSentence tcq = _parser.Tcq;
                await SendAsync(RdssProtocol.Bds3, "TCQ", tcq.DestinationUserId, tcq.Encoding, tcq.Payload).ConfigureAwait(false);
                break;
            default:
                Interlocked.Increment(ref _ignored);
                break;
        }
    }

    private async Task SendAsync(RdssProtocol protocol, string command, int destination, RdssPayloadEncoding encoding, RdssPayload payload)
    {
        if (!Card.AnswersFeedback)
        {
            Interlocked.Increment(ref _ignored);
            return;
        }

        long now = _time.GetTimestamp();
        long last = Interlocked.Read(ref _lastAcceptedTimestamp);
        TimeSpan sinceLast = last == long.MinValue ? TimeSpan.MaxValue : _time.GetElapsedTime(last, now);
        int executed = 1, frequencyOk = 1, reason = 0, wait = 0;
        if (sinceLast < Card.ServiceInterval)
        {
            executed = 0;
            frequencyOk = 0;
            reason = protocol == RdssProtocol.Bds3 ? 1 : 0;
            wait = (int)Math.Ceiling((Card.ServiceInterval - sinceLast).TotalSeconds);
            Interlocked.Increment(ref _refusedInterval);
        }
        else if (payload.LengthBits > Card.MaxMessageBits)
        {
            executed = 0;
            reason = 6;
            Interlocked.Increment(ref _refusedLength);
        }

        if (executed == 1)
        {
            Interlocked.Exchange(ref _lastAcceptedTimestamp, now);
            Interlocked.Increment(ref _accepted);
            _network.Send(Card.UserId, destination, encoding, payload.Bytes.AsSpan(0, payload.Length).ToArray(), payload.HasMixedMarker);
        }

        DateTimeOffset utc = _time.GetUtcNow();
        _fki.Protocol = protocol;
        _fki.TimeUtc = new NmeaTime(utc.Hour, utc.Minute, utc.Second, 0);
        _fki.Command.Set(command);
        _fki.Executed = executed;
        _fki.FrequencyOk = frequencyOk;
        _fki.ReasonCode = reason;
        _fki.WaitSeconds = wait;
        _fki.WaitDigits = protocol == RdssProtocol.V21 ? 4 : 1;
        await WriteAsync(_fki).ConfigureAwait(false);
    }

    private async Task<bool> WriteAsync(RdssSentence sentence)
    {
        try
        {
            await _writeLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            int n = sentence.Encode(_writer);
            await _stream.WriteAsync(_writer.Buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
            await _stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
