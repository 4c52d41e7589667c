using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeSdk.Telemetry.Broker;

/// <summary>
/// Keeps the embedded broker's persistent sessions (client ID, session expiry, subscriptions, and the QoS 1/2
/// messages still owed to the client) in a file across restarts of the process, as mosquitto's persistence
/// does: a subscriber that is offline while the broker restarts still has its subscriptions, so what trackers
/// publish before it is back waits for it instead of going nowhere, and what the broker had acknowledged to a
/// tracker but not yet delivered (or not yet had acknowledged by the subscriber) is delivered after the restart.
/// MQTTnet.Server has no session store of its own, no way to create a session directly and no way to read a
/// session's queue, so a restored session is re-made by a short loopback connection under the client's ID
/// (clean start false, the remaining expiry) that subscribes again and disconnects, and the messages owed are
/// tracked here from MQTTnet's events (queued for the client, acknowledged by it, dropped on overflow).
/// </summary>
internal sealed class BrokerSessionStore
{
    private const string FileName = "sessions.json";
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<SavedMessage>> _owed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _restoreConnectionsGone = new(StringComparer.Ordinal);
    private readonly string _restoreUser = $"edgesdk-restore-{Guid.NewGuid():N}";
    private readonly MqttServer _server;
    private readonly int _maxOwedPerClient;
    private volatile bool _restoring;

    public BrokerSessionStore(string directory, MqttServer server, int maxOwedPerClient)
    {
        _directory = directory;
        _server = server;
        _maxOwedPerClient = maxOwedPerClient;
        server.ValidatingConnectionAsync += e =>
        {
            if (_restoring && e.UserName != _restoreUser)
            {
                // Until every saved session is back, a client could find its session missing: come back shortly.
                e.ReasonCode = MqttConnectReasonCode.ServerBusy;
            }
            else if (e.CleanSession == true)
            {
                _subscriptions.TryRemove(e.ClientId, out _); // a clean start begins a new, empty session
                _owed.TryRemove(e.ClientId, out _);
            }

            return Task.CompletedTask;
        };
        server.InterceptingClientEnqueueAsync += e =>
        {
            // Recorded before MQTTnet queues it (this event comes first), so the client's acknowledgement cannot
            // come before the record. What goes out at QoS 0 (a QoS 0 message, or any message to a QoS 0
            // subscription) is never acknowledged and owed to no one: recorded, it would stay until pushed out and
            // come once more after a restart. Bounded like MQTTnet's queue.
            if (e.AcceptEnqueue && DeliveredQos(e.ReceiverClientId, e.ApplicationMessage) != MqttQualityOfServiceLevel.AtMostOnce)
            {
                List<SavedMessage> owed = _owed.GetOrAdd(e.ReceiverClientId, _ => []);
                lock (owed)
                {
                    if (owed.Count >= _maxOwedPerClient)
                    {
                        owed.RemoveAt(0);
                    }

                    owed.Add(SavedMessage.From(e.ApplicationMessage, DateTime.UtcNow));
                }
            }

            return Task.CompletedTask;
        };
        server.ClientAcknowledgedPublishPacketAsync += e =>
        {
            Forget(e.ClientId, e.PublishPacket);
            return Task.CompletedTask;
        };
        server.QueuedApplicationMessageOverwrittenAsync += e =>
        {
            if (e.Packet is MqttPublishPacket dropped)
            {
                Forget(e.ReceiverClientId, dropped); // MQTTnet dropped the oldest: the client counts it as a gap
            }

            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += e =>
        {
            if (_restoreConnectionsGone.TryRemove(e.ClientId, out TaskCompletionSource? gone))
            {
                gone.TrySetResult();
            }

            return Task.CompletedTask;
        };
        server.ClientSubscribedTopicAsync += e =>
        {
            _subscriptions.GetOrAdd(e.ClientId, _ => new(StringComparer.Ordinal))[e.TopicFilter.Topic] = (int)e.TopicFilter.QualityOfServiceLevel;
            return Task.CompletedTask;
        };
        server.ClientUnsubscribedTopicAsync += e =>
        {
            if (_subscriptions.TryGetValue(e.ClientId, out ConcurrentDictionary<string, int>? filters))
            {
                filters.TryRemove(e.TopicFilter, out _);
            }

            return Task.CompletedTask;
        };
        server.SessionDeletedAsync += e =>
        {
            _subscriptions.TryRemove(e.Id, out _);
            _owed.TryRemove(e.Id, out _);
            return Task.CompletedTask;
        };
    }

    // The QoS a message goes out with: the lower of its own and the highest of the receiver's subscriptions that
    // match it (MQTT 5, 3.8.4). A receiver whose subscriptions are not known here is taken to get the message's own.
    private MqttQualityOfServiceLevel DeliveredQos(string receiver, MqttApplicationMessage message)
    {
        MqttQualityOfServiceLevel own = message.QualityOfServiceLevel;
        if (own == MqttQualityOfServiceLevel.AtMostOnce || !_subscriptions.TryGetValue(receiver, out ConcurrentDictionary<string, int>? filters))
        {
            return own;
        }

        int highest = -1;
        foreach (KeyValuePair<string, int> filter in filters)
        {
            if (filter.Value > highest && MqttTopicFilterComparer.Compare(message.Topic, SharedFilterTopic(filter.Key)) == MqttTopicFilterCompareResult.IsMatch)
            {
                highest = filter.Value;
            }
        }

        return highest < 0 ? own : (MqttQualityOfServiceLevel)Math.Min((int)own, highest);
    }

    // "$share/GROUP/FILTER" matches as FILTER.
    private static string SharedFilterTopic(string filter)
    {
        if (!filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            return filter;
        }

        int slash = filter.IndexOf('/', "$share/".Length);
        return slash < 0 ? filter : filter[(slash + 1)..];
    }

    // Acknowledged by the client, or dropped: no longer owed. Matched by content (MQTTnet's events give no common
    // identifier); of identical copies, which one goes makes no difference.
    private void Forget(string clientId, MqttPublishPacket packet)
    {
        if (!_owed.TryGetValue(clientId, out List<SavedMessage>? owed))
        {
            return;
        }

        ReadOnlySequence<byte> payload = packet.Payload;
        lock (owed)
        {
            // Compared in place (a payload is one segment as MQTTnet reads it): no copy per acknowledgement.
            int index = owed.FindIndex(m => m.Topic == packet.Topic && m.Payload.Length == payload.Length
                && (payload.IsSingleSegment ? payload.FirstSpan.SequenceEqual(m.Payload) : payload.ToArray().AsSpan().SequenceEqual(m.Payload)));
            if (index >= 0)
            {
                owed.RemoveAt(index);
            }
        }
    }

    /// <summary>Sessions restored by the last <see cref="RestoreAsync"/>.</summary>
    public int Restored { get; private set; }

    /// <summary>True for the loopback connections that re-make sessions (not counted as clients).</summary>
    public bool IsRestoreConnection(string? userName) => userName == _restoreUser;

    /// <summary>
    /// Writes the sessions that outlive a disconnect (expiry above 0), with their subscriptions and the messages
    /// still owed to them. <paramref name="sessions"/> are read while the server runs; call this after it stopped,
    /// so that no message is acknowledged to a publisher after the file was written.
    /// </summary>
    public void Save(IList<MqttSessionStatus> sessions)
    {
        DateTime now = DateTime.UtcNow;
        var saved = new List<SavedSession>();
        foreach (MqttSessionStatus session in sessions)
        {
            if (session.ExpiryInterval == 0 || !_subscriptions.TryGetValue(session.Id, out ConcurrentDictionary<string, int>? filters) || filters.IsEmpty)
            {
                continue;
            }

            DateTime disconnected = session.DisconnectedTimestamp ?? now;
            SavedMessage[] owed = [];
            if (_owed.TryGetValue(session.Id, out List<SavedMessage>? messages))
            {
                lock (messages)
                {
                    owed = messages.ToArray();
                }
            }

            saved.Add(new SavedSession(session.Id, session.ExpiryInterval, disconnected,
                filters.Select(f => new SavedSubscription(f.Key, f.Value)).OrderBy(f => f.Topic, StringComparer.Ordinal).ToArray(), owed));
        }

        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, FileName);
        // All or nothing, flushed to disk before the rename: a crash or power cut keeps the previous file, never an
        // empty one (a rename can reach the disk before the data it names).
        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(saved.ToArray(), SessionJson.Default.SavedSessionArray));
    }

    /// <summary>
    /// From now until <see cref="RestoreAsync"/> ends, clients other than the restoring ones are asked to retry
    /// (ServerBusy). Called before the server listens: a client let in between listening and restoring (a tracker
    /// retrying through the outage is quick to) could publish before its subscribers' sessions are back, and the
    /// broker would acknowledge that with "no matching subscribers" and drop it.
    /// </summary>
    public void HoldClients() => _restoring = true;

    /// <summary>Undoes <see cref="HoldClients"/> when the server could not start.</summary>
    public void ReleaseClients() => _restoring = false;

    /// <summary>Re-makes the saved sessions that have not expired; other clients are asked to retry until it ends (see <see cref="HoldClients"/>).</summary>
    /// <exception cref="InvalidDataException">The file is damaged; the message names it.</exception>
    public async Task RestoreAsync(int port, CancellationToken cancellationToken)
    {
        _restoring = true;
        try
        {
            await RestoreSessionsAsync(port, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _restoring = false;
        }
    }

    private async Task RestoreSessionsAsync(int port, CancellationToken cancellationToken)
    {
        Restored = 0;
        string path = Path.Combine(_directory, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        SavedSession[] sessions;
        try
        {
            sessions = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), SessionJson.Default.SavedSessionArray) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the broker's session file {path} is damaged ({ex.Message}); delete it to start without saved sessions", ex);
        }

        DateTime now = DateTime.UtcNow;
        foreach (SavedSession session in sessions)
        {
            double left = session.ExpirySeconds - (now - session.DisconnectedUtc).TotalSeconds;
            if (left <= 0 || session.Subscriptions.Length == 0)
            {
                continue; // expired while the broker was down, as it would have while running
            }

            await RestoreSessionAsync(port, session, (uint)Math.Min(left, uint.MaxValue), cancellationToken).ConfigureAwait(false);
            Restored++;
        }
    }

    private async Task RestoreSessionAsync(int port, SavedSession session, uint expirySeconds, CancellationToken cancellationToken)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        // Never acknowledge: a session kept in memory (the same broker started again) sends what it owes to
        // this connection; unacknowledged, it stays owed and goes to the real client when it is back.
        client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            return Task.CompletedTask;
        };
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _restoreConnectionsGone[session.ClientId] = gone;
        MqttClientConnectResult connected = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(session.ClientId)
            .WithCredentials(_restoreUser, string.Empty)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(expirySeconds)
            .Build(), cancellationToken).ConfigureAwait(false);
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (SavedSubscription s in session.Subscriptions)
        {
            subscribe.WithTopicFilter(f => f.WithTopic(s.Topic).WithQualityOfServiceLevel((MqttQualityOfServiceLevel)s.QualityOfService));
        }

        await client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);

        // Wait until the server has closed this connection on its side before queueing what the session is owed and
        // letting clients in. Otherwise the real client could take the session over from a connection the server
        // still runs; MQTTnet 5.2's send loop, taken over, drops a message it has just taken off the session's queue
        // (read in its source; not seen in a test).
        await gone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        if (connected.IsSessionPresent || session.Messages is not { Length: > 0 })
        {
            return; // a session MQTTnet still has in memory still has its queue
        }

        // The session is offline now: what it was owed waits in its queue for the client, as before the restart.
        MqttSessionStatus? restored = (await _server.GetSessionsAsync().ConfigureAwait(false)).FirstOrDefault(s => s.Id == session.ClientId);
        if (restored == null)
        {
            return;
        }

        List<SavedMessage> owed = _owed.GetOrAdd(session.ClientId, _ => []);
        DateTime now = DateTime.UtcNow;
        foreach (SavedMessage message in session.Messages)
        {
            if (!message.TryRemainingExpiry(now, out uint expiryLeft))
            {
                continue; // expired while the broker was down: its publisher asked for it to go undelivered by now
            }

            lock (owed)
            {
                owed.Add(message);
            }

            restored.TryEnqueueApplicationMessage(message.ToApplicationMessage(expiryLeft), out _);
        }
    }

    internal sealed record SavedSubscription(string Topic, int QualityOfService);

    internal sealed record SavedSession(string ClientId, uint ExpirySeconds, DateTime DisconnectedUtc, SavedSubscription[] Subscriptions, SavedMessage[]? Messages = null);

    /// <summary>
    /// A QoS 1/2 message owed to a client: what the SDK's publishers set (content type, user properties, expiry), and
    /// when the broker took it (null in files of earlier versions), so a restart passes on only the expiry left.
    /// </summary>
    internal sealed record SavedMessage(string Topic, byte[] Payload, int QualityOfService, string? ContentType, uint MessageExpirySeconds, SavedUserProperty[]? UserProperties, DateTime? ReceivedUtc = null)
    {
        public static SavedMessage From(MqttApplicationMessage m, DateTime receivedUtc) => new(
            m.Topic, m.Payload.ToArray(), (int)m.QualityOfServiceLevel, m.ContentType, m.MessageExpiryInterval,
            m.UserProperties?.Select(p => new SavedUserProperty(p.Name, p.ValueBuffer.ToArray())).ToArray(), receivedUtc);

        /// <summary>
        /// The message expiry left at <paramref name="now"/> in whole seconds, rounded up (0: the message has none),
        /// as MQTT 5 has a broker forward it (3.3.2.3.3); false when it has run out.
        /// </summary>
        public bool TryRemainingExpiry(DateTime now, out uint seconds)
        {
            seconds = MessageExpirySeconds;
            if (MessageExpirySeconds == 0 || ReceivedUtc is not DateTime received)
            {
                return true;
            }

            double left = MessageExpirySeconds - (now - received).TotalSeconds;
            seconds = left > 0 ? (uint)Math.Ceiling(left) : 0;
            return left > 0;
        }

        public MqttApplicationMessage ToApplicationMessage(uint expirySeconds)
        {
            MqttApplicationMessageBuilder builder = new MqttApplicationMessageBuilder()
                .WithTopic(Topic)
                .WithPayload(Payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)QualityOfService)
                .WithContentType(ContentType)
                .WithMessageExpiryInterval(expirySeconds);
            foreach (SavedUserProperty p in UserProperties ?? [])
            {
                builder.WithUserProperty(p.Name, p.Value);
            }

            return builder.Build();
        }
    }

    internal sealed record SavedUserProperty(string Name, byte[] Value);
}

/// <summary>Source-generated JSON for the session file (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(BrokerSessionStore.SavedSession[]))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class SessionJson : JsonSerializerContext
{
}
