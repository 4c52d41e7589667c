using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeSdk.Telemetry;

/// <summary>
/// The platform side: subscribes to a fleet (optionally as a shared subscription), decodes fix batches,
/// drops duplicates by (device, queue instance, sequence), counts gaps, and counts and skips malformed or
/// oversized payloads. Devices are seen, not only their fixes: online/offline (retained status and Last Will)
/// and device events come as typed streams. Keeps reconnecting after the first connection.
/// </summary>
/// <example>
/// <code>
/// await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Fleet = "trucks" });
/// await consumer.StartAsync(cancellationToken);
/// await foreach (ReceivedFix fix in consumer.ReadFixesAsync(cancellationToken))
///     Console.WriteLine($"{fix.DeviceId} #{fix.Sequence}: {fix.LatitudeDegrees} {fix.LongitudeDegrees} HDOP {fix.Hdop}");
/// </code>
/// </example>
public sealed partial class TelemetryConsumer : IAsyncDisposable
{
    private readonly TelemetryConsumerOptions _options;
    private readonly ILogger _logger;
    private readonly MqttConnection _connection;
    private readonly Channel<ReceivedFix> _fixes;
    private readonly Channel<ReceivedDeviceStatus> _statusUpdates;
    private readonly Channel<ReceivedDeviceEvent> _eventUpdates;
    private readonly Dictionary<(string Fleet, string DeviceId, ulong QueueInstance), SequenceTracker> _trackers = [];
    private readonly Dictionary<(string Fleet, string DeviceId), ReceivedDeviceStatus?> _devices = [];
    // Satellite reports name the queue instance by its low 32 bits; these find the MQTT side's tracker from them.
    private readonly Dictionary<(string Fleet, string DeviceId, uint Tag), SequenceTracker> _trackersByTag = [];
    // Sequences delivered by satellite whose MQTT copy has not come yet (that copy is an upgrade, not a new fix).
    private readonly Dictionary<(string Fleet, string DeviceId, uint Tag), SortedSet<long>> _bySatellite = [];
    private readonly Channel<ReceivedMessage> _messagesOut;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _filter;
    private Task _connector = Task.CompletedTask;
    private int _disposed;
    private long _messages, _delivered, _duplicates, _malformed, _oversized, _statuses, _events, _connections, _updatesDropped;
    private long _satelliteFixes, _upgrades, _satelliteMarksDropped;
    // Counts connection losses: a message may be acknowledged only on the connection that delivered it.
    private long _losses;

    /// <summary>Fixes delivered by satellite kept per device and queue instance until their MQTT copy arrives.</summary>
    public const int MaxSatelliteFixesAwaitingUpgrade = 100_000;

    /// <summary>Creates a consumer; nothing happens until <see cref="StartAsync"/>.</summary>
    public TelemetryConsumer(TelemetryConsumerOptions options, ILogger<TelemetryConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        TelemetryNames.ValidateFilter(options.Fleet, "fleet");
        TelemetryNames.ValidateFilter(options.DeviceId, "device");
        _filter = $"{TelemetryTopics.Root}/{options.Fleet}/{options.DeviceId}/+";
        if (options.SharedSubscriptionGroup is { } group)
        {
            TelemetryNames.Validate(group, "shared subscription group");
            _filter = $"$share/{group}/{_filter}";
        }

        if (options.MaxPacketBytes <= options.MaxPayloadBytes)
        {
            throw new ArgumentException($"MaxPacketBytes ({options.MaxPacketBytes}) must be larger than MaxPayloadBytes ({options.MaxPayloadBytes})");
        }

        _fixes = Channel.CreateBounded<ReceivedFix>(new BoundedChannelOptions(options.Capacity) { SingleWriter = true });
        var updates = new BoundedChannelOptions(options.DeviceUpdateCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.DropOldest };
        _statusUpdates = Channel.CreateBounded<ReceivedDeviceStatus>(updates, _ => Interlocked.Increment(ref _updatesDropped));
        _eventUpdates = Channel.CreateBounded<ReceivedDeviceEvent>(updates, _ => Interlocked.Increment(ref _updatesDropped));
        _messagesOut = Channel.CreateBounded<ReceivedMessage>(new BoundedChannelOptions(options.Capacity) { SingleWriter = true });
        bool persistent = options.Connection.ClientId != null;
        string clientId = options.Connection.ClientId ?? $"edgesdk-consumer-{Guid.NewGuid():N}";
        _connection = new MqttConnection(options.Connection, clientId, (builder, mqtt5) =>
        {
            if (mqtt5)
            {
                // Junk of any size stays at the broker (MQTT 3.1.1 has no such limit; see MaxPacketBytes).
                builder.WithMaximumPacketSize((uint)options.MaxPacketBytes);
            }

            if (persistent)
            {
                builder.WithCleanStart(false);
                if (mqtt5)
                {
                    builder.WithSessionExpiryInterval((uint)options.SessionExpiry.TotalSeconds);
                }
            }
        }, SubscribeAsync, _logger);
        _connection.Client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _connection.StateChanged += connected =>
        {
            if (!connected)
            {
                Interlocked.Increment(ref _losses);
            }
        };
    }

    /// <summary>
    /// With <see cref="TelemetryConsumerOptions.AcknowledgeAfterStore"/>: the decoded messages in arrival order, each
    /// unacknowledged until its reader says so; bounded by <see cref="TelemetryConsumerOptions.Capacity"/>, and when
    /// full receiving waits (the broker holds the rest within its inflight window).
    /// </summary>
    public ChannelReader<ReceivedMessage> Messages => _messagesOut.Reader;

    /// <summary>A snapshot of the counters.</summary>
    public TelemetryConsumerCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return new TelemetryConsumerCounters
                {
                    Messages = _messages,
                    Fixes = _delivered,
                    Duplicates = _duplicates,
                    SatelliteFixes = _satelliteFixes,
                    Upgrades = _upgrades,
                    SatelliteMarksDropped = _satelliteMarksDropped,
                    Gaps = _trackers.Values.Sum(t => t.Missing),
                    Malformed = _malformed,
                    Oversized = _oversized,
                    Connections = Interlocked.Read(ref _connections),
                    StatusMessages = _statuses,
                    Events = _events,
                    DeviceUpdatesDropped = Interlocked.Read(ref _updatesDropped),
                    Devices = _devices.Count,
                    DevicesOnline = _devices.Values.Count(d => d?.Online == true),
                    Connected = _connection.IsConnected,
                    LastError = _connection.LastError,
                };
            }
        }
    }

    /// <summary>The latest status of every device that sent one (online or offline), in no particular order.</summary>
    public IReadOnlyList<ReceivedDeviceStatus> DeviceStatuses
    {
        get
        {
            lock (_lock)
            {
                return _devices.Values.OfType<ReceivedDeviceStatus>().ToArray();
            }
        }
    }

    /// <summary>
    /// The received fixes, de-duplicated, in arrival order, until the consumer is disposed or
    /// <paramref name="cancellationToken"/> is cancelled. Meant for one reader (several readers share the fixes).
    /// While nobody reads, up to <see cref="TelemetryConsumerOptions.Capacity"/> wait, then receiving waits too.
    /// </summary>
    public IAsyncEnumerable<ReceivedFix> ReadFixesAsync(CancellationToken cancellationToken = default) => ReadAllAsync(_fixes.Reader, cancellationToken);

    /// <summary>
    /// The received fixes as <see cref="ReadFixesAsync"/> gives them, grouped: each item holds every fix that
    /// arrived since the previous item (at least one, at most <see cref="TelemetryConsumerOptions.Capacity"/>), so
    /// a reader that does something costly per update (rewrite a map file) does it once per burst, not per fix.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ReceivedFix>> ReadFixBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChannelReader<ReceivedFix> reader = _fixes.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var batch = new List<ReceivedFix>();
            while (batch.Count < _options.Capacity && reader.TryRead(out ReceivedFix? fix))
            {
                batch.Add(fix);
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Device statuses as they arrive: first the broker's retained status of each device
    /// (<see cref="ReceivedDeviceStatus.Retained"/>), then every change, including the offline Last Will the broker
    /// publishes for a device that disappears. Bounded: see <see cref="TelemetryConsumerOptions.DeviceUpdateCapacity"/>.
    /// </summary>
    public IAsyncEnumerable<ReceivedDeviceStatus> ReadDeviceStatusAsync(CancellationToken cancellationToken = default) => ReadAllAsync(_statusUpdates.Reader, cancellationToken);

    /// <summary>Device events (queue dropped or lost fixes, reconnected) as they arrive. Bounded: see <see cref="TelemetryConsumerOptions.DeviceUpdateCapacity"/>.</summary>
    public IAsyncEnumerable<ReceivedDeviceEvent> ReadDeviceEventsAsync(CancellationToken cancellationToken = default) => ReadAllAsync(_eventUpdates.Reader, cancellationToken);

    /// <summary>
    /// The sequence numbers in <paramref name="first"/>..<paramref name="last"/> of one device's queue instance
    /// that this consumer has not received (at most <paramref name="max"/>, lowest first). Given the range the
    /// broker acknowledged to the publisher (<see cref="TelemetryPublisherCounters"/>), an empty answer means
    /// nothing acknowledged was lost on the way; numbers from before the first one this consumer saw count as
    /// not received.
    /// </summary>
    /// <param name="fleet">The device's fleet.</param>
    /// <param name="deviceId">The device.</param>
    /// <param name="queueInstanceId">The publisher's <see cref="TelemetryPublisherCounters.QueueInstanceId"/>.</param>
    /// <param name="first">First sequence number of the range.</param>
    /// <param name="last">Last sequence number of the range (included).</param>
    /// <param name="max">Most numbers returned.</param>
    public IReadOnlyList<long> Unreceived(string fleet, string deviceId, long queueInstanceId, long first, long last, int max = 1_000)
    {
        lock (_lock)
        {
            if (_trackers.TryGetValue((fleet, deviceId, unchecked((ulong)queueInstanceId)), out SequenceTracker? tracker))
            {
                return tracker.Unreceived(first, last, max);
            }
        }

        var all = new List<long>();
        for (long s = first; s <= last && all.Count < max; s++)
        {
            all.Add(s);
        }

        return all;
    }

    /// <summary>
    /// Delivers fixes that came by another path — a BeiDou short message decoded on the platform — into the same
    /// de-duplicated stream (<see cref="ReadFixesAsync"/>) as <see cref="ReceivedFixPath.Satellite"/>. A fix the
    /// consumer already has (same device, queue instance and sequence) is counted as a duplicate; when its MQTT copy
    /// arrives later it comes as <see cref="ReceivedFixPath.Upgrade"/>, not as a second fix. Waits while the fix
    /// stream is full, like MQTT delivery.
    /// </summary>
    /// <param name="fleet">The device's fleet.</param>
    /// <param name="deviceId">The device.</param>
    /// <param name="queueInstanceTag">The low 32 bits of the device's queue instance, as the report carries it.</param>
    /// <param name="fixes">The fixes with the device's sequence numbers (1 and up; others are counted as malformed).</param>
    /// <param name="receivedUtc">When the platform received them (becomes <see cref="ReceivedFix.SentUtc"/>).</param>
    /// <param name="cancellationToken">Stops waiting for room in the fix stream.</param>
    /// <returns>How many were new.</returns>
    /// <exception cref="InvalidOperationException">The consumer runs with <see cref="TelemetryConsumerOptions.AcknowledgeAfterStore"/>, where the store de-duplicates.</exception>
    public async ValueTask<int> DeliverSatelliteFixesAsync(string fleet, string deviceId, uint queueInstanceTag, IReadOnlyList<SequencedFix> fixes,
        DateTime receivedUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(fixes);
        if (_options.AcknowledgeAfterStore)
        {
            throw new InvalidOperationException("satellite fixes go to ReadFixesAsync; with AcknowledgeAfterStore the store reads Messages and de-duplicates itself");
        }

        var received = new List<ReceivedFix>(fixes.Count);
        lock (_lock)
        {
            var key = (fleet, deviceId, queueInstanceTag);
            _devices.TryAdd((fleet, deviceId), null);
            _trackersByTag.TryGetValue(key, out SequenceTracker? tracker);
            if (!_bySatellite.TryGetValue(key, out SortedSet<long>? awaiting))
            {
                _bySatellite[key] = awaiting = [];
            }

            foreach (SequencedFix fix in fixes)
            {
                if (fix.Sequence < 1)
                {
                    _malformed++;
                    continue;
                }

                if (tracker?.HasReceived(fix.Sequence) == true || !awaiting.Add(fix.Sequence))
                {
                    _duplicates++;
                    continue;
                }

                if (awaiting.Count > MaxSatelliteFixesAwaitingUpgrade)
                {
                    awaiting.Remove(awaiting.Min);
                    _satelliteMarksDropped++;
                }

                _delivered++;
                _satelliteFixes++;
                received.Add(new ReceivedFix(fleet, deviceId, fix.Sequence, receivedUtc, fix.Fix, ReceivedFixPath.Satellite));
            }
        }

        foreach (ReceivedFix fix in received)
        {
            await _fixes.Writer.WriteAsync(fix, cancellationToken).ConfigureAwait(false);
        }

        return received.Count;
    }

    /// <summary>Connects and subscribes once, then keeps the connection up in the background.</summary>
    /// <exception cref="IOException">The broker cannot be reached or refused us; the message names it.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        CancellationToken stop = _stop.Token;
        _connector = Task.Run(() => _connection.RunAsync(stop), CancellationToken.None);
    }

    /// <summary>Disconnects and ends the streams; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _connector.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _fixes.Writer.TryComplete();
        _statusUpdates.Writer.TryComplete();
        _eventUpdates.Writer.TryComplete();
        _messagesOut.Writer.TryComplete();
        _stop.Dispose();
    }

    private static async IAsyncEnumerable<T> ReadAllAsync<T>(ChannelReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (T item in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private async Task SubscribeAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connections);
        MqttClientSubscribeResult result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), cancellationToken).ConfigureAwait(false);
        foreach (MqttClientSubscribeResultItem item in result.Items)
        {
            if ((int)item.ResultCode > 2)
            {
                throw new IOException($"the broker at {_options.Connection} refused the subscription to {_filter}: {item.ResultCode}");
            }
        }
    }

    // True while the connection that delivered a message received now still stands. After a loss the broker
    // redelivers it to the session; acknowledging the old delivery would send its stale packet identifier on the new
    // connection (and MQTTnet 5.2 throws NullReferenceException for a delivery of a client mid-reconnect).
    private Func<bool> DeliveredOnCurrentConnection()
    {
        long losses = Interlocked.Read(ref _losses);
        return () => _connection.IsConnected && Interlocked.Read(ref _losses) == losses;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var received = new List<ReceivedFix>();
        ReceivedMessage? message = null;
        lock (_lock)
        {
            _messages++;
            Classify(e, received, ref message);
        }

        if (_options.AcknowledgeAfterStore)
        {
            if (message is null)
            {
                return; // skipped and counted: acknowledged automatically, it would never get better
            }

            e.AutoAcknowledge = false;
            await _messagesOut.Writer.WriteAsync(message, _stop.Token).ConfigureAwait(false);
            return;
        }

        foreach (ReceivedFix fix in received)
        {
            // Waiting here holds back the PUBACK: the broker keeps the rest until the reader catches up.
            await _fixes.Writer.WriteAsync(fix, _stop.Token).ConfigureAwait(false);
        }
    }

    // Decodes one message and applies the de-duplication; counts everything it skips. Under the lock.
    private void Classify(MqttApplicationMessageReceivedEventArgs e, List<ReceivedFix> received, ref ReceivedMessage? stored)
    {
        MqttApplicationMessage message = e.ApplicationMessage;
        ReadOnlySequence<byte> payload = message.Payload;
        if (!TelemetryTopics.TryParse(message.Topic, out string fleet, out string deviceId, out string kind))
        {
            _malformed++;
            return;
        }

        if (payload.Length > _options.MaxPayloadBytes)
        {
            _oversized++;
            LogSkipped(_logger, message.Topic, $"payload of {payload.Length} bytes exceeds {_options.MaxPayloadBytes}");
            return;
        }

        Envelope envelope;
        try
        {
            envelope = Envelope.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            _malformed++;
            LogSkipped(_logger, message.Topic, ex.Message);
            return;
        }

        switch (kind)
        {
            case "fix" when envelope.BodyCase == Envelope.BodyOneofCase.Fixes && envelope.DeviceId == deviceId:
                Deliver(fleet, deviceId, envelope, received);
                if (_options.AcknowledgeAfterStore && received.Count > 0)
                {
                    stored = new ReceivedMessage(e, DeliveredOnCurrentConnection(), fleet, deviceId, envelope.QueueInstance, received[0].Sequence, received[0].SentUtc, received.ToArray(), null);
                }

                return;
            case "status" when envelope.BodyCase == Envelope.BodyOneofCase.Status && envelope.DeviceId == deviceId:
                _statuses++;
                DeviceStatus status = envelope.Status;
                var update = new ReceivedDeviceStatus(fleet, deviceId, status.Online, message.Retain, (long)Math.Min(status.Queued, long.MaxValue),
                    (long)Math.Min(status.Dropped, long.MaxValue), status.SoftwareVersion, SentUtc(envelope));
                _devices[(fleet, deviceId)] = update;
                _statusUpdates.Writer.TryWrite(update); // drops the oldest when unread (counted)
                return;
            case "event" when envelope.BodyCase == Envelope.BodyOneofCase.Event && envelope.DeviceId == deviceId:
                _events++;
                _devices.TryAdd((fleet, deviceId), null);
                DeviceEvent deviceEvent = envelope.Event;
                var eventUpdate = new ReceivedDeviceEvent(fleet, deviceId, KindOf(deviceEvent.Kind), (long)Math.Min(deviceEvent.Count, long.MaxValue),
                    deviceEvent.Detail, (long)Math.Min(envelope.Sequence, long.MaxValue), SentUtc(envelope))
                {
                    EventTimeUtc = deviceEvent.EventTimeUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(deviceEvent.EventTimeUnixMs, 253_402_300_799_999)).UtcDateTime : null,
                    PeakMetersPerSecondSquared = deviceEvent.PeakMmPerS2 / 1000.0,
                    DurationMilliseconds = deviceEvent.DurationMs,
                    QueueInstance = envelope.QueueInstance,
                    DroppedTotal = (long)Math.Min(deviceEvent.DroppedTotal, long.MaxValue),
                };
                _eventUpdates.Writer.TryWrite(eventUpdate);
                if (_options.AcknowledgeAfterStore && envelope.Sequence <= long.MaxValue / 2)
                {
                    stored = new ReceivedMessage(e, DeliveredOnCurrentConnection(), fleet, deviceId, envelope.QueueInstance, (long)envelope.Sequence, eventUpdate.SentUtc, [], eventUpdate);
                }

                return;
            default:
                _malformed++;
                LogSkipped(_logger, message.Topic, $"a {envelope.BodyCase} body from '{envelope.DeviceId}' does not belong on a {kind} topic");
                return;
        }
    }

    private static DeviceEventKind KindOf(EventKind kind) => kind switch
    {
        EventKind.FixesDropped => DeviceEventKind.FixesDropped,
        EventKind.Reconnected => DeviceEventKind.Reconnected,
        EventKind.FixesLost => DeviceEventKind.FixesLost,
        EventKind.HarshBraking => DeviceEventKind.HarshBraking,
        EventKind.HarshAcceleration => DeviceEventKind.HarshAcceleration,
        EventKind.Crash => DeviceEventKind.Crash,
        _ => DeviceEventKind.Unknown,
    };

    private static DateTime SentUtc(Envelope envelope) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(envelope.SentTimeUnixMs, 0, 253_402_300_799_999)).UtcDateTime;

    private void Deliver(string fleet, string deviceId, Envelope envelope, List<ReceivedFix> received)
    {
        var fixes = new List<GnssFix>();
        if (!FixBatchCodec.TryDecode(envelope.Fixes, envelope.SentTimeUnixMs, fixes, out string? error) || envelope.Sequence > long.MaxValue / 2)
        {
            _malformed++;
            LogSkipped(_logger, TelemetryTopics.Fix(fleet, deviceId), error ?? "sequence out of range");
            return;
        }

        // Numbers are unique per queue instance: a publisher whose queue lost its numbering starts a new instance.
        var key = (fleet, deviceId, envelope.QueueInstance);
        if (!_trackers.TryGetValue(key, out SequenceTracker? tracker))
        {
            _trackers[key] = tracker = new SequenceTracker();
            _trackersByTag[(fleet, deviceId, unchecked((uint)envelope.QueueInstance))] = tracker;
        }

        _bySatellite.TryGetValue((fleet, deviceId, unchecked((uint)envelope.QueueInstance)), out SortedSet<long>? bySatellite);

        _devices.TryAdd((fleet, deviceId), null);
        DateTime sent = SentUtc(envelope);
        for (int i = 0; i < fixes.Count; i++)
        {
            long sequence = (long)envelope.Sequence + i;
            if (bySatellite?.Remove(sequence) == true)
            {
                // Delivered by satellite already: this is the full-resolution copy of that fix, not a new one.
                tracker.Observe(sequence);
                _upgrades++;
                received.Add(new ReceivedFix(fleet, deviceId, sequence, sent, fixes[i], ReceivedFixPath.Upgrade));
                continue;
            }

            // A store de-duplicates durably; the in-memory tracker would hide a redelivery the store has not committed.
            if (_options.AcknowledgeAfterStore || tracker.Observe(sequence))
            {
                _delivered++;
                received.Add(new ReceivedFix(fleet, deviceId, sequence, sent, fixes[i]));
            }
            else
            {
                _duplicates++;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Skipped a message on {Topic}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string topic, string reason);
}
