namespace EdgeSdk.Tracker;

/// <summary>
/// The bounded ring of unsent fixes, in wire units, allocated once. Each fix gets the next sequence number
/// (1, 2, 3 ... for a fresh ring, as the .NET durable queue numbers them). When full, adding drops the
/// oldest fix and counts it in <see cref="DroppedTotal"/>, as the .NET queue does; its sequence number is
/// not reused, so the consumer sees the gap.
/// </summary>
/// <remarks>
/// Parallel arrays of primitives rather than an array of objects: 59 bytes a fix, no object headers, nothing
/// for the device's garbage collector to walk. An absent quantity is stored as 0 with its bit in
/// <see cref="GetAbsent"/>; the encoder repeats the previous value of the batch in its place, as the .NET
/// codec does.
/// </remarks>
public sealed class FixRing
{
    /// <summary>Bits of <see cref="GetAbsent"/>, as FixState.absent: 1 time, 2 position, 4 altitude, 8 speed, 16 course.</summary>
    public const int AbsentTime = 1, AbsentPosition = 2, AbsentAltitude = 4, AbsentSpeed = 8, AbsentCourse = 16;

    /// <summary>Mask of the bits of <see cref="GetAbsent"/> that go on the wire (FixState.absent).</summary>
    public const int WireAbsentBits = 31;

    /// <summary>
    /// Bits of <see cref="GetAbsent"/> beyond the wire's: this coordinate repeats the previous one. Position is
    /// absent when either coordinate is, but a coordinate that is present keeps its value, as in the .NET codec.
    /// </summary>
    public const int RepeatLatitude = 32, RepeatLongitude = 64;

    /// <summary>Most satellites one fix may claim as used, over all constellations (the .NET codec's MaxSatellitesPerState).</summary>
    public const int MaxSatellitesPerFix = 128;

    /// <summary>Bytes the ring's arrays take per fix (six longs, three DOP ints, three bytes, eight satellite counts).</summary>
    public const int BytesPerFix = (6 * 8) + (3 * 4) + 3 + TrackerFix.SatelliteSlots;

    private readonly long[] _time, _lat, _lon, _alt, _speed, _course;
    private readonly int[] _dops; // HDOP, PDOP, VDOP per fix, hundredths; 0 = not reported
    private readonly byte[] _mode, _quality, _absent, _satellites;
    private int _head, _count;
    private long _firstSequence = 1;

    /// <summary>Allocates a ring for <paramref name="capacity"/> fixes.</summary>
    /// <param name="capacity">Fixes kept while the broker is unreachable; at least 1.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">Capacity below 1.</exception>
    public FixRing(int capacity)
    {
        if (capacity < 1)
        {
            throw new System.ArgumentOutOfRangeException(nameof(capacity), "the fix ring needs room for at least one fix");
        }

        Capacity = capacity;
        _time = new long[capacity];
        _lat = new long[capacity];
        _lon = new long[capacity];
        _alt = new long[capacity];
        _speed = new long[capacity];
        _course = new long[capacity];
        _dops = new int[capacity * 3];
        _mode = new byte[capacity];
        _quality = new byte[capacity];
        _absent = new byte[capacity];
        _satellites = new byte[capacity * TrackerFix.SatelliteSlots];
    }

    /// <summary>Most fixes held.</summary>
    public int Capacity { get; }

    /// <summary>Fixes held (not yet acknowledged by the broker).</summary>
    public int Count
    {
        get { return _count; }
    }

    /// <summary>Sequence number of the oldest fix held (of the next fix when empty).</summary>
    public long FirstSequence
    {
        get { return _firstSequence; }
    }

    /// <summary>Sequence number the next fix added gets.</summary>
    public long NextSequence
    {
        get { return _firstSequence + _count; }
    }

    /// <summary>Fixes dropped, oldest first, because the ring was full.</summary>
    public long DroppedTotal { get; private set; }

    /// <summary>Quantizes <paramref name="fix"/> and appends it; when full, drops the oldest fix first (counted).</summary>
    /// <param name="fix">The fix; its values are copied.</param>
    /// <returns>The fix's sequence number.</returns>
    public long Add(TrackerFix fix)
    {
        if (_count == Capacity)
        {
            RemoveOldest(1);
            DroppedTotal++;
        }

        int i = (_head + _count) % Capacity;
        int absent = 0;
        _time[i] = fix.HasTime ? fix.TimeUnixMilliseconds : 0;
        absent |= fix.HasTime ? 0 : AbsentTime;
        // As the .NET codec: a position needs both coordinates; each one that is not finite repeats its previous value.
        bool position = !double.IsNaN(fix.LatitudeDegrees) && !double.IsNaN(fix.LongitudeDegrees);
        _lat[i] = Quantize(position ? fix.LatitudeDegrees : double.NaN, WireUnits.E7PerDegree, AbsentPosition | RepeatLatitude, ref absent);
        _lon[i] = Quantize(position ? fix.LongitudeDegrees : double.NaN, WireUnits.E7PerDegree, AbsentPosition | RepeatLongitude, ref absent);
        _alt[i] = Quantize(fix.AltitudeMslMeters, WireUnits.DecimetersPerMeter, AbsentAltitude, ref absent);
        _speed[i] = Quantize(fix.SpeedMetersPerSecond, WireUnits.CentimetersPerMeter, AbsentSpeed, ref absent);
        _course[i] = WireUnits.NormalizeCourse(Quantize(fix.CourseDegrees, WireUnits.TenthsPerDegree, AbsentCourse, ref absent));
        _absent[i] = (byte)absent;
        _dops[i * 3] = (int)WireUnits.DopCenti(fix.Hdop);
        _dops[(i * 3) + 1] = (int)WireUnits.DopCenti(fix.Pdop);
        _dops[(i * 3) + 2] = (int)WireUnits.DopCenti(fix.Vdop);
        _mode[i] = (byte)fix.Mode;
        _quality[i] = (byte)fix.Quality;

        // The wire carries at most MaxSatellitesPerFix used satellites; clip most-used-first as the .NET codec does.
        int room = MaxSatellitesPerFix;
        for (int slot = 0; slot < TrackerFix.SatelliteSlots; slot++)
        {
            int used = fix.GetSatellitesUsed(slot);
            used = used < room ? used : room;
            room -= used;
            _satellites[(i * TrackerFix.SatelliteSlots) + slot] = (byte)used;
        }

        _count++;
        return _firstSequence + _count - 1;
    }

    /// <summary>Removes every fix up to and including sequence <paramref name="lastSequence"/> (acknowledged by the broker).</summary>
    /// <param name="lastSequence">The last acknowledged sequence number.</param>
    /// <returns>How many fixes were removed (fewer than sent when some were dropped meanwhile).</returns>
    public int RemoveThrough(long lastSequence)
    {
        long n = lastSequence - _firstSequence + 1;
        if (n <= 0)
        {
            return 0;
        }

        int remove = n > _count ? _count : (int)n;
        RemoveOldest(remove);
        return remove;
    }

    /// <summary>Time of the fix at <paramref name="index"/> (0 = oldest), Unix ms; 0 when absent.</summary>
    public long GetTime(int index)
    {
        return _time[Slot(index)];
    }

    /// <summary>Latitude of the fix at <paramref name="index"/>, 1e-7°; 0 when absent.</summary>
    public long GetLatitudeE7(int index)
    {
        return _lat[Slot(index)];
    }

    /// <summary>Longitude of the fix at <paramref name="index"/>, 1e-7°; 0 when absent.</summary>
    public long GetLongitudeE7(int index)
    {
        return _lon[Slot(index)];
    }

    /// <summary>Altitude of the fix at <paramref name="index"/>, dm; 0 when absent.</summary>
    public long GetAltitudeDm(int index)
    {
        return _alt[Slot(index)];
    }

    /// <summary>Speed of the fix at <paramref name="index"/>, cm/s; 0 when absent.</summary>
    public long GetSpeedCmPerS(int index)
    {
        return _speed[Slot(index)];
    }

    /// <summary>Course of the fix at <paramref name="index"/>, 0.1° in [0, 3600); 0 when absent.</summary>
    public long GetCourseDdeg(int index)
    {
        return _course[Slot(index)];
    }

    /// <summary>A DOP of the fix at <paramref name="index"/> in hundredths, 0 when not reported.</summary>
    /// <param name="index">0 = oldest.</param>
    /// <param name="which">0 HDOP, 1 PDOP, 2 VDOP (the wire's order: FixBatch fields 10, 11, 12).</param>
    public int GetDopCenti(int index, int which)
    {
        return _dops[(Slot(index) * 3) + which];
    }

    /// <summary>Absent bits of the fix at <paramref name="index"/> (see <see cref="AbsentTime"/>, <see cref="RepeatLatitude"/>).</summary>
    public int GetAbsent(int index)
    {
        return _absent[Slot(index)];
    }

    /// <summary>Mode of the fix at <paramref name="index"/> (0 unknown, 1 no fix, 2 2D, 3 3D).</summary>
    public int GetMode(int index)
    {
        return _mode[Slot(index)];
    }

    /// <summary>Quality of the fix at <paramref name="index"/>.</summary>
    public int GetQuality(int index)
    {
        return _quality[Slot(index)];
    }

    /// <summary>Satellites used in one constellation slot by the fix at <paramref name="index"/> (see <see cref="TrackerFix.GetSatellitesUsed"/>).</summary>
    public int GetSatellitesUsed(int index, int slot)
    {
        return _satellites[(Slot(index) * TrackerFix.SatelliteSlots) + slot];
    }

    /// <summary>True when the fixes at <paramref name="a"/> and <paramref name="b"/> share one FixState (mode, quality, absent, satellites).</summary>
    public bool SameState(int a, int b)
    {
        int sa = Slot(a), sb = Slot(b);
        if (_mode[sa] != _mode[sb] || _quality[sa] != _quality[sb] || (_absent[sa] & WireAbsentBits) != (_absent[sb] & WireAbsentBits))
        {
            return false;
        }

        for (int slot = 0; slot < TrackerFix.SatelliteSlots; slot++)
        {
            if (_satellites[(sa * TrackerFix.SatelliteSlots) + slot] != _satellites[(sb * TrackerFix.SatelliteSlots) + slot])
            {
                return false;
            }
        }

        return true;
    }

    private int Slot(int index)
    {
        return (_head + index) % Capacity;
    }

    private void RemoveOldest(int n)
    {
        _head = (_head + n) % Capacity;
        _count -= n;
        _firstSequence += n;
    }

    private static long Quantize(double value, double scale, int absentBit, ref int absent)
    {
        if (WireUnits.IsFinite(value))
        {
            return WireUnits.Round(value, scale);
        }

        absent |= absentBit;
        return 0;
    }
}
