using System.Diagnostics;
using System.Threading.Channels;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EdgeSdk.Telemetry;

/// <summary>
/// Ships fixes to an MQTT broker with store-and-forward: <see cref="TryEnqueue"/> hands a fix over without
/// blocking; a background writer appends it to the <see cref="DurableQueue"/>; a background sender publishes
/// batches at QoS 1 and removes them only after the broker's PUBACK, reconnecting with backoff when the
/// broker goes away. Status is retained on the status topic: online at connect, offline as the Last Will.
/// </summary>
public sealed partial class TelemetryPublisher : IAsyncDisposable
{
    /// <summary>The MQTT 5 user property naming the schema, and its value.</summary>
    public const string SchemaProperty = "schema", SchemaVersion = "edgesdk.telemetry.v1";

    /// <summary>The MQTT 5 content type of every message.</summary>
    public const string ContentType = "application/x-protobuf";

    // How long an idle sender sleeps before looking at its queue again when nobody wakes it.
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly ReadOnlyMemory<byte> SchemaVersionBytes = "edgesdk.telemetry.v1"u8.ToArray();
    private readonly TelemetryPublisherOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<GnssFix> _handoff;
    private readonly MqttConnection _connection;
    private readonly SemaphoreSlim _work = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _fixTopic, _statusTopic, _eventTopic;
    private DurableQueue? _queue;
    private Task _writer = Task.CompletedTask, _sender = Task.CompletedTask, _connector = Task.CompletedTask;
    private long _accepted, _handoffDropped, _storeFailures, _published, _acknowledged, _rejected, _batches, _bytes;
    private long _written, _droppedAtStart, _connections, _failuresAtOutage;
    private bool _backlog, _handoffFullReported;
    private readonly Lock _healthLock = new();
    private string? _storeErrorReported;
    private volatile bool _draining, _disposing;

    /// <summary>Creates a publisher; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException">The device or fleet is not a single topic level, or a size is not positive.</exception>
    public TelemetryPublisher(TelemetryPublisherOptions options, ILogger<TelemetryPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        TelemetryNames.Validate(options.DeviceId, "device ID");
        TelemetryNames.Validate(options.Fleet, "fleet");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HandoffCapacity, 1);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _fixTopic = TelemetryTopics.Fix(options.Fleet, options.DeviceId);
        _statusTopic = TelemetryTopics.Status(options.Fleet, options.DeviceId);
        _eventTopic = TelemetryTopics.Event(options.Fleet, options.DeviceId);
        _handoff = Channel.CreateBounded<GnssFix>(new BoundedChannelOptions(options.HandoffCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of waiting.
            SingleReader = true,
        });
        string clientId = options.Connection.ClientId ?? $"edgesdk-{options.Fleet}-{options.DeviceId}";
        _connection = new MqttConnection(options.Connection, clientId, ConfigureWill, OnConnectedAsync, _logger);
        _connection.StateChanged += connected =>
        {
            // Our own disconnect at dispose is not an outage.
            if (!connected && !_disposing)
            {
                Raise(TelemetryEventKind.BrokerDown, $"broker down ({_connection.LastError}); queueing on disk", _queue?.Count ?? 0);
            }
        };
    }

    /// <summary>Raised (on a background thread) for broker down, connected, queue flushed, fixes dropped, rejected batches.</summary>
    public event EventHandler<TelemetryEvent>? EventRaised;

    /// <summary>What recovery found in the queue directory at start, or null before <see cref="StartAsync"/>.</summary>
    public QueueRecoveryReport? Recovery => _queue?.Recovery;

    /// <summary>A snapshot of the counters.</summary>
    public TelemetryPublisherCounters Counters
    {
        get
        {
            long published = Interlocked.Read(ref _published);
            return new TelemetryPublisherCounters
            {
                Accepted = Interlocked.Read(ref _accepted),
                HandoffDropped = Interlocked.Read(ref _handoffDropped),
                Queued = _queue?.Count ?? 0,
                Dropped = (_queue?.DroppedTotal ?? 0) - Interlocked.Read(ref _droppedAtStart),
                StoreFailures = Interlocked.Read(ref _storeFailures),
                Lost = _queue?.Recovery.LostRecords ?? 0,
                StoreError = _queue?.LastError,
                Published = published,
                Acknowledged = Interlocked.Read(ref _acknowledged),
                Rejected = Interlocked.Read(ref _rejected),
                Batches = Interlocked.Read(ref _batches),
                BytesPerFix = published == 0 ? 0 : (double)Interlocked.Read(ref _bytes) / published,
                Connected = _connection.IsConnected,
                Mqtt5 = _connection.IsMqtt5,
                LastError = _connection.LastError,
                NextSequence = _queue?.NextSequence ?? 0,
                QueueInstanceId = _queue?.InstanceId ?? 0,
            };
        }
    }

    /// <summary>
    /// Opens (and recovers) the durable queue and starts the writer, the sender and the connection loop.
    /// Returns without waiting for the broker: fixes are queued until it answers.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start (checked before and after opening the queue, which is then closed again); the
    /// publisher runs until <see cref="DisposeAsync"/>, not until this token is cancelled.</param>
    /// <exception cref="IOException">
    /// The queue directory cannot be used: in use by another publisher or process, not writable, or unreadable.
    /// The message names the directory and the cause.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing was started.</exception>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_queue != null)
        {
            throw new InvalidOperationException("the publisher is already started");
        }

        var queue = DurableQueue.Open(new DurableQueueOptions
        {
            Directory = _options.QueueDirectory,
            Capacity = _options.QueueCapacity,
            FsyncInterval = _options.FsyncInterval,
        });
        if (cancellationToken.IsCancellationRequested)
        {
            queue.Dispose(); // releases the directory lock for the next try
            cancellationToken.ThrowIfCancellationRequested();
        }

        OpenDrivingEventQueue(queue);
        _queue = queue;
        if (_queue.Recovery.LostRecords > 0)
        {
            Raise(TelemetryEventKind.FixesLost, $"queue in {_options.QueueDirectory} was damaged: {_queue.Recovery.LostRecords} fixes lost, " +
                $"sequence numbers {string.Join(", ", _queue.Recovery.LostSequences)}", _queue.Recovery.LostRecords);
        }

        _droppedAtStart = _queue.DroppedTotal;
        LoadDroppedReported(_queue);
        _lostPending = _queue.Recovery.LostRecords > 0; // once per recovery: the damaged records are gone from disk now
        EnqueueOwnEvents(reconnectedWithBacklog: false);
        _backlog = _queue.Count > 0;
        CancellationToken stop = _stop.Token;
        _writer = Task.Run(() => WriteLoopAsync(), CancellationToken.None);
        _connector = Task.Run(() => _connection.RunAsync(stop), CancellationToken.None);
        _sender = Task.Run(() => SendLoopAsync(queue, _work, SendFixesAsync, stop), CancellationToken.None);
        _eventSender = Task.Run(() => SendLoopAsync(_eventQueue!, _eventWork, SendEventsAsync, stop), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Hands a fix over for publishing. Never blocks: returns false (and counts it) when the bounded hand-off
    /// is full or the publisher is stopping. The fix gets its sequence number when it reaches the queue.
    /// </summary>
    public bool TryEnqueue(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (_handoff.Writer.TryWrite(fix))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }

        Interlocked.Increment(ref _handoffDropped);
        if (!_handoffFullReported)
        {
            _handoffFullReported = true;
            Raise(TelemetryEventKind.HandoffFull, _disposing
                ? "publisher stopping: fixes refused"
                : "hand-off full: the queue writer is behind, fixes refused (counted) until it catches up", 1);
        }

        return false;
    }

    /// <summary>
    /// Hands a fix over, waiting while the hand-off is full (back-pressure): for finite sources (files, stdin)
    /// replayed faster than real time. A live receiver should call <see cref="TryEnqueue"/>, which never waits.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The publisher is stopping; the fix is counted in <see cref="TelemetryPublisherCounters.HandoffDropped"/>.</exception>
    public async ValueTask EnqueueAsync(GnssFix fix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fix);
        try
        {
            await _handoff.Writer.WriteAsync(fix, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            Interlocked.Increment(ref _handoffDropped);
            throw new ObjectDisposedException($"{nameof(TelemetryPublisher)} is stopping: fix refused", ex);
        }

        Interlocked.Increment(ref _accepted);
    }

    /// <summary>
    /// The newest fixes still in the queue (not yet acknowledged by the broker) with a sequence number below
    /// <paramref name="belowSequence"/>, newest first, at most <paramref name="max"/>: for a second path (the RDSS
    /// satellite fallback) that sends some of them while the broker is away. Only reads: the fixes stay queued
    /// and still go over MQTT. Empty before <see cref="StartAsync"/>. Costs one pass over the queue in memory.
    /// </summary>
    public IReadOnlyList<SequencedFix> PeekNewestQueuedFixes(int max, long belowSequence = long.MaxValue)
    {
        if (_queue is not { } queue)
        {
            return [];
        }

        var fixes = new List<GnssFix>(1);
        var result = new List<SequencedFix>();
        foreach (QueuedRecord record in queue.PeekNewest(max, belowSequence))
        {
            fixes.Clear();
            if (TryDecodeRecord(record, fixes))
            {
                result.Add(new SequencedFix(record.Sequence, fixes[0]));
            }
        }

        return result;
    }

    /// <summary>Waits until the publisher is connected to the broker.</summary>
    /// <returns>False when <paramref name="timeout"/> passed first.</returns>
    public async Task<bool> WaitUntilConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _connection.WaitConnectedAsync(limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits until every fix handed over so far has been acknowledged by the broker (queue empty).</summary>
    /// <returns>False when <paramref name="timeout"/> passed first.</returns>
    public async Task<bool> WaitUntilDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        // While draining, a part-filled batch goes at once instead of waiting for BatchMaxDelay.
        _draining = true;
        WakeSender();
        try
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (Interlocked.Read(ref _written) == Interlocked.Read(ref _accepted) && _queue is { Count: 0 })
                {
                    return true;
                }

                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }
        finally
        {
            _draining = false;
        }
    }

    /// <summary>Stops the loops, publishes the retained offline status if connected, and closes the queue. Queued fixes stay on disk.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing)
        {
            return;
        }

        _disposing = true;
        _handoff.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_sender, _connector).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await StopEventsAsync().ConfigureAwait(false);
        if (_connection.IsConnected)
        {
            try
            {
                await _connection.Client.PublishAsync(StatusMessage(online: false), CancellationToken.None).ConfigureAwait(false);
            }
            catch (MqttCommunicationException)
            {
                // The Last Will says offline instead.
            }
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        _queue?.Dispose();
        _work.Dispose();
        _stop.Dispose();
    }

    // Not cancellable on purpose: it drains the hand-off until DisposeAsync completes it, so nothing handed over is lost.
    private async Task WriteLoopAsync()
    {
        DurableQueue queue = _queue!;
        await foreach (GnssFix fix in _handoff.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                queue.Append(FixBatchCodec.Encode([fix], 0).ToByteArray());
                if (_handoffFullReported && _handoff.Reader.Count == 0)
                {
                    _handoffFullReported = false; // caught up: a later overflow is a new episode, reported again once
                }
            }
            catch (IOException)
            {
                // Refused, not lost silently: counted, and reported once per outage (ReportStoreHealth). The fix got
                // no sequence number, so it leaves no gap.
                Interlocked.Increment(ref _storeFailures);
                ReportStoreHealth(queue, refusedOne: true);
            }

            ReportStoreHealth(queue);

            Interlocked.Increment(ref _written);
            long dropped = queue.DroppedTotal;
            if (queue.Count >= _options.QueueCapacity && dropped - Interlocked.Read(ref _droppedReported) == 1)
            {
                Raise(TelemetryEventKind.FixesDropped, $"queue full ({_options.QueueCapacity} fixes): dropping the oldest", dropped);
            }

            if (queue.Count > _options.BatchSize)
            {
                _backlog = true;
            }

            WakeSender();
        }
    }

    // Disk full, permissions, I/O errors are a state: one event when the queue stops storing (or committing), one
    // when it works again with the count refused meanwhile; never one line per fix. Called by the writer and sender.
    private void ReportStoreHealth(DurableQueue queue, bool refusedOne = false)
    {
        string? error = queue.LastError;
        lock (_healthLock)
        {
            if (error == _storeErrorReported || (error != null && _storeErrorReported != null))
            {
                return;
            }

            long failures = Interlocked.Read(ref _storeFailures);
            if (error != null)
            {
                _failuresAtOutage = refusedOne ? failures - 1 : failures;
                Raise(TelemetryEventKind.StoreFailed, $"{error}; fixes are refused (counted) until it can be written again", failures);
            }
            else
            {
                Raise(TelemetryEventKind.StoreRecovered, $"queue in {_options.QueueDirectory} writable again; " +
                    $"{failures - _failuresAtOutage} fixes were refused while it was not", failures - _failuresAtOutage);
            }

            _storeErrorReported = error;
        }
    }

    private void WakeSender()
    {
        if (_work.CurrentCount == 0)
        {
            _work.Release();
        }
    }

    // One sender per durable queue (fixes, driving events), parameterised by what it sends: wait for the broker,
    // let sendSome publish from the queue, and on a transient failure leave the records queued and go again shortly
    // (the connection loop reconnects meanwhile). sendSome returns how long to wait for more work; zero: go on at once.
    private async Task SendLoopAsync(DurableQueue queue, SemaphoreSlim work, Func<DurableQueue, CancellationToken, Task<TimeSpan>> sendSome,
        CancellationToken cancellationToken)
    {
        var hold = new ExponentialBackoff(_options.Connection.ReconnectInitialDelay, _options.Connection.ReconnectMaxDelay);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(cancellationToken).ConfigureAwait(false);
                TimeSpan idle = await sendSome(queue, cancellationToken).ConfigureAwait(false);
                hold.Reset();
                if (idle > TimeSpan.Zero)
                {
                    await work.WaitAsync(idle, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (NoSubscriberException)
            {
                // Nobody subscribed (a restarted mosquitto before the shared consumers are back): ask again later.
                await Task.Delay(hold.Next(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException)
            {
                LogSendFailed(_logger, ex.Message);
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The fix sender's step: one batch of consecutive fixes, or the wait until a part-filled batch is due.
    private async Task<TimeSpan> SendFixesAsync(DurableQueue queue, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueuedRecord> records = Contiguous(queue.Peek(_options.BatchSize));
        if (records.Count == 0)
        {
            return IdleWait;
        }

        if (records.Count < _options.BatchSize && records[0].EnqueuedTimestamp != 0 && !_draining)
        {
            TimeSpan wait = _options.BatchMaxDelay - Stopwatch.GetElapsedTime(records[0].EnqueuedTimestamp);
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }
        }

        await PublishBatchAsync(queue, records, cancellationToken).ConfigureAwait(false);
        return TimeSpan.Zero;
    }

    private async Task PublishBatchAsync(DurableQueue queue, IReadOnlyList<QueuedRecord> records, CancellationToken cancellationToken)
    {
        var fixes = new List<GnssFix>(records.Count);
        foreach (QueuedRecord record in records)
        {
            if (!TryDecodeRecord(record, fixes))
            {
                break;
            }
        }

        if (fixes.Count == 0)
        {
            SkipForeignRecord(queue, records[0].Sequence, $"queue record {records[0].Sequence} is not a fix");
            return;
        }

        records = records.Take(fixes.Count).ToArray();

        long sentMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        byte[] payload = new Envelope
        {
            DeviceId = _options.DeviceId,
            Sequence = (ulong)records[0].Sequence,
            QueueInstance = (ulong)queue.InstanceId,
            SentTimeUnixMs = sentMs,
            Fixes = FixBatchCodec.Encode(fixes, sentMs),
        }.ToByteArray();
        MqttApplicationMessageBuilder message = Message(_fixTopic, payload);
        if (_connection.IsMqtt5 && _options.MessageExpiry > TimeSpan.Zero)
        {
            message.WithMessageExpiryInterval((uint)_options.MessageExpiry.TotalSeconds);
        }

        MqttClientPublishResult result = await _connection.PublishAsync(message.Build(), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _published, records.Count);
        Interlocked.Add(ref _bytes, payload.Length);
        long last = records[^1].Sequence;
        if (IsAcknowledged(queue, result, last, $"fixes {records[0].Sequence}..{last} on {_fixTopic}"))
        {
            Interlocked.Add(ref _acknowledged, queue.Remove(last));
            Interlocked.Increment(ref _batches);
            ReportStoreHealth(queue);
        }

        if (_backlog && queue.Count == 0)
        {
            _backlog = false;
            Raise(TelemetryEventKind.QueueFlushed, "backlog sent and acknowledged: queue empty", 0);
        }
    }

    // The broker's answer to queued records up to lastSequence. True: acknowledged (the caller removes and counts
    // them). A permanent refusal removes them (sending again cannot succeed, and keeping them would stall everything
    // behind), counts and reports it, and returns false. Anything else throws, so the sender loop sends them again.
    // With HoldWhenNoSubscriber, "no matching subscribers" throws NoSubscriberException: the records stay queued and the
    // sender loop asks again after a backoff (mosquitto 2.0 does not persist shared subscriptions, so after a restart
    // it acknowledges and drops what arrives before the consumers have subscribed again).
    private bool IsAcknowledged(DurableQueue queue, MqttClientPublishResult result, long lastSequence, string what)
    {
        if (result.ReasonCode is MqttClientPublishReasonCode.NoMatchingSubscribers && _options.HoldWhenNoSubscriber)
        {
            throw new NoSubscriberException();
        }

        if (result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
        {
            return true;
        }

        if (result.ReasonCode is not (MqttClientPublishReasonCode.NotAuthorized or MqttClientPublishReasonCode.TopicNameInvalid
            or MqttClientPublishReasonCode.PayloadFormatInvalid))
        {
            throw new MqttCommunicationException($"broker answered {result.ReasonCode}; retrying");
        }

        int removed = queue.Remove(lastSequence);
        Interlocked.Add(ref _rejected, removed);
        string why = $"broker refused {what}: {result.ReasonCode}" +
            (string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $" ({result.ReasonString})");
        LogRejected(_logger, why);
        Raise(TelemetryEventKind.PublishRejected, why, removed);
        return false;
    }

    // The CRC matched but the record is not what this queue holds (written by something else): skipped, counted.
    private void SkipForeignRecord(DurableQueue queue, long sequence, string what)
    {
        queue.Remove(sequence);
        Interlocked.Increment(ref _storeFailures);
        Raise(TelemetryEventKind.StoreFailed, $"{what}; skipped", 1);
    }

    private static bool TryDecodeRecord(QueuedRecord record, List<GnssFix> fixes)
    {
        int before = fixes.Count;
        try
        {
            if (FixBatchCodec.TryDecode(FixBatch.Parser.ParseFrom(record.Payload), 0, fixes, out _) && fixes.Count == before + 1)
            {
                return true;
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Falls through: not a fix.
        }

        fixes.RemoveRange(before, fixes.Count - before);
        return false;
    }

    // A batch's sequence numbers must be consecutive (fix i has sequence + i).
    private static IReadOnlyList<QueuedRecord> Contiguous(IReadOnlyList<QueuedRecord> records)
    {
        int n = 1;
        while (n < records.Count && records[n].Sequence == records[0].Sequence + n)
        {
            n++;
        }

        return records.Count <= n ? records : records.Take(n).ToArray();
    }

    private async Task OnConnectedAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        // Counted from the CONNACK on: a connection lost while being set up was a connection, so the next is a reconnection.
        bool reconnected = Interlocked.Increment(ref _connections) > 1;
        await client.PublishAsync(StatusMessage(online: true), cancellationToken).ConfigureAwait(false);

        // The own events go through the durable event queue (sent and removed by the event sender after the PUBACK),
        // not straight to the broker: a PUBACK "no matching subscribers" or a drop mid-publish cannot lose them.
        int queued = _queue?.Count ?? 0;
        EnqueueOwnEvents(reconnectedWithBacklog: reconnected);
        Raise(TelemetryEventKind.Connected, $"connected to {_options.Connection}", queued);
        if (_work.CurrentCount == 0)
        {
            _work.Release();
        }
    }

    private void ConfigureWill(MqttClientOptionsBuilder builder, bool mqtt5)
    {
        builder.WithWillTopic(_statusTopic).WithWillPayload(StatusPayload(online: false))
            .WithWillRetain(true).WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (mqtt5)
        {
            builder.WithWillContentType(ContentType).WithWillUserProperty(SchemaProperty, SchemaVersionBytes);
        }
    }

    private MqttApplicationMessage StatusMessage(bool online) =>
        Message(_statusTopic, StatusPayload(online)).WithRetainFlag(true).Build();

    private byte[] StatusPayload(bool online) => new Envelope
    {
        DeviceId = _options.DeviceId,
        SentTimeUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        Status = new DeviceStatus
        {
            Online = online,
            Queued = (ulong)(_queue?.Count ?? 0),
            Dropped = (ulong)(_queue?.DroppedTotal ?? 0),
            SoftwareVersion = typeof(TelemetryPublisher).Assembly.GetName().Version?.ToString() ?? string.Empty,
        },
    }.ToByteArray();

    private MqttApplicationMessageBuilder Message(string topic, byte[] payload)
    {
        MqttApplicationMessageBuilder builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_connection.IsMqtt5)
        {
            builder.WithContentType(ContentType).WithUserProperty(SchemaProperty, SchemaVersionBytes);
        }

        return builder;
    }

    private void Raise(TelemetryEventKind kind, string message, long count) =>
        EventRaised?.Invoke(this, new TelemetryEvent(kind, message, count, DateTime.UtcNow));

    [LoggerMessage(LogLevel.Debug, "Publish failed, will retry: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Error, "{Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    private sealed class NoSubscriberException : Exception;
}
