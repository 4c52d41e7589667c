using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>A clock the test moves: the firmware's timeouts run on simulated time, never on the machine's.</summary>
public sealed class ManualClock : ITrackerClock
{
    public long UptimeMilliseconds { get; set; }

    public long UtcNowUnixMilliseconds { get; set; } = 1_764_460_800_000;

    public void Advance(long milliseconds)
    {
        UptimeMilliseconds += milliseconds;
        UtcNowUnixMilliseconds += milliseconds;
    }
}

/// <summary>A UART fed from memory in chunks; an empty read takes the read timeout (50 ms) of simulated time.</summary>
public sealed class MemorySerialLink(ManualClock clock, int chunkBytes = 64) : ISerialLink
{
    private readonly Queue<byte[]> _pending = new();
    private byte[] _current = [];
    private int _offset;

    public bool Drained => _pending.Count == 0 && _offset == _current.Length;

    public void Write(byte[] bytes) => _pending.Enqueue(bytes);

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _current.Length && _pending.Count > 0)
        {
            _current = _pending.Dequeue();
            _offset = 0;
        }

        int n = Math.Min(Math.Min(count, chunkBytes), _current.Length - _offset);
        if (n == 0)
        {
            clock.Advance(50);
            return 0;
        }

        Array.Copy(_current, _offset, buffer, offset, n);
        _offset += n;
        clock.Advance(1);
        return n;
    }
}

/// <summary>An MQTT link in memory: records what is published (or only counts, for the allocation test); can go offline.</summary>
public sealed class MemoryMqttLink : IMqttLink
{
    private bool _connected;

    public bool Online { get; set; } = true;

    public bool Record { get; set; } = true;

    /// <summary>Publishes to refuse while staying connected (no PUBACK in time, the connection still up).</summary>
    public int FailNextPublishes { get; set; }

    public List<(string Topic, byte[] Payload, bool Retain)> Messages { get; } = [];

    public (string ClientId, string Topic, byte[] Payload)? Will { get; private set; }

    public int Publishes { get; private set; }

    public bool IsConnected => _connected && Online;

    public string LastError => Online ? null! : "offline (test)";

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength)
    {
        _connected = Online;
        if (_connected)
        {
            Will = (clientId, willTopic, willPayload.AsSpan(0, willLength).ToArray());
        }

        return _connected;
    }

    public bool Publish(string topic, byte[] payload, int length, bool retain)
    {
        if (!IsConnected)
        {
            _connected = false;
            return false;
        }

        if (FailNextPublishes > 0)
        {
            FailNextPublishes--;
            return false;
        }

        Publishes++;
        if (Record)
        {
            Messages.Add((topic, payload.AsSpan(0, length).ToArray(), retain));
        }

        return true;
    }
}
