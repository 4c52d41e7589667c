using System.Runtime.InteropServices;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// Collects an epoch's GSV satellite blocks as plain values and turns them into the fix's
/// <see cref="SatelliteInfo"/> list once, when the epoch closes and every GSA is known.
/// </summary>
/// <remarks>
/// Why values first: a sky is mostly the same from one epoch to the next, so the common case is
/// two vectorized compares (the signals, and the GSAs' used satellites) against those of the last
/// yielded sky, and the same immutable list handed out again, with no object touched or written.
/// Only a signal whose values changed gets a new <see cref="SatelliteInfo"/>: a fix already handed
/// out must never change, and its satellites are objects with their values inside.
/// </remarks>
internal sealed class SkyBuilder
{
    /// <summary>Signals kept per epoch.</summary>
    public const int MaxSignals = 256;

    private readonly int[] _sets = new int[32]; // GSV sets (talker, signal ID) seen this epoch
    private Signal[] _signals = new Signal[MaxSignals]; // this epoch's, in GSV order
    private Signal[] _last = new Signal[MaxSignals]; // those of _lastSky, in the same order
    private bool[] _used = new bool[MaxSignals]; // this epoch's used flags, when computed
    private bool[] _lastUsed = new bool[MaxSignals]; // those of _lastSky
    private int[] _lastUsedSatellites = new int[64]; // the UsedSatellites.Added that _lastSky was built with
    private int _lastUsedSatelliteCount;
    private SatelliteInfo[] _lastSky = [];
    private int _count;
    private int _completeCount; // signals up to the end of the last GSV set whose last part came
    private bool _swapped; // Build moved this epoch's signals to _last (an early-closed epoch may still grow)
    private int _lastCount;
    private int _lastUsedCount;
    private int _setCount;
    private bool _firstPartMissing; // a GSV set came this epoch without its part 1 (see Build)

    /// <summary>Signals collected this epoch.</summary>
    public int Count => _count;

    /// <summary>Adds a GSV sentence's satellites; a set that starts again replaces what it said before.</summary>
    public void Add(GsvSentence gsv)
    {
        if (_swapped)
        {
            // Late sentences after an early close: this epoch's signals are in _last since Build.
            Array.Copy(_last, _signals, _count);
            _swapped = false;
        }

        int set = ((int)gsv.Talker << 8) | (gsv.SignalId & 0xFF);
        if (gsv.MessageNumber > 1 && !_firstPartMissing && _setCount < _sets.Length && !HasFirstPart(set))
        {
            _firstPartMissing = true;
        }

        if (gsv.MessageNumber == 1 && !FirstTimeThisEpoch(set))
        {
            int kept = 0, complete = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_signals[i].Set != set)
                {
                    complete += i < _completeCount ? 1 : 0;
                    _signals[kept++] = _signals[i];
                }
            }

            _count = kept;
            _completeCount = complete;
        }

        int signalId = gsv.SignalId > 0 ? gsv.SignalId : 0;
        int satellites = gsv.SatelliteCount;
        for (int i = 0; i < satellites && _count < MaxSignals; i++)
        {
            GsvSatellite satellite = gsv.GetSatellite(i);
            if (satellite.Id.IsKnown)
            {
                ref Signal s = ref _signals[_count++];
                s.Elevation = satellite.ElevationDegrees;
                s.Azimuth = satellite.AzimuthDegrees;
                s.Snr = satellite.SnrDbHz;
                s.System = satellite.Id.System;
                s.Number = satellite.Id.Number;
                s.SignalId = signalId;
                s.Set = set;
            }
        }

        if (gsv.MessageNumber >= gsv.TotalMessages)
        {
            _completeCount = _count;
        }
    }

    /// <summary>
    /// The epoch's satellites, each <see cref="SatelliteInfo.Used"/> when <paramref name="used"/>
    /// holds it and it has a C/N0 above 0 (gpsd: 0 is not tracked): an untracked signal cannot be in the solution even when a GSA
    /// lists its satellite (dual-band receivers: L1 used, L5 not tracked). gpsd agrees.
    /// Call with <see cref="Count"/> &gt; 0.
    /// </summary>
    public SatelliteInfo[] Build(UsedSatellites used, out int usedCount)
    {
        // A set whose last part never came is left out, as gpsd reports a sky only when a set's
        // last part arrives (gp-320fw sends parts 1-2 of 3 in most epochs).
        _count = _completeCount;
        if (_firstPartMissing)
        {
            KeepMissingFirstParts();
        }

        // Bitwise compares: NaN (not reported) equals NaN; Signal has no padding to differ.
        if (_count == _lastCount
            && used.Added.SequenceEqual(_lastUsedSatellites.AsSpan(0, _lastUsedSatelliteCount))
            && MemoryMarshal.AsBytes(_signals.AsSpan(0, _count)).SequenceEqual(MemoryMarshal.AsBytes(_last.AsSpan(0, _count))))
        {
            usedCount = _lastUsedCount;
            return _lastSky;
        }

        int count = 0;
        var sky = new SatelliteInfo[_count];
        int next = 0; // receivers keep their order: the match is usually where the last one ended
        for (int i = 0; i < _count; i++)
        {
            ref Signal s = ref _signals[i];
            bool isUsed = used.Contains(s.System, s.Number) && s.Snr > 0; // gpsd: a C/N0 of 0 (or none) is not tracked
            _used[i] = isUsed;
            count += isUsed ? 1 : 0;
            int j = Find(in s, next);
            next = j + 1;
            if (j < 0)
            {
                sky[i] = Create(in s, isUsed);
            }
            else if (_lastUsed[j] == isUsed && SameValues(in s, in _last[j]))
            {
                sky[i] = _lastSky[j];
            }
            else
            {
                // Same signal, new values (C/N0 moves every epoch): its identity is copied, not worked out again.
                sky[i] = new SatelliteInfo(_lastSky[j], s.Elevation, s.Azimuth, s.Snr, isUsed);
            }
        }

        _lastSky = sky;
        (_last, _signals) = (_signals, _last);
        _swapped = true;
        (_lastUsed, _used) = (_used, _lastUsed);
        _lastCount = _count;
        _lastUsedCount = usedCount = count;
        if (used.Count > _lastUsedSatellites.Length)
        {
            _lastUsedSatellites = new int[used.Count];
        }

        used.Added.CopyTo(_lastUsedSatellites);
        _lastUsedSatelliteCount = used.Count;
        return sky;
    }

    /// <summary>Forgets this epoch's signals (the last yielded sky is kept for comparing).</summary>
    public void Clear()
    {
        _count = 0;
        _completeCount = 0;
        _setCount = 0;
        _swapped = false;
        _firstPartMissing = false;
    }

    // A GSV set whose part 1 never came this epoch (a multiplexer wrote its own sentence in its place:
    // the iSync GRClok's $PTNTA) does not replace the set's last sky but adds to it: the satellites of
    // the last sky of that set that its parts this epoch do not name are kept, with their last values.
    // gpsd does the same: it clears its sky only at a part 1, and other parts add to what it holds.
    private void KeepMissingFirstParts()
    {
        int end = _count;
        for (int j = 0; j < _lastCount && _count < MaxSignals; j++)
        {
            ref Signal old = ref _last[j];
            if (HasFirstPart(old.Set) || !HasSet(old.Set, end))
            {
                continue; // the set started afresh this epoch, or did not come at all
            }

            bool named = false;
            for (int i = 0; i < end && !named; i++)
            {
                named = SameSignal(in _signals[i], in old);
            }

            if (!named)
            {
                _signals[_count++] = old;
            }
        }

        _completeCount = _count;
    }

    // True when a complete part of this epoch (up to end) came from the set.
    private bool HasSet(int set, int end)
    {
        for (int i = 0; i < end; i++)
        {
            if (_signals[i].Set == set)
            {
                return true;
            }
        }

        return false;
    }

    // True when the set's part 1 came this epoch.
    private bool HasFirstPart(int set)
    {
        for (int i = 0; i < _setCount; i++)
        {
            if (_sets[i] == set)
            {
                return true;
            }
        }

        return false;
    }

    // True (and remembered) when a GSV set has not been seen yet in this epoch: then there is
    // nothing of it to replace, and the signals need not be searched.
    private bool FirstTimeThisEpoch(int set)
    {
        for (int i = 0; i < _setCount; i++)
        {
            if (_sets[i] == set)
            {
                return false;
            }
        }

        if (_setCount == _sets.Length)
        {
            return false; // too many sets to remember: search the signals
        }

        _sets[_setCount++] = set;
        return true;
    }

    // Where the same signal is in the last sky, looking at the expected place first; -1 when absent.
    private int Find(in Signal s, int expected)
    {
        if (expected < _lastCount && SameSignal(in s, in _last[expected]))
        {
            return expected;
        }

        for (int j = 0; j < _lastCount; j++)
        {
            if (SameSignal(in s, in _last[j]))
            {
                return j;
            }
        }

        return -1;
    }

    // The set (talker, signal ID) decides gpsd's signal ID, so it is part of the signal's identity.
    private static bool SameSignal(in Signal a, in Signal b)
        => a.Number == b.Number && a.System == b.System && a.SignalId == b.SignalId && a.Set == b.Set;

    private static bool SameValues(in Signal a, in Signal b)
        => BitConverter.DoubleToInt64Bits(a.Snr) == BitConverter.DoubleToInt64Bits(b.Snr)
            && BitConverter.DoubleToInt64Bits(a.Elevation) == BitConverter.DoubleToInt64Bits(b.Elevation)
            && BitConverter.DoubleToInt64Bits(a.Azimuth) == BitConverter.DoubleToInt64Bits(b.Azimuth);

    private static SatelliteInfo Create(in Signal s, bool used)
    {
        var id = new SatelliteId(s.System, s.Number);
        GnssSystem talkerSystem = NmeaTalkers.SystemOf((NmeaTalker)(s.Set >> 8));
        return new SatelliteInfo
        {
            System = s.System,
            Number = s.Number,
            GpsdPrn = id.GpsdPrn,
            GpsdGnssId = id.GpsdGnssId,
            GpsdSvid = id.GpsdSvid,
            SignalId = s.SignalId,
            GpsdSignalId = s.SignalId > 0 ? SatelliteNumbering.GpsdSignalId(talkerSystem, s.SignalId) : 0,
            ElevationDegrees = Value(s.Elevation),
            AzimuthDegrees = Value(s.Azimuth),
            SnrDbHz = Value(s.Snr),
            Used = used,
        };
    }

    private static double? Value(double value) => double.IsNaN(value) ? null : value;

    // 3 doubles and 4 ints: 40 bytes without padding, so arrays of it compare bitwise.
    private struct Signal
    {
        public double Elevation;
        public double Azimuth;
        public double Snr;
        public GnssSystem System;
        public int Number;
        public int SignalId;
        public int Set; // (talker, raw signal ID): the GSV set it came from
    }
}
