namespace EdgeSdk.Rdss;

/// <summary>
/// The consumer's side of the satellite fallback: a fix that arrives twice — once as a compact report by
/// satellite, once at full resolution over MQTT when the link is back — is kept once. Fixes are the same when
/// device and UTC time agree to the second (the report's resolution). Memory is bounded: per device the newest
/// <see cref="CapacityPerDevice"/> times are kept; an older time evicted that way is counted in
/// <see cref="Evicted"/> (a copy arriving after that is no longer recognised).
/// </summary>
public sealed class FixDeduplicator
{
    private readonly Dictionary<string, SortedSet<long>> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a deduplicator keeping up to <paramref name="capacityPerDevice"/> times per device (default 100,000: 69 days of one fix a minute).</summary>
    public FixDeduplicator(int capacityPerDevice = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityPerDevice);
        CapacityPerDevice = capacityPerDevice;
    }

    /// <summary>Times kept per device.</summary>
    public int CapacityPerDevice { get; }

    /// <summary>Fixes accepted (first seen).</summary>
    public long Accepted { get; private set; }

    /// <summary>Fixes dropped as copies.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Times forgotten to keep memory bounded.</summary>
    public long Evicted { get; private set; }

    /// <summary>True the first time a device's fix of <paramref name="timeUtc"/> (to the second) is offered, false for a copy.</summary>
    public bool TryAccept(string device, DateTime timeUtc)
    {
        ArgumentNullException.ThrowIfNull(device);
        long second = new DateTimeOffset(DateTime.SpecifyKind(timeUtc, DateTimeKind.Utc)).ToUnixTimeSeconds();
        lock (_gate)
        {
            if (!_seen.TryGetValue(device, out SortedSet<long>? times))
            {
                times = [];
                _seen.Add(device, times);
            }

            if (!times.Add(second))
            {
                Duplicates++;
                return false;
            }

            Accepted++;
            if (times.Count > CapacityPerDevice)
            {
                times.Remove(times.Min);
                Evicted++;
            }

            return true;
        }
    }
}
