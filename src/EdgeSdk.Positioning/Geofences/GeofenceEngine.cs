namespace EdgeSdk.Positioning;

/// <summary>
/// Checks one vehicle's fixes against its fences and reports enter/exit/dwell events.
/// A uniform grid indexes the fences: each fence is listed in every cell its box (grown by the
/// hysteresis) touches, so a fix looks at the fences of one cell plus those it is inside, whatever
/// the total. Not thread-safe: one engine per vehicle, fed from one loop.
/// </summary>
/// <example>
/// <code>
/// var fences = new GeofenceEngine();
/// fences.Add(new CircleGeofence(1, 29.5750, 106.5330, radiusMeters: 150) { Name = "Depot", DwellSeconds = 600 });
/// var events = new List&lt;VehicleEvent&gt;();
/// fences.Update(new PositionSample(timeUtc, true, 29.5751, 106.5331, 3.0, 0.9), events); // events: GeofenceEntered 1
/// </code>
/// </example>
public sealed class GeofenceEngine
{
    private readonly GeofenceEngineOptions _options;
    private readonly Dictionary<uint, Entry> _byId = new();
    private readonly Dictionary<long, List<Entry>> _cells = new();
    private readonly List<Entry> _large = new();
    private readonly List<Entry> _inside = new();
    private long _stamp;

    /// <summary>Creates an engine with no fences.</summary>
    public GeofenceEngine(GeofenceEngineOptions? options = null)
    {
        _options = options ?? new GeofenceEngineOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.HysteresisMeters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.CellSizeDegrees);
    }

    /// <summary>Number of fences.</summary>
    public int Count => _byId.Count;

    /// <summary>Fences checked on the last fix (the cost of a check is proportional to this, not to <see cref="Count"/>).</summary>
    public int LastCandidates { get; private set; }

    /// <summary>The fences the vehicle is inside, by ID.</summary>
    public IEnumerable<uint> InsideIds => _inside.Select(e => e.Fence.Id);

    /// <summary>The lowest speed limit of the fences the vehicle is inside at the last fix, meters per second, or null.</summary>
    public double? SpeedLimitMetersPerSecond { get; private set; }

    /// <summary>Adds a fence, replacing one with the same ID (JT/T 808 "update" semantics); the vehicle starts outside it.</summary>
    public void Add(Geofence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        Remove(fence.Id);
        var entry = new Entry(fence);
        _byId.Add(fence.Id, entry);
        GeoBounds box = fence.Bounds.Expand(_options.HysteresisMeters);
        long south = Cell(box.SouthLatitudeDegrees), north = Cell(box.NorthLatitudeDegrees);
        long west = Cell(box.WestLongitudeDegrees), east = Cell(box.EastLongitudeDegrees);
        if ((north - south + 1) * (east - west + 1) > _options.MaxCellsPerFence)
        {
            _large.Add(entry);
            return;
        }

        for (long row = south; row <= north; row++)
        {
            for (long column = west; column <= east; column++)
            {
                long key = Key(row, column);
                if (!_cells.TryGetValue(key, out List<Entry>? list))
                {
                    _cells[key] = list = new List<Entry>(4);
                }

                list.Add(entry);
                entry.Cells.Add(key);
            }
        }
    }

    /// <summary>Removes a fence; returns false when there was none with that ID. No exit event is raised.</summary>
    public bool Remove(uint id)
    {
        if (!_byId.Remove(id, out Entry? entry))
        {
            return false;
        }

        foreach (long key in entry.Cells)
        {
            List<Entry> list = _cells[key];
            list.Remove(entry);
            if (list.Count == 0)
            {
                _cells.Remove(key);
            }
        }

        _large.Remove(entry);
        _inside.Remove(entry);
        return true;
    }

    /// <summary>Removes every fence.</summary>
    public void Clear()
    {
        _byId.Clear();
        _cells.Clear();
        _large.Clear();
        _inside.Clear();
    }

    /// <summary>
    /// Checks one fix and appends the events it causes to <paramref name="events"/>; returns how many.
    /// A sample without a fix changes nothing (the vehicle is where it was last seen).
    /// </summary>
    public int Update(in PositionSample sample, ICollection<VehicleEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!sample.FixValid)
        {
            return 0;
        }

        int before = events.Count;
        long stamp = ++_stamp;
        var frame = new LocalFrame(sample.LatitudeDegrees, sample.LongitudeDegrees);
        int candidates = _large.Count;
        if (_cells.TryGetValue(Key(Cell(sample.LatitudeDegrees), Cell(sample.LongitudeDegrees)), out List<Entry>? cell))
        {
            candidates += cell.Count;
            foreach (Entry entry in cell)
            {
                Check(entry, frame, sample, stamp, events);
            }
        }

        foreach (Entry entry in _large)
        {
            Check(entry, frame, sample, stamp, events);
        }

        // A fence the vehicle was inside but whose cells do not hold the fix is more than the hysteresis away.
        for (int i = _inside.Count - 1; i >= 0; i--)
        {
            Entry entry = _inside[i];
            if (entry.Stamp != stamp)
            {
                candidates++;
                Exit(entry, sample, events);
            }
        }

        double? limit = null;
        foreach (Entry entry in _inside)
        {
            if (entry.Fence.SpeedLimitAt(sample.LatitudeDegrees, sample.LongitudeDegrees) is double fenceLimit)
            {
                limit = limit is double current ? Math.Min(current, fenceLimit) : fenceLimit;
            }
        }

        SpeedLimitMetersPerSecond = limit;
        LastCandidates = candidates;
        return events.Count - before;
    }

    private void Check(Entry entry, in LocalFrame frame, in PositionSample sample, long stamp, ICollection<VehicleEvent> events)
    {
        entry.Stamp = stamp;
        Geofence fence = entry.Fence;
        bool active = fence.IsActive(sample.TimeUtc);
        if (!entry.Inside)
        {
            if (active && fence.SignedDistanceMeters(frame) <= 0)
            {
                entry.Inside = true;
                entry.EnteredUtc = sample.TimeUtc;
                entry.DwellRaised = false;
                _inside.Add(entry);
                events.Add(Event(VehicleEventKind.GeofenceEntered, fence, sample, null));
            }

            return;
        }

        if (!active || fence.SignedDistanceMeters(frame) >= _options.HysteresisMeters)
        {
            Exit(entry, sample, events);
            return;
        }

        double inside = (sample.TimeUtc - entry.EnteredUtc).TotalSeconds;
        if (!entry.DwellRaised && fence.DwellSeconds is double dwell && inside >= dwell)
        {
            entry.DwellRaised = true;
            events.Add(Event(VehicleEventKind.GeofenceDwell, fence, sample, inside));
        }
    }

    private void Exit(Entry entry, in PositionSample sample, ICollection<VehicleEvent> events)
    {
        entry.Inside = false;
        _inside.Remove(entry);
        events.Add(Event(VehicleEventKind.GeofenceExited, entry.Fence, sample, (sample.TimeUtc - entry.EnteredUtc).TotalSeconds));
    }

    private static VehicleEvent Event(VehicleEventKind kind, Geofence fence, in PositionSample sample, double? seconds) => new()
    {
        Kind = kind,
        TimeUtc = sample.TimeUtc,
        LatitudeDegrees = sample.LatitudeDegrees,
        LongitudeDegrees = sample.LongitudeDegrees,
        FenceId = fence.Id,
        DurationSeconds = seconds,
    };

    private long Cell(double degrees) => (long)Math.Floor(degrees / _options.CellSizeDegrees);

    private static long Key(long row, long column) => (row << 32) ^ (column & 0xFFFF_FFFF);

    private sealed class Entry(Geofence fence)
    {
        public Geofence Fence { get; } = fence;

        public List<long> Cells { get; } = new();

        public bool Inside { get; set; }

        public DateTime EnteredUtc { get; set; }

        public bool DwellRaised { get; set; }

        public long Stamp { get; set; }
    }
}
