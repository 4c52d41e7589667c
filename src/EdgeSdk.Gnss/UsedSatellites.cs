using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// The satellites the GSAs of one epoch list as used, as a table indexed by (system, ID): O(1) to
/// add and to look up, and O(1) to clear, since an entry counts only when it carries the current
/// epoch's stamp (nothing is written back at the end of an epoch).
/// </summary>
internal sealed class UsedSatellites
{
    private const int Slots = 16 * 256;

    private readonly int[] _stamps = new int[Slots];
    private readonly int[] _order = new int[Slots]; // slots in the order they were added
    private int _stamp = 1;

    /// <summary>Distinct satellites added since <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The satellites added, as table slots in the order added: equal spans mean equal sets.</summary>
    public ReadOnlySpan<int> Added => _order.AsSpan(0, Count);

    /// <summary>Adds a satellite (known system) once.</summary>
    public void Add(SatelliteId id)
    {
        int slot = Slot(id.System, id.Number);
        ref int stamp = ref _stamps[slot];
        if (stamp != _stamp)
        {
            stamp = _stamp;
            _order[Count++] = slot;
        }
    }

    /// <summary>True when the satellite was added since <see cref="Clear"/>.</summary>
    public bool Contains(GnssSystem system, int svid) => _stamps[Slot(system, svid)] == _stamp;

    /// <summary>Empties the set.</summary>
    public void Clear()
    {
        Count = 0;
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps); // after 2³¹ epochs: old stamps must not come back to life
            _stamp = 1;
        }
    }

    private static int Slot(GnssSystem system, int svid) => (((int)system & 0xF) << 8) | (svid & 0xFF);
}
