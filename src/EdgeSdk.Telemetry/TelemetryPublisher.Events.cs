using System.Buffers.Binary;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeSdk.Telemetry;

// Device events go through a second durable queue in <QueueDirectory>/events and are removed only after the broker's
// PUBACK (honouring HoldWhenNoSubscriber), so an outage, a dropped connection or a restart loses none. Two sources:
// driving events (harsh braking, harsh acceleration, crash: data, from TryEnqueueDrivingEvent) and the publisher's own
// diagnostic events (fixes dropped, fixes lost, reconnected with a backlog). Both are numbered by that queue (its
// persistent InstanceId and record sequence), so a platform keying events by (device, instance, sequence) tells every
// event apart across restarts. A separate queue keeps the fix queue's sequence numbers (which consumers de-duplicate
// and gap-check) a pure fix numbering.
public sealed partial class TelemetryPublisher
{
    /// <summary>The driving-event queue's subdirectory of <see cref="TelemetryPublisherOptions.QueueDirectory"/>.</summary>
    public const string DrivingEventQueueSubdirectory = "events";

    private readonly SemaphoreSlim _eventWork = new(0);
    private readonly Lock _eventAppendLock = new();
    private DurableQueue? _eventQueue;
    private Task _eventSender = Task.CompletedTask;
    private long _drivingAccepted, _drivingRefused, _drivingAcknowledged;

    // The publisher's own events, guarded by _eventAppendLock: the fix queue's dropped total up to which FixesDropped
    // events are queued, a FixesLost still to queue; and own events the full event queue dropped for a driving event.
    private long _droppedReported, _ownEventsDropped;
    private bool _lostPending;

    // _droppedReported on disk, beside the event queue: the fix queue's instance and that total (16 bytes). Drops happen
    // in outages, and a device often loses power in one (parked in a dead zone); without this file the next start took
    // every drop so far as reported, and the drops of a run that ended before its next connect went unreported.
    private const string DroppedReportedFile = "dropped-reported";

    private string DroppedReportedPath => Path.Combine(_options.QueueDirectory, DrivingEventQueueSubdirectory, DroppedReportedFile);

    /// <summary>Driving events accepted into the durable event queue since start.</summary>
    public long DrivingEventsAccepted => Interlocked.Read(ref _drivingAccepted);

    /// <summary>Driving events refused: the publisher was not started or stopping, or the event queue could not be written (disk full, I/O error).</summary>
    public long DrivingEventsRefused => Interlocked.Read(ref _drivingRefused);

    /// <summary>Driving events the broker acknowledged since start.</summary>
    public long DrivingEventsAcknowledged => Interlocked.Read(ref _drivingAcknowledged);

    /// <summary>Events waiting in the durable event queue (kept across restarts): driving events, and the publisher's own (fixes dropped, fixes lost, reconnected) that share that queue.</summary>
    public int DrivingEventsQueued => _eventQueue?.Count ?? 0;

    /// <summary>Driving events the full event queue dropped (oldest first) since start.</summary>
    public long DrivingEventsDropped => _eventQueue is { } queue ? queue.DroppedTotal - _drivingDroppedAtStart - Interlocked.Read(ref _ownEventsDropped) : 0;

    private long _drivingDroppedAtStart;

    /// <summary>
    /// Queues a driving event durably (written through to disk before this returns; it is cheap: events are
    /// rare) for the event topic. It is sent at QoS 1 and removed after the broker's PUBACK; through an outage
    /// or a restart it waits on disk. When the event queue is full
    /// (<see cref="TelemetryPublisherOptions.EventQueueCapacity"/>) the oldest event is dropped: a driving event is
    /// counted in <see cref="DrivingEventsDropped"/>; one of the publisher's own events is not, and what it reported
    /// (fixes dropped, fixes lost) is queued again at the next connect.
    /// </summary>
    /// <param name="kind"><see cref="DeviceEventKind.HarshBraking"/>, <see cref="DeviceEventKind.HarshAcceleration"/> or <see cref="DeviceEventKind.Crash"/>.</param>
    /// <param name="timeUtc">When it happened (sent as Unix milliseconds).</param>
    /// <param name="peakMetersPerSecondSquared">Peak acceleration magnitude (deceleration positive); sent at 1 mm/s² resolution.</param>
    /// <param name="durationMilliseconds">How long the threshold was exceeded when the event was raised.</param>
    /// <param name="detail">One line for a human (no credentials); empty when null.</param>
    /// <returns>False, counted in <see cref="DrivingEventsRefused"/>, when the publisher is not running or the queue cannot be written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a driving event.</exception>
    public bool TryEnqueueDrivingEvent(DeviceEventKind kind, DateTime timeUtc, double peakMetersPerSecondSquared, double durationMilliseconds, string? detail = null)
    {
        EventKind wireKind = kind switch
        {
            DeviceEventKind.HarshBraking => EventKind.HarshBraking,
            DeviceEventKind.HarshAcceleration => EventKind.HarshAcceleration,
            DeviceEventKind.Crash => EventKind.Crash,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only harsh braking, harsh acceleration and crash are driving events"),
        };
        var body = new DeviceEvent
        {
            Kind = wireKind,
            Count = 1,
            Detail = detail ?? string.Empty,
            EventTimeUnixMs = new DateTimeOffset(DateTime.SpecifyKind(timeUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
            PeakMmPerS2 = double.IsFinite(peakMetersPerSecondSquared) ? (long)Math.Round(peakMetersPerSecondSquared * 1000) : 0,
            DurationMs = double.IsFinite(durationMilliseconds) ? (uint)Math.Clamp(Math.Round(durationMilliseconds), 0, uint.MaxValue) : 0,
        };
        if (_disposing || !TryAppendEvent(body, own: false))
        {
            Interlocked.Increment(ref _drivingRefused);
            return false;
        }

        Interlocked.Increment(ref _drivingAccepted);
        return true;
    }

    // Called by StartAsync once the fix queue is open (its lock makes the directory ours); a failure closes
    // the fix queue again so that a later start can take it.
    private void OpenDrivingEventQueue(DurableQueue fixQueue)
    {
        try
        {
            _eventQueue = DurableQueue.Open(new DurableQueueOptions
            {
                Directory = Path.Combine(_options.QueueDirectory, DrivingEventQueueSubdirectory),
                Capacity = _options.EventQueueCapacity,
                FsyncInterval = TimeSpan.Zero, // rare and precious: each one is on disk before TryEnqueueDrivingEvent returns
            });
        }
        catch
        {
            fixQueue.Dispose();
            throw;
        }

        _drivingDroppedAtStart = _eventQueue.DroppedTotal;
    }

    // Called by DisposeAsync after the stop token was cancelled: drops of this run not reported yet are queued (sent
    // after the next start), then the event queue is closed.
    private async Task StopEventsAsync()
    {
        await _eventSender.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        EnqueueOwnEvents(reconnectedWithBacklog: false);
        _eventQueue?.Dispose();
        _eventWork.Dispose();
    }

    // One append path for every event. The publisher's own events never push a queued event out: with the event
    // queue full they are not appended (false) and stay pending (see EnqueueOwnEvents). A driving event appended to a
    // full queue drops the oldest; when that was one of the publisher's own, what it reported becomes pending again
    // (fixes dropped, fixes lost), so DrivingEventsDropped counts driving events only and no count is lost unreported.
    private bool TryAppendEvent(DeviceEvent body, bool own)
    {
        DurableQueue? queue = _eventQueue;
        if (queue is null)
        {
            return false;
        }

        try
        {
            lock (_eventAppendLock)
            {
                bool full = queue.Count >= _options.EventQueueCapacity;
                if (full && own)
                {
                    return false;
                }

                DeviceEvent? oldestOwn = full && queue.Peek(1) is [QueuedRecord oldest] && TryParseEvent(oldest, out DeviceEvent? parsed)
                    && !IsDrivingEvent(parsed.Kind) ? parsed : null;
                long droppedBefore = queue.DroppedTotal;
                queue.Append(body.ToByteArray());
                if (oldestOwn != null && queue.DroppedTotal > droppedBefore)
                {
                    Interlocked.Increment(ref _ownEventsDropped);
                    if (oldestOwn.Kind == EventKind.FixesDropped)
                    {
                        _droppedReported -= (long)oldestOwn.Count;
                        SaveDroppedReported();
                    }
                    else if (oldestOwn.Kind == EventKind.FixesLost)
                    {
                        _lostPending = true;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return false;
        }

        try
        {
            if (_eventWork.CurrentCount == 0)
            {
                _eventWork.Release();
            }
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: the event is on disk and goes at the next start.
        }

        return true;
    }

    // Queues the publisher's own events that are due: fixes dropped since the last one queued (the fix queue's dropped
    // total minus what earlier events reported), fixes lost once per damaged-queue recovery, and, when a connection comes
    // back with fixes queued, reconnected. Called at start, at each connect and at dispose (so drops of this run are
    // reported after a clean restart too). Each is queued once; what the event queue cannot take (full, disk error) stays
    // pending and is tried again at the next call, the dropped count then covering everything since the last report.
    private void EnqueueOwnEvents(bool reconnectedWithBacklog)
    {
        if (_queue is not { } queue)
        {
            return;
        }

        lock (_eventAppendLock)
        {
            long dropped = queue.DroppedTotal;
            if (dropped > _droppedReported)
            {
                var report = new DeviceEvent
                {
                    Kind = EventKind.FixesDropped,
                    Count = (ulong)(dropped - _droppedReported),
                    DroppedTotal = (ulong)dropped,
                    Detail = $"durable queue full: oldest fixes dropped ({dropped} in all since the queue was created)",
                };
                if (TryAppendEvent(report, own: true))
                {
                    _droppedReported = dropped;
                    SaveDroppedReported();
                }
                else
                {
                    LogEventNotQueued(_logger, report.Kind.ToString());
                }
            }

            if (_lostPending)
            {
                var report = new DeviceEvent
                {
                    Kind = EventKind.FixesLost,
                    Count = (ulong)queue.Recovery.LostRecords,
                    Detail = $"durable queue damaged on disk; sequence numbers {string.Join(", ", queue.Recovery.LostSequences)}",
                };
                _lostPending = !TryAppendEvent(report, own: true);
                if (_lostPending)
                {
                    LogEventNotQueued(_logger, report.Kind.ToString());
                }
            }

            int queued = queue.Count;
            if (reconnectedWithBacklog && queued > 0)
            {
                var back = new DeviceEvent { Kind = EventKind.Reconnected, Count = (ulong)queued, Detail = "connection back after an outage; sending the backlog" };
                if (!TryAppendEvent(back, own: true))
                {
                    LogEventNotQueued(_logger, back.Kind.ToString()); // a later reconnection with a backlog says it again
                }
            }
        }
    }

    // Called at start, after the event queue is open: the fix queue's dropped total that earlier runs reported. With
    // no file yet (a new queue, or one from before the file), what was dropped so far counts as reported, as it did.
    private void LoadDroppedReported(DurableQueue fixQueue)
    {
        string path = DroppedReportedPath;
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 16)
            {
                // Another instance's (the fix queue was made anew): none of this queue's drops were reported. A total
                // above the queue's (its state older than this file after a power cut) cannot be: nothing to repeat.
                long reported = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8));
                _droppedReported = BinaryPrimitives.ReadInt64LittleEndian(bytes) == fixQueue.InstanceId ? Math.Clamp(reported, 0, fixQueue.DroppedTotal) : 0;
                return;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDroppedReportedNotRead(_logger, path, ex.Message);
        }

        _droppedReported = fixQueue.DroppedTotal;
        SaveDroppedReported();
    }

    // Under _eventAppendLock (or at start, once _queue is set). A failure is logged, not thrown: the event is queued
    // already; what it costs is a repeat after a crash (a FixesDropped whose total the platform has seen), never a loss.
    private void SaveDroppedReported()
    {
        if (_queue is not { } queue)
        {
            return;
        }

        string path = DroppedReportedPath;
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, queue.InstanceId);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], _droppedReported);
        try
        {
            AtomicFile.Write(path, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDroppedReportedNotSaved(_logger, path, ex.Message);
        }
    }

    private static bool IsDrivingEvent(EventKind kind) => kind is EventKind.HarshBraking or EventKind.HarshAcceleration or EventKind.Crash;

    private static bool TryParseEvent(QueuedRecord record, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DeviceEvent? deviceEvent)
    {
        try
        {
            deviceEvent = DeviceEvent.Parser.ParseFrom(record.Payload);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            deviceEvent = null;
            return false;
        }
    }

    // The event sender's step (see SendLoopAsync): each queued event is its own message.
    private async Task<TimeSpan> SendEventsAsync(DurableQueue queue, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueuedRecord> records = queue.Peek(16);
        if (records.Count == 0)
        {
            return IdleWait;
        }

        foreach (QueuedRecord record in records)
        {
            await PublishEventAsync(queue, record, cancellationToken).ConfigureAwait(false);
        }

        return TimeSpan.Zero;
    }

    private async Task PublishEventAsync(DurableQueue queue, QueuedRecord record, CancellationToken cancellationToken)
    {
        if (!TryParseEvent(record, out DeviceEvent? body))
        {
            SkipForeignRecord(queue, record.Sequence, $"event queue record {record.Sequence} is not an event");
            return;
        }

        byte[] payload = new Envelope
        {
            DeviceId = _options.DeviceId,
            Sequence = (ulong)record.Sequence,
            QueueInstance = (ulong)queue.InstanceId,
            SentTimeUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Event = body,
        }.ToByteArray();
        MqttClientPublishResult result = await _connection.PublishAsync(Message(_eventTopic, payload).Build(), cancellationToken).ConfigureAwait(false);
        if (IsAcknowledged(queue, result, record.Sequence, $"event {record.Sequence} ({body.Kind}) on {_eventTopic}"))
        {
            int removed = queue.Remove(record.Sequence);
            if (IsDrivingEvent(body.Kind))
            {
                Interlocked.Add(ref _drivingAcknowledged, removed);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Cannot read {Path} ({Reason}): fixes dropped before this start are taken as reported")]
    private static partial void LogDroppedReportedNotRead(ILogger logger, string path, string reason);

    [LoggerMessage(LogLevel.Warning, "Cannot write {Path} ({Reason}): after a crash the next start may report these dropped fixes again")]
    private static partial void LogDroppedReportedNotSaved(ILogger logger, string path, string reason);

    [LoggerMessage(LogLevel.Warning, "Event queue full or not writable: {Kind} not queued now; tried again at the next connect")]
    private static partial void LogEventNotQueued(ILogger logger, string kind);
}
