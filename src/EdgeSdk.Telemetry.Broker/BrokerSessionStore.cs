using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeSdk.Telemetry.Broker;

/// <summary>
/// Keeps the embedded broker's persistent sessions (client ID, session expiry, subscriptions) in a file
/// across restarts of the process, as mosquitto's persistence does: a subscriber that is offline while
/// the broker restarts still has its subscriptions, so what trackers publish before it is back waits for
/// it instead of going nowhere. MQTTnet.Server has no session store of its own and no way to create a
/// session directly, so a restored session is re-made by a short loopback connection under the client's
/// ID (clean start false, the remaining expiry) that subscribes again and disconnects.
/// </summary>
internal sealed class BrokerSessionStore
{
    private const string FileName = "sessions.json";
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _subscriptions = new(StringComparer.Ordinal);
    private readonly string _restoreUser = $"edgesdk-restore-{Guid.NewGuid():N}";
    private volatile bool _restoring;

    public BrokerSessionStore(string directory, MqttServer server)
    {
        _directory = directory;
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
            return Task.CompletedTask;
        };
    }

    /// <summary>Sessions restored by the last <see cref="RestoreAsync"/>.</summary>
    public int Restored { get; private set; }

    /// <summary>True for the loopback connections that re-make sessions (not counted as clients).</summary>
    public bool IsRestoreConnection(string? userName) => userName == _restoreUser;

    /// <summary>Writes the sessions that outlive a disconnect (expiry above 0), with their subscriptions. Call while the server runs.</summary>
    public async Task SaveAsync(MqttServer server, CancellationToken cancellationToken)
    {
        DateTime now = DateTime.UtcNow;
        var saved = new List<SavedSession>();
        foreach (MqttSessionStatus session in await server.GetSessionsAsync().ConfigureAwait(false))
        {
            if (session.ExpiryInterval == 0 || !_subscriptions.TryGetValue(session.Id, out ConcurrentDictionary<string, int>? filters) || filters.IsEmpty)
            {
                continue;
            }

            DateTime disconnected = session.DisconnectedTimestamp ?? now;
            saved.Add(new SavedSession(session.Id, session.ExpiryInterval, disconnected,
                filters.Select(f => new SavedSubscription(f.Key, f.Value)).OrderBy(f => f.Topic, StringComparer.Ordinal).ToArray()));
        }

        Directory.CreateDirectory(_directory);
        string path = Path.Combine(_directory, FileName);
        string temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(saved.ToArray(), SessionJson.Default.SavedSessionArray), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true); // all or nothing: a crash mid-write keeps the previous file
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
        await client.ConnectAsync(new MqttClientOptionsBuilder()
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
    }

    internal sealed record SavedSubscription(string Topic, int QualityOfService);

    internal sealed record SavedSession(string ClientId, uint ExpirySeconds, DateTime DisconnectedUtc, SavedSubscription[] Subscriptions);
}

/// <summary>Source-generated JSON for the session file (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(BrokerSessionStore.SavedSession[]))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class SessionJson : JsonSerializerContext
{
}
