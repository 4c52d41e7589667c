using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace EdgeSdk.Telemetry.Broker;

/// <summary>
/// An MQTT broker (MQTTnet.Server) inside this process, listening on loopback only: what the demo and
/// <c>edgesdk broker</c> run when there is no broker to hand. It can be stopped and started again on the
/// same port, to play an outage. Persistent sessions (clean start false, a session expiry) live as long as
/// their expiry; with a <see cref="StateDirectory"/> they also survive a restart of the process, as with
/// mosquitto's persistence: their subscriptions, and the QoS 1/2 messages still owed to them (queued, or
/// delivered and not yet acknowledged), are saved on stop and re-made on start, so what trackers publish
/// before an offline subscriber is back waits for it, and nothing the broker acknowledged to a tracker is lost
/// by a restart. What waits for a disconnected persistent subscriber is kept in memory: at most
/// <see cref="MaxPendingMessagesPerClient"/> messages each, the oldest dropped beyond that (the consumer counts
/// them as gaps), so memory stays bounded.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly BrokerSessionStore? _sessions;
    private long _messages, _connections, _subscriptions;

    /// <summary>Default of <see cref="MaxPendingMessagesPerClient"/>: 25,000 batches, 250,000 fixes in batches of 10, about 10 MB.</summary>
    public const int DefaultMaxPendingMessagesPerClient = 25_000;

    /// <summary>
    /// Prepares a broker on 127.0.0.1:<paramref name="port"/>; 0 picks a free port. At most
    /// <paramref name="maxPendingMessagesPerClient"/> messages wait for each client, the oldest dropped first.
    /// With <paramref name="stateDirectory"/>, persistent sessions are saved there on stop and restored on start.
    /// </summary>
    public EmbeddedBroker(int port = 0, int maxPendingMessagesPerClient = DefaultMaxPendingMessagesPerClient, string? stateDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingMessagesPerClient, 1);
        MaxPendingMessagesPerClient = maxPendingMessagesPerClient;
        Port = port == 0 ? FreeLoopbackPort() : port;
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(maxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        StateDirectory = stateDirectory;
        _sessions = stateDirectory == null ? null : new BrokerSessionStore(stateDirectory, _server, maxPendingMessagesPerClient);
        SessionTakeBackGate.Attach(_server); // after the store: its handlers may refuse a connection first
        _server.InterceptingPublishAsync += _ =>
        {
            Interlocked.Increment(ref _messages);
            return Task.CompletedTask;
        };
        _server.ClientSubscribedTopicAsync += e =>
        {
            if (_sessions?.IsRestoreConnection(e.UserName) != true)
            {
                Interlocked.Increment(ref _subscriptions);
            }

            return Task.CompletedTask;
        };
        _server.ClientConnectedAsync += e =>
        {
            if (_sessions?.IsRestoreConnection(e.UserName) != true)
            {
                Interlocked.Increment(ref _connections);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Messages kept for each client (e.g. a disconnected persistent subscriber) before the oldest is dropped.</summary>
    public int MaxPendingMessagesPerClient { get; }

    /// <summary>Where persistent sessions are kept across restarts of the process, or null (memory only).</summary>
    public string? StateDirectory { get; }

    /// <summary>Persistent sessions restored from <see cref="StateDirectory"/> by the last <see cref="StartAsync"/>.</summary>
    public int SessionsRestored => _sessions?.Restored ?? 0;

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The address clients use: <c>mqtt://127.0.0.1:PORT</c>.</summary>
    public Uri Uri => new($"mqtt://127.0.0.1:{Port}");

    /// <summary>True between <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => _server.IsStarted;

    /// <summary>Messages published to the broker since it was created.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messages);

    /// <summary>Client connections accepted since it was created.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connections);

    /// <summary>Topic subscriptions made since it was created.</summary>
    public long SubscriptionsMade => Interlocked.Read(ref _subscriptions);

    /// <summary>Starts listening, then restores the saved sessions (other clients are asked to retry until then).</summary>
    /// <exception cref="IOException">The port is taken; the message names it.</exception>
    /// <param name="cancellationToken">Cancels the start, also while saved sessions are restored (the broker then stops again).</param>
    /// <exception cref="InvalidDataException">The session file in <see cref="StateDirectory"/> is damaged; the message names it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _sessions?.HoldClients(); // until the saved sessions are back: no client slips in between listening and restoring
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            _sessions?.ReleaseClients();
            throw new IOException($"cannot listen on 127.0.0.1:{Port}: {ex.Message} (choose another --port)", ex);
        }

        if (_sessions != null)
        {
            try
            {
                await _sessions.RestoreAsync(Port, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false); // a cancelled start leaves nothing running
                throw;
            }
        }
    }

    /// <summary>
    /// Disconnects every client and stops listening, then saves the persistent sessions and what they are owed
    /// (with a <see cref="StateDirectory"/>); <see cref="StartAsync"/> starts it again.
    /// </summary>
    /// <param name="cancellationToken">Cancels saving the sessions (the broker still stops; the previous session file stays).</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        IList<MqttSessionStatus>? sessions = _sessions != null && _server.IsStarted ? await _server.GetSessionsAsync().ConfigureAwait(false) : null;

        // Stop first, save after: a message acknowledged to a publisher after the file was written would be lost.
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        if (sessions != null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _sessions!.Save(sessions);
        }
    }

    /// <summary>Stops and releases the broker.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server.IsStarted)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _server.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
