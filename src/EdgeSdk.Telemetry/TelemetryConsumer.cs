using System.Buffers;
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
/// drops duplicates by (device, sequence), counts gaps, and counts and skips malformed or oversized
/// payloads. Keeps reconnecting after the first connection.
/// </summary>
public sealed partial class TelemetryConsumer : IAsyncDisposable
{
    private readonly TelemetryConsumerOptions _options;
    private readonly ILogger _logger;
    private readonly MqttConnection _connection;
    private readonly Channel<ReceivedFix> _fixes;
    private readonly Channel<ReceivedMessage> _messagesOut;
    private readonly Dictionary<string, SequenceTracker> _trackers = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _filter;
    private Task _connector = Task.CompletedTask;
    private int _disposed;
    private long _messages, _delivered, _duplicates, _malformed, _oversized, _statuses, _events, _connections;

    /// <summary>Creates a consumer; nothing happens until <see cref="StartAsync"/>.</summary>
    public TelemetryConsumer(TelemetryConsumerOptions options, ILogger<TelemetryConsumer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        TelemetryNames.ValidateFilter(options.Fleet, "fleet");
        TelemetryNames.ValidateFilter(options.Device, "device");
        _filter = $"{TelemetryTopics.Root}/{options.Fleet}/{options.Device}/+";
        if (options.SharedSubscriptionGroup is { } group)
        {
            TelemetryTopics.ValidateLevel(group, "shared subscription group");
            _filter = $"$share/{group}/{_filter}";
        }

        if (options.MaxPacketBytes <= options.MaxPayloadBytes)
        {
            throw new ArgumentException($"MaxPacketBytes ({options.MaxPacketBytes}) must be larger than MaxPayloadBytes ({options.MaxPayloadBytes})");
        }

        _fixes = Channel.CreateBounded<ReceivedFix>(new BoundedChannelOptions(options.Capacity) { SingleWriter = true });
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
    }

    /// <summary>The received fixes, de-duplicated, in arrival order.</summary>
    public ChannelReader<ReceivedFix> Fixes => _fixes.Reader;

    /// <summary>
    /// With <see cref="TelemetryConsumerOptions.AcknowledgeAfterStore"/>: the decoded messages in arrival order, each
    /// unacknowledged until its reader says so; bounded by <see cref="TelemetryConsumerOptions.Capacity"/>, and when
    /// full receiving waits (the broker holds the rest within its inflight window).
    /// </summary>
    public ChannelReader<ReceivedMessage> Messages => _messagesOut.Reader;

    /// <summary>A snapshot of the counters.</summary>
    public TelemetryConsumerStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new TelemetryConsumerStatus
                {
                    Messages = _messages,
                    Fixes = _delivered,
                    Duplicates = _duplicates,
                    Gaps = _trackers.Values.Sum(t => t.Missing),
                    Malformed = _malformed,
                    Oversized = _oversized,
                    Connections = Interlocked.Read(ref _connections),
                    StatusMessages = _statuses,
                    Events = _events,
                    Devices = _trackers.Count,
                    Connected = _connection.IsConnected,
                    LastError = _connection.LastError,
                };
            }
        }
    }

    /// <summary>Connects and subscribes once, then keeps the connection up in the background.</summary>
    /// <exception cref="IOException">The broker cannot be reached or refused us; the message names it.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        CancellationToken stop = _stop.Token;
        _connector = Task.Run(() => _connection.RunAsync(stop), CancellationToken.None);
    }

    /// <summary>Disconnects and completes <see cref="Fixes"/>; a second call does nothing.</summary>
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
        _messagesOut.Writer.TryComplete();
        _stop.Dispose();
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
        if (!TelemetryTopics.TryParse(message.Topic, out string fleet, out string device, out string kind))
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
            case "fix" when envelope.BodyCase == Envelope.BodyOneofCase.Fixes && envelope.DeviceId == device:
                Deliver(fleet, device, envelope, received);
                if (_options.AcknowledgeAfterStore && received.Count > 0)
                {
                    stored = new ReceivedMessage(e, fleet, device, envelope.QueueInstance, received[0].Sequence, received[0].SentUtc, received.ToArray(), null);
                }

                return;
            case "status" when envelope.BodyCase == Envelope.BodyOneofCase.Status:
                _statuses++;
                return;
            case "event" when envelope.BodyCase == Envelope.BodyOneofCase.Event:
                _events++;
                if (_options.AcknowledgeAfterStore && envelope.DeviceId == device && envelope.Sequence <= long.MaxValue / 2)
                {
                    stored = new ReceivedMessage(e, fleet, device, envelope.QueueInstance, (long)envelope.Sequence, SentUtc(envelope), [], envelope.Event);
                }

                return;
            default:
                _malformed++;
                LogSkipped(_logger, message.Topic, $"a {envelope.BodyCase} body from '{envelope.DeviceId}' does not belong on a {kind} topic");
                return;
        }
    }

    private void Deliver(string fleet, string device, Envelope envelope, List<ReceivedFix> received)
    {
        var fixes = new List<GnssFix>();
        if (!FixBatchCodec.TryDecode(envelope.Fixes, envelope.SentTimeUnixMs, fixes, out string? error) || envelope.Sequence > long.MaxValue / 2)
        {
            _malformed++;
            LogSkipped(_logger, TelemetryTopics.Fix(fleet, device), error ?? "sequence out of range");
            return;
        }

        // Numbers are unique per queue instance: a publisher whose queue lost its numbering starts a new instance.
        string key = $"{fleet}/{device}/{envelope.QueueInstance}";
        if (!_trackers.TryGetValue(key, out SequenceTracker? tracker))
        {
            _trackers[key] = tracker = new SequenceTracker();
        }

        DateTime sent = SentUtc(envelope);
        for (int i = 0; i < fixes.Count; i++)
        {
            long sequence = (long)envelope.Sequence + i;
            // A store de-duplicates durably; the in-memory tracker would hide a redelivery the store has not committed.
            if (_options.AcknowledgeAfterStore || tracker.Observe(sequence))
            {
                _delivered++;
                received.Add(new ReceivedFix(fleet, device, sequence, sent, fixes[i]));
            }
            else
            {
                _duplicates++;
            }
        }
    }

    private static DateTime SentUtc(Envelope envelope) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(envelope.SentTimeUnixMs, 0, 253_402_300_799_999)).UtcDateTime;

    [LoggerMessage(LogLevel.Warning, "Skipped a message on {Topic}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string topic, string reason);
}
