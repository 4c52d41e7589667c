using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;

namespace EdgeSdk.Telemetry;

// Driving events (harsh braking, harsh acceleration, crash) are data, not diagnostics: unlike the publisher's own
// events (sent once, when connected) they go through a second durable queue in <QueueDirectory>/events and are
// removed only after the broker's PUBACK, so an outage or a restart loses none. A separate queue keeps the fix
// queue's sequence numbers (which consumers de-duplicate and gap-check) a pure fix numbering.
public sealed partial class TelemetryPublisher
{
    /// <summary>The driving-event queue's subdirectory of <see cref="TelemetryPublisherOptions.QueueDirectory"/>.</summary>
    public const string DrivingEventQueueSubdirectory = "events";

    private readonly SemaphoreSlim _eventWork = new(0);
    private readonly Lock _eventAppendLock = new();
    private DurableQueue? _eventQueue;
    private Task _eventSender = Task.CompletedTask;
    private long _drivingAccepted, _drivingRefused, _drivingAcknowledged;

    /// <summary>Driving events accepted into the durable event queue since start.</summary>
    public long DrivingEventsAccepted => Interlocked.Read(ref _drivingAccepted);

    /// <summary>Driving events refused: the publisher was not started or stopping, or the event queue could not be written (disk full, I/O error).</summary>
    public long DrivingEventsRefused => Interlocked.Read(ref _drivingRefused);

    /// <summary>Driving events the broker acknowledged since start.</summary>
    public long DrivingEventsAcknowledged => Interlocked.Read(ref _drivingAcknowledged);

    /// <summary>Driving events waiting in the durable event queue (kept across restarts).</summary>
    public int DrivingEventsQueued => _eventQueue?.Count ?? 0;

    /// <summary>Driving events the full event queue dropped (oldest first) since start.</summary>
    public long DrivingEventsDropped => _eventQueue is { } queue ? queue.DroppedTotal - _drivingDroppedAtStart : 0;

    private long _drivingDroppedAtStart;

    /// <summary>
    /// Queues a driving event durably (written through to disk before this returns; it is cheap: events are
    /// rare) for the event topic. It is sent at QoS 1 and removed after the broker's PUBACK; through an outage
    /// or a restart it waits on disk. When the event queue is full
    /// (<see cref="TelemetryPublisherOptions.EventQueueCapacity"/>) the oldest event is dropped and counted in
    /// <see cref="DrivingEventsDropped"/>.
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
        DurableQueue? queue = _eventQueue;
        if (queue is null || _disposing)
        {
            Interlocked.Increment(ref _drivingRefused);
            return false;
        }

        try
        {
            lock (_eventAppendLock)
            {
                queue.Append(body.ToByteArray());
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _drivingRefused);
            return false;
        }

        Interlocked.Increment(ref _drivingAccepted);
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

    // Called by DisposeAsync after the stop token was cancelled.
    private async Task StopDrivingEventsAsync()
    {
        await _eventSender.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _eventQueue?.Dispose();
        _eventWork.Dispose();
    }

    // The driving-event sender's step (see SendLoopAsync): each queued event is its own message.
    private async Task<TimeSpan> SendDrivingEventsAsync(DurableQueue queue, CancellationToken cancellationToken)
    {
        IReadOnlyList<QueuedRecord> records = queue.Peek(16);
        if (records.Count == 0)
        {
            return IdleWait;
        }

        foreach (QueuedRecord record in records)
        {
            await PublishDrivingEventAsync(queue, record, cancellationToken).ConfigureAwait(false);
        }

        return TimeSpan.Zero;
    }

    private async Task PublishDrivingEventAsync(DurableQueue queue, QueuedRecord record, CancellationToken cancellationToken)
    {
        DeviceEvent body;
        try
        {
            body = DeviceEvent.Parser.ParseFrom(record.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            SkipForeignRecord(queue, record.Sequence, $"event queue record {record.Sequence} is not a driving event");
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
        MqttClientPublishResult result = await PublishWithTimeoutAsync(Message(_eventTopic, payload).Build(), cancellationToken).ConfigureAwait(false);
        if (IsAcknowledged(queue, result, record.Sequence, $"driving event {record.Sequence} on {_eventTopic}"))
        {
            Interlocked.Add(ref _drivingAcknowledged, queue.Remove(record.Sequence));
        }
    }
}
