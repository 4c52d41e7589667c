using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using EdgeSdk.Positioning;
using EdgeSdk.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeSdk.Jt808.Terminal;

/// <summary>
/// A JT/T 808 vehicle terminal over TCP. Feed it positions with <see cref="Report"/>; it raises the alarms (areas the
/// platform set, overspeed, fatigue, daily driving, long stop, GNSS fix lost, antenna), decides when a report is due
/// under the platform's parameters, stores every report in a durable queue first, and delivers the queue: live reports
/// as 0x0200, what piled up while the platform was unreachable as 0x0704 blind-area batches after the next
/// authentication. A report leaves the queue only when the platform acknowledged it (0x8001), so a crash, a closed
/// socket, a slow or silent platform lose nothing; every wait for a response follows the standard's retransmission
/// rule (timeout × (n + 1), N retransmissions, parameters 0x0002/0x0003), and a failed session reconnects with back-off.
/// </summary>
/// <remarks>
/// Delivery is stop-and-wait (one message in flight), so the order on the wire is the order of the queue. JT/T 808 has
/// no idempotency key: a report whose acknowledgement was lost with the connection is sent again after the reconnect.
/// </remarks>
public sealed partial class Jt808Terminal : IAsyncDisposable
{
    private const int MaxBodyBytes = Jt808Codec.MaxBodyLength;

    private readonly Jt808TerminalOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DurableQueue _queue;
    private readonly string _authCodePath, _parametersPath;

    // Vehicle state: changed by Report (the caller's loop) and by platform commands (the reader), under _stateLock.
    private readonly Lock _stateLock = new();
    private readonly GeofenceEngine _geofences = new();
    private readonly Odometer _odometer = new();
    private readonly Dictionary<uint, Jt808Area> _areas = new();
    private readonly List<VehicleEvent> _events = new();
    private readonly Jt808ReportScheduler _scheduler;
    private DriverAlarmMonitor _driverAlarms;
    private Jt808LocationReport? _latest;
    private PositionSample _lastFix;
    private bool _hasFix, _areaLatch;
    private long _areaEventSequence = -1;
    private uint _antennaBits, _lastConditionBits;

    // Session.
    private readonly ConcurrentDictionary<int, (int MessageId, TaskCompletionSource<Jt808Message> Response)> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Jt808Codec _encoder = new();
    private Stream? _stream;
    private int _sequence;
    private long _sessionFirstSequence = long.MaxValue;
    private long _lastSentTimestamp;
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource _acknowledgedSignal = NewSignal();
    private byte[]? _authCode;
    private CancellationTokenSource? _runCts;
    private Task _run = Task.CompletedTask;
    private volatile Jt808TerminalState _state;
    private volatile string? _lastError;
    private volatile bool _wasOnline;
    private int _disposed;

    private long _reportsMade, _storeFailures, _acknowledged, _rejected, _lost, _reportsSent, _batchesSent, _batchedAcknowledged, _retransmissions,
        _heartbeats, _connections, _sessionFailures, _registrationsRefused, _authenticationsRefused, _commandsHandled, _commandsUnsupported,
        _commandsMalformed, _framesRefused;

    /// <summary>
    /// Creates the terminal: opens (and recovers) the durable queue and loads the stored authentication code and
    /// parameters. Reports can be fed at once; delivery starts with <see cref="RunAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The phone number is not digits that fit the header.</exception>
    /// <exception cref="IOException">The state directory cannot be used; the message names it and the cause.</exception>
    public Jt808Terminal(Jt808TerminalOptions options, ILogger<Jt808Terminal>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int maxDigits = options.Version2019 ? 20 : 12;
        if (string.IsNullOrEmpty(options.Phone) || options.Phone.Length > maxDigits || !options.Phone.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"phone number '{options.Phone}' must be 1–{maxDigits} digits for the {(options.Version2019 ? 2019 : 2013)} header", nameof(options));
        }

        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = options.TimeProvider;
        _authCodePath = Path.Combine(options.StateDirectory, "auth-code");
        _parametersPath = Path.Combine(options.StateDirectory, "parameters.bin");
        _queue = DurableQueue.Open(new DurableQueueOptions { Directory = Path.Combine(options.StateDirectory, "reports"), Capacity = options.QueueCapacity });
        _lost = _queue.Recovery.LostRecords;
        try
        {
            _authCode = File.Exists(_authCodePath) ? File.ReadAllBytes(_authCodePath) : null;
            if (File.Exists(_parametersPath) && !Parameters.TryLoad(File.ReadAllBytes(_parametersPath)))
            {
                _lastError = $"stored parameters in '{_parametersPath}' do not decode; using the defaults";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _queue.Dispose();
            throw new IOException($"state directory '{options.StateDirectory}' cannot be read: {ex.Message}", ex);
        }

        _scheduler = new Jt808ReportScheduler(Parameters);
        _driverAlarms = new DriverAlarmMonitor(Parameters.DriverAlarmSettings(options.Alarms));
    }

    /// <summary>Raised (on the connection's reader) for each 0x8300 text message from the platform.</summary>
    public event EventHandler<Jt808TextMessageEventArgs>? TextMessageReceived;

    /// <summary>The parameters in force (defaults, then what the platform set; persisted).</summary>
    public Jt808TerminalParameters Parameters { get; } = new();

    /// <summary>Connection state.</summary>
    public Jt808TerminalState State => _state;

    /// <summary>True when an authentication code from a registration is stored.</summary>
    public bool IsRegistered => Volatile.Read(ref _authCode) != null;

    /// <summary>What the queue recovered when it was opened (reports from a previous run are delivered first).</summary>
    public QueueRecoveryReport QueueRecovery => _queue.Recovery;

    /// <summary>IDs of the areas the platform set that are in force (0x8600/0x8602/0x8604, minus deletions).</summary>
    public uint[] AreaIds
    {
        get
        {
            lock (_stateLock)
            {
                return _areas.Keys.Order().ToArray();
            }
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public Jt808TerminalStatus Status => new()
    {
        State = _state,
        ReportsMade = Interlocked.Read(ref _reportsMade),
        StoreFailures = Interlocked.Read(ref _storeFailures),
        Queued = _queue.Count,
        Acknowledged = Interlocked.Read(ref _acknowledged),
        Rejected = Interlocked.Read(ref _rejected),
        Dropped = _queue.DroppedTotal,
        Lost = Interlocked.Read(ref _lost),
        LocationReportsSent = Interlocked.Read(ref _reportsSent),
        BatchesSent = Interlocked.Read(ref _batchesSent),
        BatchedReportsAcknowledged = Interlocked.Read(ref _batchedAcknowledged),
        Retransmissions = Interlocked.Read(ref _retransmissions),
        HeartbeatsSent = Interlocked.Read(ref _heartbeats),
        Connections = Interlocked.Read(ref _connections),
        SessionFailures = Interlocked.Read(ref _sessionFailures),
        RegistrationsRefused = Interlocked.Read(ref _registrationsRefused),
        AuthenticationsRefused = Interlocked.Read(ref _authenticationsRefused),
        CommandsHandled = Interlocked.Read(ref _commandsHandled),
        CommandsUnsupported = Interlocked.Read(ref _commandsUnsupported),
        CommandsMalformed = Interlocked.Read(ref _commandsMalformed),
        FramesRefused = Interlocked.Read(ref _framesRefused),
        LastError = _lastError ?? _queue.LastError,
    };

    /// <summary>
    /// Takes one position (in time order): updates the odometer, the platform's areas and the driver alarms, and stores a
    /// location report in the durable queue when one is due (interval or distance, an alarm raised or cleared, an area
    /// entered or left: one report per area event). Never blocks on the network.
    /// </summary>
    /// <returns>How many reports were stored for this sample (0 when none was due; a store failure is counted in <see cref="Jt808TerminalStatus.StoreFailures"/>).</returns>
    public int Report(in PositionSample sample)
    {
        int stored = 0;
        lock (_stateLock)
        {
            _events.Clear();
            _geofences.Update(sample, _events);
            _driverAlarms.Update(sample, _geofences.SpeedLimitMetersPerSecond, _events);
            _odometer.Add(sample);
            if (sample.FixValid)
            {
                _lastFix = sample;
                _hasFix = true;
            }

            List<(int Type, uint Id, int Direction)>? areaEvents = null;
            foreach (VehicleEvent e in _events)
            {
                if (e.Kind is VehicleEventKind.GeofenceEntered or VehicleEventKind.GeofenceExited && e.FenceId is uint id && _areas.TryGetValue(id, out Jt808Area? area))
                {
                    bool enter = e.Kind == VehicleEventKind.GeofenceEntered;
                    if ((area.Attributes & (enter ? Jt808AreaConverter.AttributeEnterAlarmToPlatform : Jt808AreaConverter.AttributeExitAlarmToPlatform)) != 0)
                    {
                        (areaEvents ??= []).Add((Jt808AreaConverter.LocationType(area), id, enter ? 0 : 1));
                    }
                }
            }

            // Conditions (held while they last) trigger a report when they change; the area bit is an event (latched until acknowledged).
            uint conditions = (uint)_driverAlarms.Active | _antennaBits;
            bool changed = conditions != _lastConditionBits;
            bool due = _scheduler.IsDue(sample, sample.Ignition != IgnitionState.Off, conditions != 0);
            if (areaEvents != null)
            {
                _areaLatch = true;
            }

            uint word = conditions | (_areaLatch ? Jt808AlarmFlags.AreaInOut : 0);
            _latest = Build(sample, word, null);
            if (!due && !changed && areaEvents == null)
            {
                return 0;
            }

            if (areaEvents == null)
            {
                stored += Store(_latest) >= 0 ? 1 : 0;
            }
            else
            {
                foreach ((int Type, uint Id, int Direction) areaEvent in areaEvents)
                {
                    long sequence = Store(Build(sample, word, areaEvent));
                    if (sequence >= 0)
                    {
                        _areaEventSequence = sequence;
                        stored++;
                    }
                }
            }

            _scheduler.Reported(sample);
            _lastConditionBits = conditions;
        }

        _wake.TrySetResult();
        return stored;
    }

    /// <summary>Sets the GNSS antenna alarms (bits 5 and 6), held until set back; the next sample reports the change.</summary>
    public void SetAntennaState(bool disconnected, bool shortCircuited)
    {
        lock (_stateLock)
        {
            _antennaBits = (disconnected ? Jt808AlarmFlags.GnssAntennaOpen : 0) | (shortCircuited ? Jt808AlarmFlags.GnssAntennaShort : 0);
        }
    }

    /// <summary>
    /// Connects, registers (once; the code is stored), authenticates, then delivers the queue and answers the platform
    /// until <paramref name="cancellationToken"/> is cancelled. A failed connection or session is retried after a
    /// back-off delay; nothing queued is lost meanwhile. Returns when cancelled.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_runCts != null)
        {
            throw new InvalidOperationException("the terminal is already running");
        }

        _runCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _run = RunLoopAsync(_runCts.Token);
        return _run;
    }

    /// <summary>Waits until the queue is empty (everything acknowledged) or the timeout passes; true when empty.</summary>
    public async Task<bool> WaitUntilDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long start = _time.GetTimestamp();
        while (true)
        {
            Task acknowledged = _acknowledgedSignal.Task;
            if (_queue.Count == 0)
            {
                return true;
            }

            TimeSpan left = timeout - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await acknowledged.WaitAsync(left, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    /// <summary>Stops the connection and closes the queue (what is unacknowledged stays on disk for the next run).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_runCts != null)
        {
            await _runCts.CancelAsync().ConfigureAwait(false);
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            _runCts.Dispose();
        }

        _queue.Dispose();
        _writeLock.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = new ExponentialBackoff(_options.ReconnectDelayInitial, _options.ReconnectDelayMaximum);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                _state = Jt808TerminalState.Connecting;
                _wasOnline = false;
                try
                {
                    using var client = new TcpClient { NoDelay = true };
                    using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        connect.CancelAfter(_options.ConnectTimeout);
                        await client.ConnectAsync(_options.Host, _options.Port, connect.Token).ConfigureAwait(false);
                    }

                    Interlocked.Increment(ref _connections);
                    await RunSessionAsync(client.GetStream(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                    && ex is SocketException or IOException or OperationCanceledException or TimeoutException or ObjectDisposedException or UnauthorizedAccessException)
                {
                    Interlocked.Increment(ref _sessionFailures);
                    _lastError = $"platform {_options.Host}:{_options.Port}: {(ex is OperationCanceledException ? "connection closed" : ex.Message)}";
                    LogSessionEnded(_logger, _lastError);
                }

                if (_wasOnline)
                {
                    backoff.Reset();
                }

                if (!cancellationToken.IsCancellationRequested)
                {
                    _state = Jt808TerminalState.WaitingToReconnect;
                    await Task.Delay(backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            _state = Jt808TerminalState.Stopped;
        }
    }

    /// <summary>One connection: register if needed, authenticate, then deliver until the connection fails (it always ends by an exception).</summary>
    private async Task RunSessionAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stream = stream;
        Task reader = ReadLoopAsync(stream, session);
        try
        {
            if (Volatile.Read(ref _authCode) == null)
            {
                _state = Jt808TerminalState.Registering;
                await RegisterAsync(session.Token).ConfigureAwait(false);
            }

            _state = Jt808TerminalState.Authenticating;
            await AuthenticateAsync(session.Token).ConfigureAwait(false);
            _wasOnline = true;
            _sessionFirstSequence = _queue.NextSequence;
            _state = Jt808TerminalState.Online;
            _lastError = null;
            await DeliverAsync(session.Token).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            stream.Close();
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The reader ends with the connection.
            }

            foreach (int sequence in _pending.Keys)
            {
                if (_pending.TryRemove(sequence, out var pending))
                {
                    pending.Response.TrySetCanceled(CancellationToken.None);
                }
            }

            _stream = null;
        }
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        Jt808Message response = await RequestAsync(Jt808MessageIds.Registration, _options.Registration, cancellationToken).ConfigureAwait(false);
        if (response.Body is not Jt808RegistrationResponse registration || registration.Result != Jt808RegistrationResponse.ResultSuccess)
        {
            Interlocked.Increment(ref _registrationsRefused);
            throw new IOException($"registration refused (result {(response.Body as Jt808RegistrationResponse)?.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "malformed"})");
        }

        AtomicFile.Write(_authCodePath, registration.AuthenticationCode);
        Volatile.Write(ref _authCode, registration.AuthenticationCode);
    }

    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        var body = new Jt808Authentication { AuthenticationCode = Volatile.Read(ref _authCode)!, Imei = _options.Imei, SoftwareVersion = _options.SoftwareVersion };
        Jt808Message response = await RequestAsync(Jt808MessageIds.Authentication, body, cancellationToken).ConfigureAwait(false);
        int result = (response.Body as Jt808GeneralResponse)?.Result ?? Jt808GeneralResponse.ResultMessageError;
        if (result != Jt808GeneralResponse.ResultSuccess)
        {
            // A platform that forgot the terminal refuses the old code: register again on the next connection.
            Interlocked.Increment(ref _authenticationsRefused);
            Volatile.Write(ref _authCode, null);
            File.Delete(_authCodePath);
            throw new IOException($"authentication refused (result {result}); the terminal registers again");
        }
    }

    /// <summary>The send loop: blind-area backlog first (0x0704), then live reports (0x0200), heartbeats when idle.</summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TaskCompletionSource wake = _wake;
            IReadOnlyList<QueuedRecord> records = _queue.Peek(256);
            if (records.Count == 0)
            {
                TimeSpan heartbeat = TimeSpan.FromSeconds(Math.Max(1, Parameters.GetUnsigned(Jt808TerminalParameters.HeartbeatInterval, 60)));
                TimeSpan idle = _time.GetElapsedTime(Interlocked.Read(ref _lastSentTimestamp));
                if (idle >= heartbeat)
                {
                    Interlocked.Increment(ref _heartbeats);
                    await RequestAsync(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await wake.Task.WaitAsync(heartbeat - idle, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Heartbeat due.
                }

                Interlocked.CompareExchange(ref _wake, NewSignal(), wake);
                continue;
            }

            if (records[0].Sequence < _sessionFirstSequence)
            {
                await SendBatchAsync(records, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendReportAsync(records[0], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendReportAsync(QueuedRecord record, CancellationToken cancellationToken)
    {
        if (!Jt808LocationReport.TryDecode(record.Payload, 0, record.Payload.Length, out Jt808LocationReport report))
        {
            Interlocked.Increment(ref _lost);
            Acknowledge(record.Sequence, 0);
            return;
        }

        Interlocked.Increment(ref _reportsSent);
        Jt808Message response = await RequestAsync(Jt808MessageIds.LocationReport, report, cancellationToken).ConfigureAwait(false);
        Acknowledge(record.Sequence, Result(response) == Jt808GeneralResponse.ResultSuccess ? 1 : -1);
    }

    private async Task SendBatchAsync(IReadOnlyList<QueuedRecord> records, CancellationToken cancellationToken)
    {
        var reports = new List<Jt808LocationReport>();
        int bodyBytes = 3, unreadable = 0;
        long last = -1;
        foreach (QueuedRecord record in records)
        {
            if (record.Sequence >= _sessionFirstSequence || bodyBytes + 2 + record.Payload.Length > MaxBodyBytes)
            {
                break;
            }

            last = record.Sequence;
            if (Jt808LocationReport.TryDecode(record.Payload, 0, record.Payload.Length, out Jt808LocationReport report))
            {
                reports.Add(report);
                bodyBytes += 2 + record.Payload.Length;
            }
            else
            {
                unreadable++;
            }
        }

        Interlocked.Add(ref _lost, unreadable);
        if (reports.Count == 0)
        {
            Acknowledge(last, 0);
            return;
        }

        Interlocked.Increment(ref _batchesSent);
        var batch = new Jt808LocationBatch { BatchType = Jt808LocationBatch.TypeBlindArea, Reports = reports.ToArray() };
        Jt808Message response = await RequestAsync(Jt808MessageIds.LocationBatch, batch, cancellationToken).ConfigureAwait(false);
        bool success = Result(response) == Jt808GeneralResponse.ResultSuccess;
        if (success)
        {
            Interlocked.Add(ref _batchedAcknowledged, reports.Count);
        }

        Acknowledge(last, success ? reports.Count : -reports.Count);
    }

    private static int Result(Jt808Message response) => (response.Body as Jt808GeneralResponse)?.Result ?? Jt808GeneralResponse.ResultMessageError;

    /// <summary>Removes records up to <paramref name="sequence"/>; <paramref name="reports"/> &gt; 0 acknowledged, &lt; 0 rejected.</summary>
    private void Acknowledge(long sequence, int reports)
    {
        _queue.Remove(sequence);
        if (reports > 0)
        {
            Interlocked.Add(ref _acknowledged, reports);
        }
        else
        {
            Interlocked.Add(ref _rejected, -reports);
        }

        lock (_stateLock)
        {
            if (_areaLatch && sequence >= _areaEventSequence)
            {
                _areaLatch = false;
            }
        }

        Interlocked.Exchange(ref _acknowledgedSignal, NewSignal()).TrySetResult();
    }

    /// <summary>Sends a message and waits for its response, by the retransmission rule: wait T × (n + 1) after the n-th sending, N + 1 sendings.</summary>
    private async Task<Jt808Message> RequestAsync(int messageId, Jt808Body body, CancellationToken cancellationToken)
    {
        int sequence = NextSequence();
        var message = new Jt808Message { Header = Jt808Header.Create(messageId, _options.Phone, sequence, _options.Version2019), Body = body };
        var response = new TaskCompletionSource<Jt808Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[sequence] = (messageId, response);
        try
        {
            TimeSpan timeout = _options.ResponseTimeout ?? TimeSpan.FromSeconds(Math.Max(1, Parameters.GetUnsigned(Jt808TerminalParameters.TcpResponseTimeout, 10)));
            uint retransmissions = Math.Min(Parameters.GetUnsigned(Jt808TerminalParameters.TcpRetransmissions, 3), 100);
            for (int n = 0; n <= retransmissions; n++)
            {
                if (n > 0)
                {
                    Interlocked.Increment(ref _retransmissions);
                }

                await WriteAsync(message, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await response.Task.WaitAsync(timeout * (n + 1), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    LogNoResponse(_logger, messageId, sequence, n + 1);
                }
            }

            throw new TimeoutException($"no response to 0x{messageId:X4} #{sequence} after {retransmissions + 1} sendings");
        }
        finally
        {
            _pending.TryRemove(sequence, out _);
        }
    }

    private int NextSequence() => Interlocked.Increment(ref _sequence) & 0xFFFF;

    private async Task WriteAsync(Jt808Message message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Stream stream = _stream ?? throw new IOException("not connected");
            if (!_encoder.TryEncode(message, out byte[] frame))
            {
                throw new InvalidOperationException($"0x{message.Header.MessageId:X4} does not encode (body over {MaxBodyBytes} bytes)");
            }

            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastSentTimestamp, _time.GetTimestamp());
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private Task RespondAsync(Jt808Message request, int result, CancellationToken cancellationToken) =>
        WriteAsync(Reply(Jt808MessageIds.TerminalGeneralResponse, new Jt808GeneralResponse
        {
            AckSequenceNumber = request.Header.SequenceNumber,
            AckMessageId = request.Header.MessageId,
            Result = result,
        }), cancellationToken);

    private Jt808Message Reply(int messageId, Jt808Body body) =>
        new() { Header = Jt808Header.Create(messageId, _options.Phone, NextSequence(), _options.Version2019), Body = body };

    private async Task ReadLoopAsync(NetworkStream stream, CancellationTokenSource session)
    {
        var buffer = new byte[4096];
        var frames = new Jt808FrameReader();
        var codec = new Jt808Codec();
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer, session.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                int offset = 0;
                while (offset < read)
                {
                    offset += frames.Feed(buffer, offset, read - offset);
                    if (frames.HasFrame)
                    {
                        await HandleFrameAsync(codec, frames.Frame, frames.FrameLength, session.Token).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            // Whatever ended the reader ends the session: the sender's waits are cancelled and it reconnects.
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleFrameAsync(Jt808Codec codec, byte[] frame, int length, CancellationToken cancellationToken)
    {
        Jt808DecodeResult result = codec.TryDecode(frame, 0, length, out Jt808Message message);
        if (message == null)
        {
            Interlocked.Increment(ref _framesRefused);
            return;
        }

        int id = message.Header.MessageId;
        if (result == Jt808DecodeResult.BodyMalformed)
        {
            Interlocked.Increment(ref _commandsMalformed);
            await RespondAsync(message, Jt808GeneralResponse.ResultMessageError, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (message.Body)
        {
            case Jt808GeneralResponse response when id == Jt808MessageIds.PlatformGeneralResponse:
                Complete(response.AckSequenceNumber, response.AckMessageId, message);
                return;
            case Jt808RegistrationResponse registration:
                Complete(registration.AckSequenceNumber, Jt808MessageIds.Registration, message);
                return;
        }

        if (result != Jt808DecodeResult.Ok)
        {
            // An id without a decoder, a sub-packaged or an encrypted body: this terminal cannot act on it.
            Interlocked.Increment(ref _commandsUnsupported);
            await RespondAsync(message, Jt808GeneralResponse.ResultNotSupported, cancellationToken).ConfigureAwait(false);
            return;
        }

        int answer = Jt808GeneralResponse.ResultSuccess;
        switch (id)
        {
            case Jt808MessageIds.SetParameters:
                ApplyParameters(((Jt808SetParameters)message.Body!).Parameters);
                break;
            case Jt808MessageIds.QueryParameters:
                await AnswerParametersAsync(message, Parameters.All(), cancellationToken).ConfigureAwait(false);
                return;
            case Jt808MessageIds.QuerySpecificParameters:
                await AnswerParametersAsync(message, Parameters.Select(((Jt808QuerySpecificParameters)message.Body!).ParameterIds), cancellationToken).ConfigureAwait(false);
                return;
            case Jt808MessageIds.LocationQuery:
                Interlocked.Increment(ref _commandsHandled);
                await WriteAsync(Reply(Jt808MessageIds.LocationQueryResponse,
                    new Jt808LocationQueryResponse { AckSequenceNumber = message.Header.SequenceNumber, Report = CurrentReport() }), cancellationToken).ConfigureAwait(false);
                return;
            case Jt808MessageIds.TemporaryTracking:
                var tracking = (Jt808TemporaryTracking)message.Body!;
                lock (_stateLock)
                {
                    _scheduler.StartTracking(tracking.IntervalSeconds, tracking.ValidityOmitted ? uint.MaxValue / 2 : tracking.ValiditySeconds);
                }

                break;
            case Jt808MessageIds.TextMessage:
                var text = (Jt808TextMessage)message.Body!;
                TextMessageReceived?.Invoke(this, new Jt808TextMessageEventArgs(text.Flags, Gbk.Value.GetString(text.Text)));
                break;
            case Jt808MessageIds.SetCircleAreas or Jt808MessageIds.SetRectangleAreas or Jt808MessageIds.SetPolygonArea:
                answer = SetAreas((Jt808SetAreas)message.Body!);
                break;
            case Jt808MessageIds.DeleteCircleAreas or Jt808MessageIds.DeleteRectangleAreas or Jt808MessageIds.DeletePolygonAreas:
                DeleteAreas(id, ((Jt808DeleteAreas)message.Body!).AreaIds);
                break;
            default:
                Interlocked.Increment(ref _commandsUnsupported);
                await RespondAsync(message, Jt808GeneralResponse.ResultNotSupported, cancellationToken).ConfigureAwait(false);
                return;
        }

        Interlocked.Increment(ref answer == Jt808GeneralResponse.ResultSuccess ? ref _commandsHandled : ref _commandsMalformed);
        await RespondAsync(message, answer, cancellationToken).ConfigureAwait(false);
    }

    private static readonly Lazy<Encoding> Gbk = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936);
    });

    private void Complete(int sequence, int messageId, Jt808Message response)
    {
        if (_pending.TryGetValue(sequence, out var pending) && pending.MessageId == messageId)
        {
            pending.Response.TrySetResult(response);
        }
    }

    private Task AnswerParametersAsync(Jt808Message request, Jt808Parameter[] parameters, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _commandsHandled);
        return WriteAsync(Reply(Jt808MessageIds.ParameterResponse,
            new Jt808ParameterResponse { AckSequenceNumber = request.Header.SequenceNumber, Parameters = parameters }), cancellationToken);
    }

    private void ApplyParameters(Jt808Parameter[] parameters)
    {
        Parameters.Set(parameters);
        try
        {
            AtomicFile.Write(_parametersPath, Parameters.Serialize());
        }
        catch (IOException ex)
        {
            _lastError = $"parameters not stored in '{_parametersPath}': {ex.Message}";
        }

        if (parameters.Any(p => p.Id is >= 0x0055 and <= 0x005A))
        {
            // The thresholds are fixed at construction; the new monitor starts its driving-time counts from the next sample.
            lock (_stateLock)
            {
                _driverAlarms = new DriverAlarmMonitor(Parameters.DriverAlarmSettings(_options.Alarms));
            }
        }
    }

    private int SetAreas(Jt808SetAreas body)
    {
        var fences = new List<(Jt808Area Area, Geofence Fence)>();
        foreach (Jt808Area area in body.Areas)
        {
            if (Jt808AreaConverter.TryConvert(area) is not Geofence fence)
            {
                return Jt808GeneralResponse.ResultFailure;
            }

            fences.Add((area, fence));
        }

        lock (_stateLock)
        {
            if (body.SettingType == Jt808SetAreas.SettingUpdate)
            {
                RemoveAreasOfShape(ShapeOf(body.MessageId), all: true, []);
            }

            foreach ((Jt808Area area, Geofence fence) in fences)
            {
                _areas[area.AreaId] = area;
                _geofences.Add(fence);
            }
        }

        return Jt808GeneralResponse.ResultSuccess;
    }

    private void DeleteAreas(int messageId, uint[] ids)
    {
        lock (_stateLock)
        {
            RemoveAreasOfShape(ShapeOf(messageId), ids.Length == 0, ids);
        }
    }

    private static int ShapeOf(int messageId) => messageId switch
    {
        Jt808MessageIds.SetCircleAreas or Jt808MessageIds.DeleteCircleAreas => 1,
        Jt808MessageIds.SetRectangleAreas or Jt808MessageIds.DeleteRectangleAreas => 2,
        _ => 3,
    };

    private void RemoveAreasOfShape(int shape, bool all, uint[] ids)
    {
        foreach (uint id in _areas.Where(a => Jt808AreaConverter.LocationType(a.Value) == shape && (all || ids.Contains(a.Key))).Select(a => a.Key).ToArray())
        {
            _areas.Remove(id);
            _geofences.Remove(id);
        }
    }

    private Jt808LocationReport CurrentReport()
    {
        lock (_stateLock)
        {
            return _latest ?? Build(new PositionSample(_time.GetUtcNow().UtcDateTime, false, 0, 0), (uint)_driverAlarms.Active | _antennaBits, null);
        }
    }

    private Jt808LocationReport Build(in PositionSample sample, uint alarmWord, (int Type, uint Id, int Direction)? areaEvent)
    {
        var report = new Jt808LocationReport
        {
            AlarmFlags = alarmWord,
            // No ACC line (ignition unknown) reports ACC on: a moving vehicle is not asleep.
            StatusFlags = (sample.Ignition != IgnitionState.Off ? 1u : 0) | (sample.FixValid ? 2u : 0),
        };
        PositionSample where = sample.FixValid ? sample : _lastFix;
        if (sample.FixValid || _hasFix)
        {
            report.SetPosition(where.LatitudeDegrees, where.LongitudeDegrees);
        }

        if (sample.FixValid && !double.IsNaN(sample.SpeedMetersPerSecond))
        {
            report.SetSpeedKilometersPerHour(Math.Max(0, sample.SpeedMetersPerSecond * 3.6));
        }

        report.SetTimeUtc(sample.TimeUtc);
        report.AddMileageKilometers(_odometer.DistanceMeters / 1000);
        if ((alarmWord & (uint)DriverAlarm.Overspeed) != 0)
        {
            report.AddOverspeedAlarm(0, 0);
        }

        if (areaEvent is { } e)
        {
            report.AddAreaAlarm(e.Type, e.Id, e.Direction);
        }

        return report;
    }

    /// <summary>Stores a report body in the queue; the sequence number, or -1 when the queue refused it (counted).</summary>
    private long Store(Jt808LocationReport report)
    {
        var writer = new Jt808Writer(64);
        report.Encode(writer, version2019: false);
        try
        {
            long sequence = _queue.Append(writer.ToArray());
            Interlocked.Increment(ref _reportsMade);
            return sequence;
        }
        catch (IOException ex)
        {
            Interlocked.Increment(ref _storeFailures);
            _lastError = ex.Message;
            return -1;
        }
    }

    [LoggerMessage(LogLevel.Information, "JT/T 808 session ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Debug, "No response to 0x{MessageId:X4} #{Sequence} (sending {Attempt})")]
    private static partial void LogNoResponse(ILogger logger, int messageId, int sequence, int attempt);
}
