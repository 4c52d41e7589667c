using System.Collections.Concurrent;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeSdk.Telemetry.Broker;

/// <summary>
/// Holds the messages bound for a client while it takes its session back, so MQTTnet cannot lose track of one.
/// </summary>
/// <remarks>
/// MQTTnet 5.2 resumes a session (clean start false) with <c>MqttSession.Recover</c>: it copies and clears the
/// unacknowledged messages, then clears the send queue, then queues the copies again. A message a publisher's dispatch
/// queues between the first clear and the second is left unacknowledged but unsent until the client's next reconnect,
/// which for a platform consumer may be days (read in its source; <c>BrokerRestartPersistenceTests</c> saw one such
/// message in about 440 restart rounds, in a full run of the telemetry tests). So from the moment a client asks to
/// take a session back (its CONNECT is accepted) until it is connected (Recover is done), messages for it wait before
/// they are queued; at most <see cref="HoldLimit"/>, in case the connection never completes.
/// </remarks>
internal sealed class SessionTakeBackGate
{
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _taking = new(StringComparer.Ordinal);

    private SessionTakeBackGate()
    {
    }

    /// <summary>Hooks a gate into <paramref name="server"/>: call after the other ValidatingConnectionAsync handlers.</summary>
    public static void Attach(MqttServer server) => new SessionTakeBackGate().Hook(server);

    private void Hook(MqttServer server)
    {
        server.ValidatingConnectionAsync += e =>
        {
            if (e.CleanSession != true && e.ReasonCode == MqttConnectReasonCode.Success)
            {
                Open(e.ClientId);
                _taking[e.ClientId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return Task.CompletedTask;
        };
        server.ClientConnectedAsync += e =>
        {
            Open(e.ClientId);
            return Task.CompletedTask;
        };
        server.ClientDisconnectedAsync += e =>
        {
            Open(e.ClientId);
            return Task.CompletedTask;
        };
        server.InterceptingClientEnqueueAsync += async e =>
        {
            if (_taking.TryGetValue(e.ReceiverClientId, out TaskCompletionSource? taking))
            {
                try
                {
                    await taking.Task.WaitAsync(HoldLimit).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The connection never completed: nothing to wait for (a newer attempt's gate stays).
                    if (_taking.TryRemove(new KeyValuePair<string, TaskCompletionSource>(e.ReceiverClientId, taking)))
                    {
                        taking.TrySetResult();
                    }
                }
            }
        };
    }

    private void Open(string clientId)
    {
        if (_taking.TryRemove(clientId, out TaskCompletionSource? taking))
        {
            taking.TrySetResult();
        }
    }
}
