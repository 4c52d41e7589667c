using System.Threading.Channels;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// Fans the HMI's messages (JSON text, serialized once) out to every connected browser. Each browser has its own
/// bounded queue: when a browser reads too slowly its oldest unsent message is dropped and counted, so a slow or
/// stalled browser never delays the others or the vehicle side. Messages published with a key are also kept as
/// the latest state of that key, which a browser receives first when it connects.
/// </summary>
public sealed class CockpitHmiHub
{
    /// <summary>Default number of unsent messages kept per browser.</summary>
    public const int DefaultClientCapacity = 512;

    /// <summary>The message that follows a new browser's initial state: <c>{"kind":"live"}</c>.</summary>
    public const string LiveMarker = "{\"kind\":\"live\"}";

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _latest = new(StringComparer.Ordinal);
    private CockpitHmiClient[] _clients = [];
    private long _published, _dropped, _connected, _disconnected;

    /// <summary>Creates a hub whose browsers each have <paramref name="clientCapacity"/> unsent messages of room.</summary>
    /// <param name="clientCapacity">Per-browser queue length, at least 1; the latest state of every key must fit.</param>
    public CockpitHmiHub(int clientCapacity = DefaultClientCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clientCapacity, 1);
        ClientCapacity = clientCapacity;
    }

    /// <summary>Unsent messages kept per browser before the oldest is dropped.</summary>
    public int ClientCapacity { get; }

    /// <summary>Browsers connected now.</summary>
    public int ClientCount => Volatile.Read(ref _clients).Length;

    /// <summary>Browsers that ever connected.</summary>
    public long ClientsConnected => Interlocked.Read(ref _connected);

    /// <summary>Browsers that disconnected (closed the page, lost the network, or were stopped with the server).</summary>
    public long ClientsDisconnected => Interlocked.Read(ref _disconnected);

    /// <summary>Messages published.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages dropped, summed over browsers, because a browser's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Sends <paramref name="json"/> to every browser; with a <paramref name="key"/> it also becomes that key's latest state.</summary>
    /// <param name="key">State slot (e.g. <c>signal:Vehicle.Speed</c>), or null for an event that new browsers need not see.</param>
    /// <param name="json">One JSON object with a <c>kind</c> member.</param>
    public void Publish(string? key, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            // Under the lock, so a browser that connects now gets either this message or the state that includes it.
            if (key != null)
            {
                _latest[key] = json;
            }

            foreach (CockpitHmiClient client in _clients)
            {
                client.Offer(json);
            }
        }

        Interlocked.Increment(ref _published);
    }

    /// <summary>Connects a browser: its queue starts with the latest state of every key, then <see cref="LiveMarker"/>. Dispose it when the browser goes.</summary>
    public CockpitHmiClient Connect()
    {
        var client = new CockpitHmiClient(this, ClientCapacity);
        lock (_gate)
        {
            foreach (string json in _latest.Values)
            {
                client.Offer(json);
            }

            // Everything after this marker is live: the page measures latency only from here on.
            client.Offer(LiveMarker);

            _clients = [.. _clients, client];
        }

        Interlocked.Increment(ref _connected);
        return client;
    }

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void Disconnect(CockpitHmiClient client)
    {
        lock (_gate)
        {
            _clients = [.. _clients.Where(c => c != client)];
        }

        Interlocked.Increment(ref _disconnected);
    }
}
