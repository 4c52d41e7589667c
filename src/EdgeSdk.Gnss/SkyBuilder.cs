using System.Runtime.InteropServices;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// Collects an epoch's GSV satellite blocks as plain values and, when the epoch closes and every GSA
/// is known, hands out the fix's sky as a <see cref="SkySnapshot"/> of those values.
/// </summary>
/// <remarks>
/// Why values: a sky is mostly the same from one epoch to the next, so the common case is one
/// vectorized compare (the signals with their used flags) against the last snapshot, and that
/// immutable snapshot handed out again. A changed sky costs one array copy; the
/// <see cref="SatelliteInfo"/> objects are made only when a consumer reads them.
/// </remarks>
internal sealed class SkyBuilder
{
    /// <summary>Signals kept per epoch.</summary>
    public const int MaxSignals = 256;

    private readonly int[] _sets = new int[32]; // GSV sets (talker, signal ID) seen this epoch
    private SkySignal[] _signals = new SkySignal[MaxSignals]; // this epoch's, in GSV order
    private SkySignal[] _last = new SkySignal[MaxSignals]; // those of _lastSky, in the same order
    private SkySnapshot _lastSky = SkySnapshot.Empty;
    private int _count;
    private int _completeCount; // signals up to the end of the last GSV set whose last part came
    private bool _swapped; // Build moved this epoch's signals to _last (an early-closed epoch may still grow)
    private int _lastCount;
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

        short signalId = (short)(gsv.SignalId > 0 ? gsv.SignalId & 0xFF : 0);
        int satellites = gsv.SatelliteCount;
        for (int i = 0; i < satellites && _count < MaxSignals; i++)
        {
            GsvSatellite satellite = gsv.GetSatellite(i);
            if (satellite.Id.IsKnown)
            {
                ref SkySignal s = ref _signals[_count++];
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
    /// The epoch's sky, each signal used when <paramref name="used"/> holds its satellite and it has a
    /// C/N0 above 0 (gpsd: 0 is not tracked): an untracked signal cannot be in the solution even when a GSA
    /// lists its satellite (dual-band receivers: L1 used, L5 not tracked). gpsd agrees.
    /// Call with <see cref="Count"/> &gt; 0.
    /// </summary>
    public SkySnapshot Build(UsedSatellites used)
    {
        // A set whose last part never came is left out, as gpsd reports a sky only when a set's
        // last part arrives (gp-320fw sends parts 1-2 of 3 in most epochs).
        _count = _completeCount;
        if (_firstPartMissing)
        {
            KeepMissingFirstParts();
        }

        int usedCount = 0;
        for (int i = 0; i < _count; i++)
        {
            ref SkySignal s = ref _signals[i];
            bool isUsed = s.Snr > 0 && used.Contains(s.System, s.Number); // gpsd: a C/N0 of 0 (or none) is not tracked
            s.Used = (short)(isUsed ? 1 : 0);
            usedCount += s.Used;
        }

        // Bitwise compare: NaN (not reported) equals NaN; SkySignal has no padding to differ.
        if (_count != _lastCount
            || !MemoryMarshal.AsBytes(_signals.AsSpan(0, _count)).SequenceEqual(MemoryMarshal.AsBytes(_last.AsSpan(0, _count))))
        {
            _lastSky = _count == 0 ? SkySnapshot.Empty : new SkySnapshot(_signals.AsSpan(0, _count).ToArray(), usedCount);
        }

        (_last, _signals) = (_signals, _last);
        _swapped = true;
        _lastCount = _count;
        return _lastSky;
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
            ref SkySignal old = ref _last[j];
            if (HasFirstPart(old.Set) || !HasSet(old.Set, end))
            {
                continue; // the set started afresh this epoch, or did not come at all
            }

            bool named = false;
            for (int i = 0; i < end && !named; i++)
            {
                named = _signals[i].SameSignal(in old);
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
}
